"""Rotating log files in the platform's log folder.

Linux: ``~/.local/state/packing-station/log`` (``$XDG_STATE_HOME``); Windows:
``%LOCALAPPDATA%\\PackingStation\\Logs``. Five files of 2 MB each are kept, so a bench that
runs for months never fills its disk, and the last days are there when IT asks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

LOG_FILE = "station.log"
RELAUNCHER_LOG = "relauncher.log"  # the relauncher's own file: one rotating writer per file
MAX_CRASH_REPORTS = 50
MAX_CRASH_AGE_DAYS = 30
MAX_FAULT_BYTES = 1024 * 1024
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


def demo_log_dir() -> Path:
    """``station --demo``'s logs: in the temporary folder, apart from a real bench's."""
    import tempfile

    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getpid())
    return Path(tempfile.gettempdir()) / f"packing-station-demo-{user}" / "log"


def setup_logging(
    folder: Path | None = None, level: int = 20, *, file_name: str = LOG_FILE
) -> Path:
    """Send the station's log records to a rotating file in ``folder`` (default
    :func:`log_dir`); warnings also go to stderr. Safe to call twice. Returns the log file.

    Each process rotates its own file (``station.log`` the window, ``relauncher.log`` the
    relauncher): two processes rotating one file lose lines. (``level`` 20 is INFO: logging is
    imported here, not with this module, so the relauncher starts the window before it.)
    """
    import logging
    import logging.handlers

    folder = log_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
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


def prune_logs(folder: Path, *, now: float | None = None) -> list[Path]:
    """Keep the log folder bounded (run before the window starts): crash reports older than
    :data:`MAX_CRASH_AGE_DAYS` or beyond the newest :data:`MAX_CRASH_REPORTS` are deleted,
    and a ``faults.log`` over :data:`MAX_FAULT_BYTES` becomes ``faults.log.1`` (replacing
    the previous one). Returns what was removed or moved."""
    import time

    now = time.time() if now is None else now
    gone: list[Path] = []
    crash = folder / "crash"
    if crash.is_dir():
        reports = sorted(crash.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for index, report in enumerate(reports):
            old = now - report.stat().st_mtime > MAX_CRASH_AGE_DAYS * 86_400
            if index >= MAX_CRASH_REPORTS or old:
                report.unlink(missing_ok=True)
                gone.append(report)
    faults = folder / "faults.log"
    if faults.is_file() and faults.stat().st_size > MAX_FAULT_BYTES:
        faults.replace(folder / "faults.log.1")
        gone.append(faults)
    return gone


def log_files(folder: Path | None = None) -> list[Path]:
    """The station and relauncher logs with their rotated copies, the fault logs and the crash
    reports."""
    folder = log_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    found = (sorted(folder.glob(LOG_FILE + "*")) + sorted(folder.glob(RELAUNCHER_LOG + "*"))
             + sorted(folder.glob("faults.log*")))
    crash = folder / "crash"
    if crash.is_dir():
        found += sorted(crash.glob("*.txt"))
    return found
