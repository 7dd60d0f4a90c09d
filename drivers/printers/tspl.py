"""TSC TSPL status: ``ESC !?`` → one byte of flags (0 = ready).

Bit 0 head open, 1 paper jam, 2 out of paper, 3 out of ribbon, 4 pause, 5 printing (busy,
not a fault), 6 cover open, 7 temperature out of range.
"""

from __future__ import annotations

from drivers.printers.status import PrinterProblem, PrinterStatus, check_bytes

STATUS_QUERY = b"\x1b!?"

_BITS = (
    (0x01, PrinterProblem.HEAD_OPEN),
    (0x02, PrinterProblem.PAPER_JAM),
    (0x04, PrinterProblem.PAPER_OUT),
    (0x08, PrinterProblem.RIBBON_OUT),
    (0x10, PrinterProblem.PAUSED),
    (0x40, PrinterProblem.HEAD_OPEN),
    (0x80, PrinterProblem.ERROR),
)


def decode_status(byte: int) -> PrinterStatus:
    return PrinterStatus(frozenset(p for bit, p in _BITS if byte & bit), raw=bytes([byte]))


class TsplStatusParser:
    """Every byte received is one status reply."""

    def feed(self, data: bytes) -> list[PrinterStatus]:
        return [decode_status(b) for b in check_bytes(data)]
