"""Crash reports: an unhandled exception or a fatal signal leaves a file IT can send us.

- ``sys.excepthook`` (the GUI thread, and Qt slots, which PySide6 routes there): write a report
  to ``<log folder>/crash/`` and end the process with :data:`CRASH_EXIT`, so the relauncher
  (:mod:`station.ops.supervisor`) starts the window again. Every accepted scan is already
  committed, and the store resumes the open pack session, so the packer continues where they were.
- ``threading.excepthook`` (device, sync and store lanes): write a report and log it; the window
  stays up (the lane's owner reports its own health).
- ``faulthandler`` writes the Python stacks of a segfault or abort to ``faults.log``; the
  relauncher copies what it wrote into a crash report.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import platform
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from station import __version__
from station.ops.spawn import FAULT_LOG  # one name for the file the relauncher reads

CRASH_EXIT = 70  # EX_SOFTWARE: "restart me"
log = logging.getLogger("station.crash")

_fault_file: IO[str] | None = None  # kept open for faulthandler for the life of the process


def crash_dir(folder: Path) -> Path:
    path = folder / "crash"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_report(folder: Path, title: str, body: str) -> Path:
    """Write one crash report (header with versions, then ``body``) and return its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = crash_dir(folder) / f"crash-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}.txt"
    header = [
        f"Packing Station {__version__} crash report",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"what: {title}",
        f"pid: {os.getpid()}",
        f"python: {sys.version.split()[0]} ({sys.executable})",
        f"platform: {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        f"argv: {sys.argv}",
        "",
    ]
    path.write_text("\n".join(header) + body, encoding="utf-8")
    return path


def _format(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


def install_crash_handlers(folder: Path, *, exit_on_crash: bool = True) -> None:
    """Install the three handlers. ``exit_on_crash``: a GUI-thread exception ends the process
    with :data:`CRASH_EXIT` (under the relauncher) instead of letting it limp on."""
    global _fault_file
    folder.mkdir(parents=True, exist_ok=True)
    if _fault_file is None:
        _fault_file = (folder / FAULT_LOG).open("a", encoding="utf-8")
    faulthandler.enable(file=_fault_file, all_threads=True)

    def on_exception(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = _format(exc_type, exc, tb)
        path = write_report(folder, "unhandled exception in the main thread", text)
        log.critical("crash: %s; report %s", exc, path)
        sys.stderr.write(text)
        if exit_on_crash:
            logging.shutdown()
            os._exit(CRASH_EXIT)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread else "?"
        text = _format(args.exc_type, args.exc_value, args.exc_traceback)
        path = write_report(folder, f"unhandled exception in thread {name}", text)
        log.error("thread %s died: %s; report %s", name, args.exc_value, path)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
