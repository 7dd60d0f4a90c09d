"""Marks user-visible driver text for translation.

``drivers`` imports nothing of ours (house rule), so it cannot use ``station.i18n``; it keeps
this twin with the same shape. The bootstrap installs the same catalogue into both.
"""

from collections.abc import Callable


def _identity(text: str) -> str:
    return text


_translate: Callable[[str], str] = _identity


def _(text: str) -> str:
    return _translate(text)


def install(translate: Callable[[str], str]) -> None:
    global _translate
    _translate = translate
