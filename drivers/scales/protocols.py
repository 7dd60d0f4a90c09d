"""The scale protocols by name: parser factory, poll/zero/tare bytes and serial defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from drivers.errors import DeviceConfigError, ProtocolError
from drivers.i18n import _
from drivers.scales import cas, hid_postal, mtsics, nci, toledo8213, toledo_cont
from drivers.scales.base import ScaleParser
from drivers.weight import Unit, parse_unit


@dataclass(frozen=True)
class ScaleProtocol:
    name: str
    make_parser: Callable[[Mapping[str, Any]], ScaleParser]
    poll: bytes | None  # None: the scale streams by itself
    zero: bytes | None
    tare: bytes | None
    serial_defaults: Mapping[str, Any] = field(default_factory=dict)
    request_poll: bytes | None = None  # poll of the optional request mode (option request=1)
    answers: Mapping[str, bytes] = field(default_factory=dict)  # reply → bytes sent back
    identify: bytes | None = None  # asks the serial number (None: the protocol cannot)

    def poll_bytes(self, options: Mapping[str, Any]) -> bytes | None:
        """What to send every poll interval (None: the scale streams by itself)."""
        if self.request_poll is not None and _flag(options, "request"):
            return self.request_poll
        return self.poll


def _unit(options: Mapping[str, Any], default: Unit) -> Unit:
    value = options.get("unit")
    if value is None:
        return default
    try:
        return parse_unit(str(value))
    except ProtocolError:
        raise DeviceConfigError(
            _("Unknown scale unit {unit!r} in the configuration; use g, kg, lb or oz.").format(
                unit=value
            )
        ) from None


def _flag(options: Mapping[str, Any], key: str) -> bool:
    return str(options.get(key, "0")).lower() in ("1", "true", "yes", "on")


PROTOCOLS: dict[str, ScaleProtocol] = {
    p.name: p
    for p in (
        ScaleProtocol(
            "mt-sics",
            lambda o: mtsics.MtSicsParser(),
            mtsics.POLL_IMMEDIATE,
            mtsics.ZERO,
            mtsics.TARE,
            {"baudrate": 9600, "bytesize": 8, "parity": "N"},
            identify=mtsics.IDENTIFY,
        ),
        ScaleProtocol(
            "toledo-8213",
            lambda o: toledo8213.Toledo8213Parser(_unit(o, Unit.KILOGRAM)),
            toledo8213.POLL,
            toledo8213.ZERO,
            None,
            {"baudrate": 9600, "bytesize": 7, "parity": "E"},
        ),
        ScaleProtocol(
            "toledo-cont",
            lambda o: toledo_cont.ToledoContinuousParser(with_checksum=_flag(o, "checksum")),
            None,
            toledo_cont.ZERO,
            toledo_cont.TARE,
            {"baudrate": 9600, "bytesize": 7, "parity": "E"},
        ),
        ScaleProtocol(
            "cas",
            lambda o: cas.CasParser(),
            None,
            None,
            None,
            {"baudrate": 9600, "bytesize": 8, "parity": "N"},
            request_poll=cas.ENQ,
            answers={"enq": cas.DC1},
        ),
        ScaleProtocol(
            "nci",
            lambda o: nci.NciParser(),
            nci.POLL,
            nci.ZERO,
            nci.TARE,
            {"baudrate": 9600, "bytesize": 7, "parity": "E"},
        ),
        ScaleProtocol(
            "hid-postal",
            lambda o: hid_postal.HidPostalParser(discard_first=not _flag(o, "keep_first")),
            None,
            None,
            None,
        ),
    )
}


def scale_protocol(name: str) -> ScaleProtocol:
    """Look a protocol up by its configured name."""
    try:
        return PROTOCOLS[name]
    except KeyError:
        raise DeviceConfigError(
            _("Unknown scale protocol {name!r}; choose one of: {names}.").format(
                name=name, names=", ".join(PROTOCOLS)
            )
        ) from None
