"""English and 简体中文 through Qt translators, switchable while the station runs.

Core texts (``station.i18n._``) are looked up in the same catalogue under context
``station``; our widgets use their own contexts. ``resources/translations/station_<lang>.ts``
is compiled to ``.qm`` by ``pyside6-lrelease`` (see ``tools`` in the README).
"""

from __future__ import annotations

import drivers.i18n
import station.i18n
from station.resources import resource_dir
from ui.qt import QCoreApplication, QTranslator

TRANSLATIONS = resource_dir() / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


FONTS = resource_dir() / "fonts"


def load_fonts() -> None:
    """Bundled CJK font (WenQuanYi Micro Hei), so 简体中文 renders on a bare Linux box."""
    from ui.qt import QFontDatabase

    for path in FONTS.glob("*.tt[cf]"):
        QFontDatabase.addApplicationFont(str(path))


def _core_translate(text: str) -> str:
    return QCoreApplication.translate("station", text)


# One catalogue per application (Qt's translators are application-wide).
_installed: list[QTranslator] = []


def reset() -> None:
    """English, and the core's ``_()`` back to the identity (tests; a window closing)."""
    station.i18n.install(lambda text: text)  # first: workers stop asking Qt
    drivers.i18n.install(lambda text: text)
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


class Language:
    """The active language of the application; a new one starts in English."""

    def __init__(self) -> None:
        self.current = "en"
        station.i18n.install(_core_translate)
        drivers.i18n.install(_core_translate)  # device messages share the core's context
        load_fonts()
        self.switch("en")

    def switch(self, code: str) -> bool:
        """Install ``code`` (en, zh_CN). Returns False when its catalogue is missing."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        while _installed:
            app.removeTranslator(_installed.pop())
        if code != "en":
            translator = QTranslator(app)
            if not translator.load(str(TRANSLATIONS / f"station_{code}.qm")):
                self.current = "en"
                return False
            app.installTranslator(translator)
            _installed.append(translator)
        self.current = code
        return True
