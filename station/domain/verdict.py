"""What the station tells the packer after each action: a typed value the UI renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from station.i18n import _


class Severity(StrEnum):
    OK = "ok"  # green, carry on
    NEEDS_ACTION = "needs_action"  # amber, the packer must do something (scan a lot, a box...)
    STOP = "stop"  # red, hard stop: nothing moves on until it is resolved


class Sound(StrEnum):
    ACCEPT = "accept"
    PROMPT = "prompt"
    ERROR = "error"
    WRONG_ITEM = "wrong_item"  # distinct, so a wrong item is never mistaken for a typo
    DONE = "done"
    # Handover: each kind of foreign parcel has its own sound, so the lead knows without
    # looking which pile the driver must put it back on.
    OTHER_CARRIER = "other_carrier"
    VOIDED_LABEL = "voided_label"
    ALREADY_SHIPPED = "already_shipped"
    OTHER_WAREHOUSE = "other_warehouse"
    SCANNED_TWICE = "scanned_twice"
    UNKNOWN_PARCEL = "unknown_parcel"
    ORDER_STOPPED = "order_stopped"


@dataclass(frozen=True, slots=True)
class Verdict:
    """``code`` is stable for programs and tests; ``message`` is the translated sentence.

    The text is kept untranslated with its parameters so the UI can render it in the language
    active at display time.
    """

    severity: Severity
    code: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)
    sound: Sound = Sound.ACCEPT

    @property
    def message(self) -> str:
        return _(self.text).format(**self.params)

    @property
    def ok(self) -> bool:
        return self.severity is Severity.OK


def ok(code: str, text: str, sound: Sound = Sound.ACCEPT, /, **params: Any) -> Verdict:
    return Verdict(Severity.OK, code, text, params, sound)


def needs_action(
    code: str, text: str, sound: Sound = Sound.PROMPT, /, **params: Any
) -> Verdict:
    return Verdict(Severity.NEEDS_ACTION, code, text, params, sound)


def stop(code: str, text: str, sound: Sound = Sound.ERROR, /, **params: Any) -> Verdict:
    return Verdict(Severity.STOP, code, text, params, sound)
