"""Recipient masking for carriers that say ``mask_recipient`` (Chinese e-waybills).

The same rule as the station's labels (``station.labels.data``), the phone reduced to its
digits first; kept here because the central server does not import the label renderers.
"""

from __future__ import annotations

import unicodedata


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def mask_name(name: str) -> str:
    """First character of each word kept: ``王**``, ``E*** B****``."""
    name = " ".join(name.split())
    if not name:
        return name
    if any(_is_cjk(c) for c in name):
        return name[0] + "*" * max(1, min(len(name) - 1, 3))
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split(" ") if w)


def mask_phone(phone: str) -> str:
    """Middle digits hidden: ``138****5678`` (short numbers: last 2 kept)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)
