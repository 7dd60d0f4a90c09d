"""ESC/POS real-time status: DLE EOT 1 (printer), 2 (offline cause), 4 (paper roll sensor).

Query bytes come from python-escpos' constants. Each reply byte has bit 1 and bit 4 set and
bits 0 and 7 clear (``b & 0x93 == 0x12``); anything else is not a status byte. python-escpos'
own ``paper_status()`` says "adequate" when nobody answers: we never do that.
"""

from __future__ import annotations

from escpos import constants

from drivers.printers.status import PrinterProblem, PrinterStatus, check_bytes

STATUS_QUERY = (
    constants.RT_STATUS_ONLINE + constants.RT_STATUS + b"\x02" + constants.RT_STATUS_PAPER
)


def _valid(byte: int) -> bool:
    return byte & 0x93 == 0x12


class EscposStatusParser:
    """Collects the three reply bytes of ``STATUS_QUERY`` into one status."""

    def __init__(self) -> None:
        self._bytes = bytearray()

    def feed(self, data: bytes) -> list[PrinterStatus]:
        out: list[PrinterStatus] = []
        for byte in check_bytes(data):
            if not _valid(byte):
                self._bytes.clear()
                out.append(PrinterStatus(frozenset({PrinterProblem.UNREADABLE}), raw=bytes([byte])))
                continue
            self._bytes.append(byte)
            if len(self._bytes) == 3:
                out.append(decode_status(bytes(self._bytes)))
                self._bytes.clear()
        return out


def decode_status(reply: bytes) -> PrinterStatus:
    """Three bytes: replies to DLE EOT 1, 2 and 4."""
    printer, offline, paper = reply
    problems: set[PrinterProblem] = set()
    if printer & 0x08:
        problems.add(PrinterProblem.OFFLINE)
    if offline & 0x04:
        problems.add(PrinterProblem.HEAD_OPEN)  # cover open
    if offline & 0x20 or paper & 0x60:
        problems.add(PrinterProblem.PAPER_OUT)
    if offline & 0x40:
        problems.add(PrinterProblem.ERROR)
    return PrinterStatus(frozenset(problems), raw=bytes(reply))


def self_test_receipt(lines: list[str]) -> bytes:
    """A small receipt built with python-escpos (self-test of an ESC/POS printer)."""
    # lazy: escpos.printer loads python-escpos' printer capability database (~0.5 s), which
    # the station's start-up must not wait for
    from escpos.printer import Dummy

    printer = Dummy()
    printer.set(align="center", bold=True)
    for line in lines:
        printer.textln(line)
    printer.cut()
    return bytes(printer.output)
