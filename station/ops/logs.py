"""Rotating log files in the platform's log folder.

Linux: ``~/.local/state/packing-station/log`` (``$XDG_STATE_HOME``); Windows:
``%LOCALAPPDATA%\\PackingStation\\Logs``. Five files of 2 MB each are kept, so a bench that
runs for months never fills its disk, and the last days are there when IT asks.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

LOG_FILE = "station.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """The folder of the station's logs and crash reports (created on first use)."""
    if sys.platform == "win32":
        folder = platformdirs.user_log_dir("PackingStation", appauthor=False)
    else:
        folder = platformdirs.user_log_dir("packing-station", appauthor=False)
    return Path(folder)


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the station's log records to a rotating file in ``folder`` (default
    :func:`log_dir`); warnings also go to stderr. Safe to call twice. Returns the log file."""
    folder = log_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(
            handler.baseFilename
        ) == path.resolve():
            return path
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(file_handler)
    if not any(type(h) is logging.StreamHandler for h in root.handlers):
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("station").info(
        "log opened by pid %d (%s)", os.getpid(), " ".join(sys.argv[:1] + sys.argv[1:])
    )
    return path


def log_files(folder: Path | None = None) -> list[Path]:
    """The station log and its rotated copies, the fault log and the crash reports."""
    folder = log_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    found = sorted(folder.glob(LOG_FILE + "*")) + sorted(folder.glob("faults.log"))
    crash = folder / "crash"
    if crash.is_dir():
        found += sorted(crash.glob("*.txt"))
    return found
