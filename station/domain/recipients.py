"""How a lead finds an order by who it goes to, and how that person is shown.

Pure functions. A name is found by its search key (case folded, spaces and dots dropped:
"Emma Brown", "emma  brown" and "EMMA.BROWN" are one key; Chinese names as written), exactly
or by its beginning; a phone by its digits (spaces, dashes, brackets and a leading + dropped),
the whole number or its last four. On screen both are masked (脱敏) as Chinese e-commerce
shows them: "王*明", "E*** B****", "138****8000".
"""

from __future__ import annotations

import re

_DROP = re.compile(r"[\s.·]+")
_PHONE_CHARS = re.compile(r"^[+\d][\d\s\-()]*$")


def name_key(name: str) -> str:
    return _DROP.sub("", name).casefold()[:100]


def phone_digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")[:32]


def looks_like_phone(text: str) -> str | None:
    """The digits of ``text`` when it is a phone number or its last four (else None)."""
    text = text.strip()
    if not _PHONE_CHARS.match(text):
        return None
    digits = phone_digits(text)
    return digits if len(digits) >= 4 else None


def mask_name(name: str) -> str:
    """Each word keeps its first letter (and, for a Chinese name, its last character)."""
    name = name.strip()
    if not name:
        return ""
    if " " not in name and not name.isascii():  # 王小明 -> 王*明, 王明 -> 王*
        return name[0] + "*" * max(1, len(name) - 2) + (name[-1] if len(name) > 2 else "")
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())


def mask_phone(phone: str | None) -> str:
    """The first three and the last four digits: 138****8000."""
    digits = phone_digits(phone)
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
