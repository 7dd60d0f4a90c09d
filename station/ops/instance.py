"""One station window per user session — or per machine, when the station's data is the
machine's (:mod:`station.ops.machine`): a lock file in the session's runtime folder, or in the
shared machine folder, where a second OS user's station would write the same database.

The operating system drops the lock when the holding process dies (``flock`` on Linux,
``msvcrt.locking`` on Windows), so a crash or ``kill -9`` never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

import platformdirs

from station.i18n import _


class AlreadyRunning(Exception):
    """Another station of this user session holds the lock; ``str()`` says so for people."""


def default_lock_path() -> Path:
    from station.ops.machine import is_shared, machine_dir

    shared = machine_dir()
    if is_shared(shared) and os.access(shared, os.W_OK):
        return shared / "station.lock"
    folder = Path(platformdirs.user_runtime_dir("packing-station", appauthor=False))
    return folder / "station.lock"


class InstanceLock:
    """Held from :meth:`acquire` until :meth:`release` or the end of the process."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = default_lock_path() if path is None else path
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadyRunning` naming the holder's process id."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Group-writable in a shared folder: the next OS user's station must open it too.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o660)
        if os.name == "posix":
            from station.ops.machine import is_shared

            if is_shared(self.path.parent) and os.fstat(fd).st_uid == os.getuid():
                os.fchmod(fd, 0o660)
        fh = os.fdopen(fd, "a+", encoding="utf-8")
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            raise AlreadyRunning(
                _(
                    "The Packing Station is already running in this session (process {pid}). "
                    "Switch to its window; only one station may run per user."
                ).format(pid=holder)
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def fileno(self) -> int:
        """The descriptor holding the lock (a child that inherits it keeps the lock held)."""
        if self._fh is None:
            raise RuntimeError("the lock is not held")
        return self._fh.fileno()

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing the file drops the lock
            self._fh = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock(fh: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
