"""Marks user-visible text for translation; the station's UI installs the active catalogue.

The contract's own messages (a malformed tracking number) are shown to packers, so they are
marked like the core's; ``station.i18n`` is this module under its old name, and central never
installs a catalogue (its messages stay English).
"""

from __future__ import annotations

from collections.abc import Callable


def _identity(text: str) -> str:
    return text


_translate: Callable[[str], str] = _identity


def _(text: str) -> str:
    """The text in the active language (English when no catalogue is installed)."""
    return _translate(text)


def N_(text: str) -> str:
    """Marks a text for the translators without translating it now (tables built at import;
    ``_()`` translates the entry when it is shown)."""
    return text


def install(translate: Callable[[str], str]) -> None:
    """Route every later ``_()`` call through ``translate``."""
    global _translate
    _translate = translate
