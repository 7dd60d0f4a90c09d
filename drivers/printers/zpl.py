"""Zebra ZPL host status: ``~HS`` → three ``STX ... ETX CR LF`` strings.

String 1 ``aaa,b,c,dddd,eee,f,g,h,iii,j,k,l``: b paper out, c pause, eee formats in the
receive buffer (a label held until the fault is cleared), j corrupt RAM,
k under / l over temperature. String 2 ``mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www``: o head up,
p ribbon out. String 3 ``xxxx,y``. Newer firmware does not answer at all with media out or
head open, which the printer driver reports as NO_REPLY: never "ok".
"""

from __future__ import annotations

import re

from drivers.printers.status import PrinterProblem, PrinterStatus, check_bytes

STATUS_QUERY = b"~HS"
STX, ETX = 0x02, 0x03

_FIELD = re.compile(rb"[0-9A-Za-z ]{1,8}")


class ZplStatusParser:
    """Incremental ``~HS`` reply parser; yields a status once all three strings arrived."""

    max_string = 96

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._strings: list[list[bytes]] = []
        self._raw = bytearray()

    def feed(self, data: bytes) -> list[PrinterStatus]:
        self._buffer += check_bytes(data)
        out: list[PrinterStatus] = []
        while True:
            start = self._buffer.find(STX)
            if start < 0:
                self._buffer.clear()
                break
            end = self._buffer.find(ETX, start)
            if end < 0:
                del self._buffer[:start]
                if len(self._buffer) > self.max_string:
                    self._buffer.clear()
                    out.append(self._unreadable())
                break
            body = bytes(self._buffer[start + 1 : end])
            self._raw += self._buffer[start : end + 1]
            del self._buffer[: end + 1]
            fields = body.split(b",")
            if STX in body or not all(_FIELD.fullmatch(f) for f in fields):
                out.append(self._unreadable())
                continue
            expected = (12, 11, 2)[len(self._strings)]
            if len(fields) != expected:
                out.append(self._unreadable())
                continue
            self._strings.append(fields)
            if len(self._strings) == 3:
                out.append(self._status())
        return out

    def _unreadable(self) -> PrinterStatus:
        raw = bytes(self._raw)
        self._strings.clear()
        self._raw.clear()
        return PrinterStatus(frozenset({PrinterProblem.UNREADABLE}), raw=raw)

    def _status(self) -> PrinterStatus:
        first, second, _third = self._strings
        problems: set[PrinterProblem] = set()
        if first[1] == b"1":
            problems.add(PrinterProblem.PAPER_OUT)
        if first[2] == b"1":
            problems.add(PrinterProblem.PAUSED)
        if first[9] == b"1" or first[10] == b"1" or first[11] == b"1":
            problems.add(PrinterProblem.ERROR)  # corrupt RAM, under/over temperature
        if second[2] == b"1":
            problems.add(PrinterProblem.HEAD_OPEN)
        if second[3] == b"1":
            problems.add(PrinterProblem.RIBBON_OUT)
        raw = bytes(self._raw)
        self._strings.clear()
        self._raw.clear()
        # eee: formats in the receive buffer. A label sent just before the paper ran out waits
        # there and prints by itself once paper is loaded: it is not "not printed".
        held = int(first[4]) if first[4].strip().isdigit() else 0
        return PrinterStatus(frozenset(problems), raw=raw, held=held)
