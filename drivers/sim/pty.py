"""A pty pair standing in for a serial cable, reachable under a stable path.

``unplug()`` closes both ends and removes the link (the driver's reads fail and the path is
gone, as with a pulled USB adapter); ``plug()`` makes a fresh pty under the same link.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading


class PtyLink:
    def __init__(self, link_path: str | None = None) -> None:
        self.link_path = link_path
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._lock = threading.Lock()

    @property
    def path(self) -> str:
        """What a driver opens: the stable symlink, or the pty's own name."""
        return self.link_path or self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> None:
        with self._lock:
            if self._master is not None:
                return
            import tty  # POSIX only: imported here so drivers.sim loads on Windows too

            master, slave = os.openpty()
            tty.setraw(slave)  # no echo, no line discipline: bytes pass as on a serial line
            os.set_blocking(master, False)
            self._slave_name = os.ttyname(slave)
            if self.link_path:
                tmp = f"{self.link_path}.{os.getpid()}.tmp"
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                os.symlink(self._slave_name, tmp)
                os.replace(tmp, self.link_path)  # atomic: a reader sees old or new, never none
            # Keep our slave fd open so the master never reads EIO while no driver is attached.
            self._master, self._slave = master, slave

    def unplug(self) -> None:
        with self._lock:
            if self.link_path:
                # The device path vanishes as /dev/ttyUSB0 does; a stale link could otherwise
                # lead a driver to a recycled pty number belonging to someone else.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.link_path)
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None

    def close(self) -> None:
        self.unplug()

    def write(self, data: bytes) -> bool:
        """Write what the pty takes; False if unplugged or the buffer is full (data dropped,
        as a real scale's output is lost when nobody listens)."""
        with self._lock:
            if self._master is None:
                return False
            try:
                os.write(self._master, data)
            except OSError:  # BlockingIOError included: the buffer is full
                return False
            return True

    def read(self, timeout: float) -> bytes:
        # The descriptor is used under the lock: read outside it, a descriptor number that
        # unplug() closed and plug() reopened (still blocking, for a moment) could leave
        # this thread in a read that never returns (seen under load: a replugged simulator
        # fell silent for good). ``timeout`` is short (50 ms), so plug/unplug wait at most that.
        with self._lock:
            if self._master is None:
                return b""
            try:
                ready, _w, _x = select.select([self._master], [], [], max(0.0, timeout))
                if ready:
                    return os.read(self._master, 4096)
            except (OSError, ValueError):
                pass
            return b""
