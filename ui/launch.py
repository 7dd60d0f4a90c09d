"""The ``station`` command: the core's CLI with the window plugged in.

``station/cli.py`` holds every command; this launcher only hands it the function that starts
the window, so the Qt-free core never imports the UI. Qt is imported only when the window is
started (``station``, ``station run``, ``station --demo``), never for ``station doctor``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from station.cli import main as station_main
from station.config import LoadedSettings
from station.i18n import _


def run_window(loaded: LoadedSettings, demo: bool) -> int:
    try:
        from ui.app import main as ui_main
    except ImportError as exc:  # e.g. a server without the Qt runtime libraries
        print(
            _("error: the station window cannot start: {error}").format(error=exc), file=sys.stderr
        )
        return 1
    return ui_main(loaded, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    return station_main(argv, run_window=run_window)


if __name__ == "__main__":
    sys.exit(main())
