"""Tracking-number formats: recognise, validate and complete numbers with their check digit.

Formats follow ``Carrier.tracking_format`` of the wire contract:

* ``s10``   UPU S10 (postal): 2 letters, 8 digits, check digit, 2-letter country.
* ``ups``   ``1Z`` + 15 characters + check digit (mod 10 over the 15, letters mapped to digits).
* ``usps``  USPS IMpb: 20–22 digits, the last a mod-10 check with weights 3,1.
* ``fedex`` FedEx Express 12 digits (weights 1,3,7 mod 11) or Ground 15 digits (mod 10 3,1).
* ``none``  carriers without a published check (SF, ZTO, YTO, JD...): 6–30 letters/digits.

Every check raises :class:`TrackingNumberError` whose message a packer can read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from contract.i18n import _


class TrackingNumberError(ValueError):
    """A tracking number is malformed or fails its check digit. ``str()`` is for people."""


_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial8: str) -> str:
    """Check digit of the 8 serial digits of a UPU S10 number (10 → 0, 11 → 5)."""
    total = sum(int(d) * w for d, w in zip(serial8, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def _ups_value(ch: str) -> int:
    # UPS maps letters onto digits: A=2, B=3 ... H=9, I=0, J=1 ... (ord - 63) mod 10.
    return int(ch) if ch.isdigit() else (ord(ch) - 63) % 10


def ups_check_digit(body15: str) -> str:
    """Check digit over the 15 characters after ``1Z`` (odd positions ×1, even ×2, mod 10)."""
    total = sum(_ups_value(c) * (2 if i % 2 else 1) for i, c in enumerate(body15))
    return str((10 - total % 10) % 10)


def mod10_31_check_digit(digits: str) -> str:
    """Mod 10 with weights 3,1 from the rightmost digit (USPS IMpb, FedEx Ground, GS1)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def fedex12_check_digit(digits11: str) -> str:
    """FedEx Express: weights 1,3,7 repeating from the rightmost of the 11 digits, mod 11."""
    weights = (1, 3, 7)
    total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(digits11)))
    return str(total % 11 % 10)


@dataclass(frozen=True)
class TrackingFormat:
    """One numbering scheme: how to recognise a number and how to complete a pool number."""

    code: str
    pattern: re.Pattern[str]
    describe: str  # shown in errors: what a valid number looks like
    check: Callable[[str], str] | None  # body -> expected check digit
    split: Callable[[str], tuple[str, str]] | None  # full number -> (body, check digit)
    complete: Callable[[str], str]  # body (prefix + serial [+ suffix]) -> printable number

    def validate(self, number: str) -> str:
        """Return ``number`` if it is valid for this format, else raise TrackingNumberError."""
        if not isinstance(number, str) or not self.pattern.fullmatch(number):
            raise TrackingNumberError(
                _("Tracking number {number!r} is not a valid {kind} number ({describe}).").format(
                    number=str(number)[:40], kind=self.code.upper(), describe=self.describe
                )
            )
        if self.check is not None and self.split is not None:
            body, digit = self.split(number)
            if self.check(body) != digit:
                raise TrackingNumberError(
                    _(
                        "Tracking number {number} fails its check digit: "
                        "scan or type it again, or ask a lead."
                    ).format(number=number)
                )
        return number


def _s10_split(number: str) -> tuple[str, str]:
    return number[2:10], number[10]


def _s10_complete(body: str) -> str:
    # body = 2 letters + 8 digits + 2 letters (pool prefix/serial/suffix): insert the check.
    return body[:10] + s10_check_digit(body[2:10]) + body[10:]


def _ups_split(number: str) -> tuple[str, str]:
    return number[2:17], number[17]


def _tail_split(number: str) -> tuple[str, str]:
    return number[:-1], number[-1]


def _usps_check(body: str) -> str:
    return mod10_31_check_digit(body)


def _fedex_check(body: str) -> str:
    return fedex12_check_digit(body) if len(body) == 11 else mod10_31_check_digit(body)


FORMATS: dict[str, TrackingFormat] = {
    "s10": TrackingFormat(
        "s10",
        re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}"),
        _("2 letters, 9 digits, 2 letters, e.g. EE123456785CN"),
        s10_check_digit,
        _s10_split,
        _s10_complete,
    ),
    "ups": TrackingFormat(
        "ups",
        re.compile(r"1Z[0-9A-Z]{15}\d"),
        _("1Z followed by 16 letters or digits"),
        ups_check_digit,
        _ups_split,
        lambda body: body + ups_check_digit(body[2:]),
    ),
    "usps": TrackingFormat(
        "usps",
        re.compile(r"\d{20,22}"),
        _("20 to 22 digits"),
        _usps_check,
        _tail_split,
        lambda body: body + mod10_31_check_digit(body),
    ),
    "fedex": TrackingFormat(
        "fedex",
        re.compile(r"\d{12}|\d{15}"),
        _("12 or 15 digits"),
        _fedex_check,
        _tail_split,
        lambda body: body + _fedex_check(body),
    ),
    "none": TrackingFormat(
        "none",
        re.compile(r"[0-9A-Z]{6,30}"),
        _("6 to 30 capital letters or digits"),
        None,
        None,
        lambda body: body,
    ),
}


def tracking_format(code: str) -> TrackingFormat:
    """The format named by a carrier's ``tracking_format``."""
    try:
        return FORMATS[code]
    except KeyError:
        raise TrackingNumberError(
            _("Unknown tracking-number format {code!r}: ask IT to check the carrier setup.").format(
                code=code
            )
        ) from None


def validate_tracking_number(number: str, format_code: str) -> str:
    """Validate ``number`` for the carrier format ``format_code``; returns the number."""
    return tracking_format(format_code).validate(number)
