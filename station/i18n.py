"""Marks user-visible text for translation; the UI installs the active catalogue."""
from collections.abc import Callable
_translate: Callable[[str], str] = lambda s: s
def _(text: str) -> str:
    return _translate(text)
def install(translate: Callable[[str], str]) -> None:
    global _translate
    _translate = translate
