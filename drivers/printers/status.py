"""What a printer says about itself, in one typed shape for every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from drivers.errors import ProtocolError
from drivers.i18n import _


class PrinterProblem(StrEnum):
    PAPER_OUT = "paper_out"
    HEAD_OPEN = "head_open"
    PAUSED = "paused"
    RIBBON_OUT = "ribbon_out"
    PAPER_JAM = "paper_jam"
    OFFLINE = "offline"
    ERROR = "error"
    NO_REPLY = "no_reply"
    UNREADABLE = "unreadable"


def problem_text(problem: PrinterProblem) -> str:
    """A sentence for the packer; translated when called, not at import."""
    texts = {
        PrinterProblem.PAPER_OUT: _("The printer is out of labels."),
        PrinterProblem.HEAD_OPEN: _("The printer head or cover is open."),
        PrinterProblem.PAUSED: _("The printer is paused: press its pause/feed button."),
        PrinterProblem.RIBBON_OUT: _("The printer is out of ribbon."),
        PrinterProblem.PAPER_JAM: _("The printer has a paper jam."),
        PrinterProblem.OFFLINE: _("The printer is offline."),
        PrinterProblem.ERROR: _("The printer reports an error."),
        PrinterProblem.NO_REPLY: _("The printer does not answer."),
        PrinterProblem.UNREADABLE: _("The printer answered something we cannot read."),
    }
    return texts[problem]


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """``known`` is False when the link cannot report status (CUPS, spooler, device file)."""

    problems: frozenset[PrinterProblem] = field(default_factory=frozenset)
    known: bool = True
    raw: bytes = b""
    held: int = 0  # formats the printer holds in its buffer (ZPL ~HS): they print once fixed

    @property
    def ready(self) -> bool:
        return self.known and not self.problems

    @property
    def fault(self) -> bool:
        return bool(self.problems)

    @property
    def message(self) -> str:
        if not self.known:
            return _("This printer connection cannot report status.")
        if not self.problems:
            return _("Ready.")
        return " ".join(problem_text(p) for p in sorted(self.problems))

    @classmethod
    def no_reply(cls) -> PrinterStatus:
        return cls(frozenset({PrinterProblem.NO_REPLY}))

    @classmethod
    def unknown(cls) -> PrinterStatus:
        return cls(known=False)


class StatusParser(Protocol):
    def feed(self, data: bytes) -> list[PrinterStatus]: ...


@dataclass(frozen=True)
class PrinterLanguage:
    """The status query bytes of a printer language and a factory for its reply parser."""

    name: str
    status_query: bytes
    parser: type


def check_bytes(data: object) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise ProtocolError(
        _("Printer data must be bytes, not {kind}.").format(kind=type(data).__name__)
    )
