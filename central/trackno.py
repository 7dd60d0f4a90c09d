"""Tracking numbers the central server issues: UPU S10 (with its check digit) or plain."""

from __future__ import annotations

_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """UPU S10 check digit of an 8-digit serial number."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError("an S10 serial has exactly 8 digits")
    check = 11 - sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def format_number(tracking_format: str, prefix: str, n: int, width: int, suffix: str) -> str:
    """The printed number for serial ``n``: ``prefix + digits [+ check] + suffix``."""
    if tracking_format == "s10":
        serial = str(n).zfill(8)
        return f"{prefix}{serial}{s10_check_digit(serial)}{suffix}"
    return f"{prefix}{str(n).zfill(width)}{suffix}"
