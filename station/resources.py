"""Where the shipped data files (``resources/``: label templates, fonts, sounds, translations,
the API document) are, however the station was installed.

- a PyInstaller bundle: ``<bundle>/resources`` (``sys._MEIPASS``);
- a source checkout or editable install: ``resources/`` beside the ``station`` package;
- an installed wheel: ``<prefix>/share/packing-station/resources`` (the wheel's data files,
  see ``[tool.setuptools.data-files]`` in pyproject.toml), for a venv, ``--prefix`` or
  ``--user`` install alike.

``STATION_RESOURCES`` names another folder (a site's own label templates, say).
"""

from __future__ import annotations

import os
import site
import sys
from functools import lru_cache
from pathlib import Path

SHARE = Path("share") / "packing-station" / "resources"
_MARKER = Path("labels") / "carrier_100x150.toml"  # a file every complete folder has


def candidates() -> list[Path]:
    """Folders to look in, first match wins."""
    found: list[Path] = []
    override = os.environ.get("STATION_RESOURCES")
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    package = Path(__file__).resolve().parent
    found.append(package.parent / "resources")  # source checkout
    # wheel data files: <prefix>/lib/pythonX.Y/site-packages/station (POSIX) or
    # <prefix>/Lib/site-packages/station (Windows) -> <prefix>/share/...
    ups = package.parents
    found += [ups[n] / SHARE for n in (3, 2) if n < len(ups)]
    found += [Path(sys.prefix) / SHARE, Path(site.getuserbase()) / SHARE]
    return found


@lru_cache(maxsize=1)
def resource_dir() -> Path:
    """The folder with the shipped data files (see module docstring)."""
    for folder in candidates():
        if (folder / _MARKER).is_file():
            return folder
    # Nothing complete found: the checkout path, so the error names a sensible place.
    return Path(__file__).resolve().parent.parent / "resources"
