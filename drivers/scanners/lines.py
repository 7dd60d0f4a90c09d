"""Serial / USB-CDC barcode scanners: line-terminated scans with an optional AIM prefix.

Order on the wire: ``[prefix][AIM id]data[suffix]terminator``. We never ``strip()`` a scan:
``'\\x1d'.isspace()`` is True and the GS separator of GS1 codes must survive. Only the
configured terminator, stray CR/LF at the edges and the exact configured prefix/suffix go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drivers.errors import DeviceConfigError, ProtocolError
from drivers.i18n import _

GS = "\x1d"
TERMINATORS = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}
_AIM = re.compile(rb"\][A-Za-z][0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class ScannedCode:
    """One scan. ``symbology`` is the AIM id (``]C1``, ``]E0``, ``]d2``...) or None."""

    data: str
    symbology: str | None
    raw: bytes


@dataclass(frozen=True, slots=True)
class UnreadableScan:
    raw: bytes
    reason: str


class ScanLineSplitter:
    """Incremental: feed bytes as they arrive, get completed scans."""

    def __init__(
        self,
        terminator: str = "CR",
        *,
        aim: bool = True,
        prefix: str = "",
        suffix: str = "",
        encoding: str = "utf-8",
        max_length: int = 4096,
    ) -> None:
        try:
            self.terminator = TERMINATORS[terminator.upper()]
        except KeyError:
            raise DeviceConfigError(
                _("Unknown scanner terminator {value!r}; choose CR, LF, CRLF or TAB.").format(
                    value=terminator
                )
            ) from None
        if GS in prefix or GS in suffix:
            raise DeviceConfigError(_("A scanner prefix or suffix must not contain GS (0x1D)."))
        self.aim = aim
        self.prefix = prefix.encode(encoding)
        self.suffix = suffix.encode(encoding)
        self.encoding = encoding
        self.max_length = max_length
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[ScannedCode | UnreadableScan]:
        if not isinstance(data, bytes | bytearray | memoryview):
            raise ProtocolError(_("Scanner data must be bytes."))
        self._buffer += data
        out: list[ScannedCode | UnreadableScan] = []
        while (end := self._buffer.find(self.terminator)) >= 0:
            line = bytes(self._buffer[:end])
            del self._buffer[: end + len(self.terminator)]
            scan = self._scan(line)
            if scan is not None:
                out.append(scan)
        if len(self._buffer) > self.max_length:
            out.append(UnreadableScan(bytes(self._buffer[:64]), _("Scan too long: no terminator.")))
            self._buffer.clear()
        return out

    def _scan(self, line: bytes) -> ScannedCode | UnreadableScan | None:
        raw = line
        # A scanner sending CRLF to a CR-configured port leaves a LF at the next line's start.
        while line[:1] in (b"\r", b"\n"):
            line = line[1:]
        while line[-1:] in (b"\r", b"\n"):
            line = line[:-1]
        if not line:
            return None
        if self.prefix and line.startswith(self.prefix):
            line = line[len(self.prefix) :]
        symbology = None
        if self.aim and _AIM.match(line):
            symbology, line = line[:3].decode("ascii"), line[3:]
        if self.suffix and line.endswith(self.suffix):
            line = line[: -len(self.suffix)]
        try:
            text = line.decode(self.encoding)
        except UnicodeDecodeError:
            return UnreadableScan(
                raw,
                _("The scanner sent bytes that are not {encoding} text.").format(
                    encoding=self.encoding
                ),
            )
        if not text:
            return UnreadableScan(raw, _("Empty scan."))
        return ScannedCode(text, symbology, raw)
