"""What a raw scan says by itself: AIM symbology id, station command, GS1 element string,
or a plain code that the store must look up.

Rule from the field: never ``strip()`` a raw scan. ``'\\x1d'.isspace()`` is True in Python, so
stripping would eat the GS separator of a GS1 code. Only a trailing CR/LF is removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from station.i18n import _

GS = "\x1d"
MAX_SCAN_LEN = 512

_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# Symbology ids whose data is a GS1 element string (GS1-128, GS1 DataMatrix, GS1 QR,
# GS1 DataBar, GS1 DotCode).
GS1_SYMBOLOGIES = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
_HRI = re.compile(r"^\(\d{2,4}\)")
_GTIN_AI = re.compile(r"^01\d{14}")


class Command(StrEnum):
    CONFIRM = "CONFIRM"
    CANCEL = "CANCEL"
    NEW_PARCEL = "NEW-PARCEL"
    REPRINT = "REPRINT"
    CLOSE = "CLOSE"
    VOID = "VOID"
    PUT_ASIDE = "PUT-ASIDE"  # a lead puts the open order aside (the way out of any dead end)
    PRINT_WAITING = "PRINT-WAITING"  # print every label that waited for central, order by order


class ScanError(ValueError):
    """A scan that cannot be read. ``message`` is a translated sentence for the packer."""

    def __init__(self, code: str, text: str, /, **params: Any) -> None:
        self.code = code
        self.text = text
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.text).format(**self.params)


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """How this site's scanners send data. ``gs_substitute``: the character a scanner puts
    where GS (0x1D) belongs when the keyboard wedge cannot send it (e.g. ``"|"``)."""

    gs_substitute: str | None = None
    command_prefix: str = "CMD:"
    # A 16+ digit code starting "01" is read as GS1 even without an AIM id (most wedge
    # scanners are not set up to send one).
    gs1_without_aim: bool = True


@dataclass(frozen=True, slots=True)
class Gs1Data:
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    expiry: date | None = None
    sscc: str | None = None
    elements: dict[str, str] = field(default_factory=dict)


class ParsedKind(StrEnum):
    COMMAND = "command"
    GS1 = "gs1"
    CODE = "code"  # needs a look-up: item, pack, box, order, tote, badge, parcel...


@dataclass(frozen=True, slots=True)
class ParsedScan:
    raw: str
    text: str  # without AIM id and line terminator, GS substitute turned into GS
    kind: ParsedKind
    symbology: str | None = None
    command: Command | None = None
    gs1: Gs1Data | None = None


_DEFAULT = ScanConfig()


def parse_scan(raw: str, config: ScanConfig = _DEFAULT) -> ParsedScan:
    """Read one scan. Raises :class:`ScanError` for empty, oversized or malformed input."""
    if not isinstance(raw, str):
        raise ScanError("not_text", "The scanner sent data that is not text.")
    text = raw.rstrip("\r\n")
    if len(text) > MAX_SCAN_LEN:
        raise ScanError("too_long", "The scan is too long ({n} characters).", n=len(text))
    symbology = None
    match = _AIM.match(text)
    if match:
        symbology = match.group(0)
        text = text[match.end():]
    if config.gs_substitute:
        text = text.replace(config.gs_substitute, GS)
    if not text or not text.strip(" \t"):
        raise ScanError("empty", "The scan was empty. Scan again.")
    if any(c < " " and c != GS for c in text):
        raise ScanError(
            "control_chars",
            "The scan holds control characters; check the scanner's keyboard settings.",
        )
    upper = text.upper()
    if upper.startswith(config.command_prefix.upper()):
        name = upper[len(config.command_prefix):].strip()
        try:
            command = Command(name)
        except ValueError:
            raise ScanError("unknown_command", "Unknown command {name}.", name=name) from None
        return ParsedScan(raw, text, ParsedKind.COMMAND, symbology, command=command)
    if _looks_gs1(text, symbology, config):
        return ParsedScan(raw, text, ParsedKind.GS1, symbology, gs1=parse_gs1(text))
    return ParsedScan(raw, text, ParsedKind.CODE, symbology)


def _looks_gs1(text: str, symbology: str | None, config: ScanConfig) -> bool:
    if symbology in GS1_SYMBOLOGIES or text.startswith(GS) or _HRI.match(text):
        return True
    if not config.gs1_without_aim or not _GTIN_AI.match(text):
        return False
    return GS in text or len(text) > 16 or _gtin_check_ok(text[2:16])


def _gtin_check_ok(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def preload_gs1() -> None:
    """Import the GS1 tables now (~200 ms), e.g. on a worker right after start-up, so neither
    the start-up nor the first GS1 scan pays for it."""
    import biip.gs1_messages  # noqa: F401


def parse_gs1(text: str) -> Gs1Data:
    """GS1 element string (raw with GS separators, or "(01)...(10)..." human-readable)."""
    from biip import ParseConfig, ParseError  # lazy: see preload_gs1
    from biip.gs1_messages import GS1Message

    body = text.lstrip(GS)  # a leading FNC1 is sometimes transmitted as GS
    try:
        if body.startswith("("):
            message = GS1Message.parse_hri(body)
        else:
            message = GS1Message.parse(body, config=ParseConfig(separator_chars=(GS,)))
    except ParseError:
        raise ScanError(
            "malformed_gs1",
            "This GS1 barcode cannot be read ({code}). Scan it again or check the label.",
            code=body.replace(GS, "<GS>")[:40],
        ) from None
    found: dict[str, Any] = {"elements": {}}
    for element in message.element_strings:
        ai = element.ai.ai
        found["elements"][ai] = element.value
        if ai in ("01", "02"):
            if element.gtin_error:
                raise ScanError(
                    "bad_gtin",
                    "The product number {gtin} in this GS1 barcode has a wrong check digit.",
                    gtin=element.value,
                )
            found.setdefault("gtin", element.value)
        elif ai == "10":
            found["lot"] = element.value
        elif ai == "21":
            found["serial"] = element.value
        elif ai == "17":
            found["expiry"] = element.date
        elif ai == "00":
            found["sscc"] = element.value
    return Gs1Data(**found)


def code_spellings(parsed: ParsedScan) -> list[str]:
    """Spellings under which a scanned product code may be on file: a GS1 code's GTIN (in
    its spellings), a plain code's GTIN spellings, else the code as it is."""
    code = parsed.text.strip()
    if parsed.gs1 is not None and parsed.gs1.gtin:
        return gtin_candidates(parsed.gs1.gtin)
    if parsed.kind is ParsedKind.CODE:
        return gtin_candidates(code)
    return [code]


def gtin_candidates(code: str) -> list[str]:
    """Spellings under which a GTIN may be on file: as given, GTIN-14, and without the
    leading zeros of a GTIN-14 (EAN-13, UPC-A, EAN-8)."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return [code]
    gtin14 = code.zfill(14)
    out = [code, gtin14]
    for n in (13, 12, 8):
        if gtin14[: 14 - n].strip("0") == "":
            out.append(gtin14[14 - n:])
    return list(dict.fromkeys(out))
