"""Whether two blocks of tracking numbers can print the same number.

A block is written as ``prefix + serial.zfill(width) [+ check digit] + suffix``, and the same
printed numbers can be written in several ways: ``{"prefix": "EE2", "width": 7, "start": 500}``
prints EE20000500, as does ``{"prefix": "EE", "width": 8, "start": 20000500}``. So blocks are
compared in one canonical form: the letters before the digits, the number of digits, the
letters after them, and the digits as one integer (digits of the prefix or of the suffix are
part of it). An S10 number (UPU: two letters, eight digits, a check digit, two letters) has a
check digit that follows from the serial, so its serials are compared directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from central.errors import ApiProblem

_S10_LETTERS = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Block:
    """The printed numbers of a block: values ``lo, lo + step, ... <= hi`` under ``key``."""

    key: tuple[str | int, ...]
    lo: int
    hi: int
    step: int = 1

    def overlaps(self, other: Block) -> bool:
        if self.key != other.key:
            return False
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo > hi:
            return False
        # Steps are powers of ten (digits of a suffix): x = self.lo (mod a), other.lo (mod b).
        small, big = sorted((self, other), key=lambda b: b.step)
        if big.lo % small.step != small.lo % small.step:
            return False
        first = big.lo + max(0, -(-(lo - big.lo) // big.step)) * big.step
        return first <= hi

    def max_value(self) -> int:
        return self.hi


def block(tracking_format: str, prefix: str, suffix: str, width: int, start: int,
          end: int) -> Block:
    """The canonical block of a pool segment or central range (raises 422 if malformed)."""
    if tracking_format == "s10":
        if not (_S10_LETTERS.match(prefix) and _S10_LETTERS.match(suffix)):
            raise ApiProblem(422, "invalid_range", "An S10 number has two capital letters "
                             "before and two after its digits (for example EE…CN).")
        if width != 8 or end > 99_999_999:
            raise ApiProblem(422, "invalid_range", "An S10 number has an 8-digit serial.")
        return Block(("s10", prefix, suffix), start, end)
    head = prefix.rstrip("0123456789")
    head_digits = prefix[len(head):]
    tail = suffix.lstrip("0123456789")
    tail_digits = suffix[: len(suffix) - len(tail)]
    digits = len(head_digits) + width + len(tail_digits)
    scale = 10 ** len(tail_digits)
    base = int(head_digits or 0) * 10 ** (width + len(tail_digits)) + int(tail_digits or 0)
    return Block((head, digits, tail), base + start * scale, base + end * scale, scale)
