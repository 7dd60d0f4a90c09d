"""Starting the window process, with nothing heavier than ``subprocess``: the relauncher
starts the window first and sets up its own log while the window starts on the other core
(``logging`` and the supervisor's imports cost a bench start ~11 ms before the window).

On Linux the first window is a fork of the relauncher (:func:`fork_window`): it goes on from
where the relauncher is, without a second interpreter starting and importing the launcher
again (~30 ms of every bench start). A window started again after a crash is a fresh
interpreter (:func:`start_window`): nothing of the crashed one is carried over.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

CHILD_ENV = "PACKING_STATION_WINDOW"  # set in the window process: "run the window here"
# Set in a window restarted after a crash: whoever was logged in stays logged in (the bench
# comes back on the pack screen where it was, not on the login screen).
RESTART_ENV = "PACKING_STATION_AFTER_CRASH"
FAULT_LOG = "faults.log"  # the window's fatal-signal tracebacks (written by station/ops/crash.py)
_LINUX = sys.platform.startswith("linux")
# Fork only where nothing but our own code runs before the fork (Linux; macOS forbids it for
# its system frameworks, Windows has no fork).
FORK_FIRST = _LINUX and not os.environ.get("PACKING_STATION_NO_FORK")


class WindowProcess(Protocol):
    """What the relauncher needs of a window process (a ``Popen`` or a :class:`ForkedWindow`)."""

    pid: int

    def poll(self) -> int | None: ...

    def wait(self) -> int: ...

    def send_signal(self, sig: int) -> None: ...


def window_command(argv: Sequence[str]) -> list[str]:
    """The command line of the window process: this program again with the same arguments."""
    if getattr(sys, "frozen", False):  # PyInstaller bundle: the executable is the station
        return [sys.executable, *argv]
    return [sys.executable, "-m", "ui.launch", *argv]


def window_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if environ is None else environ)
    env[CHILD_ENV] = "1"
    return env


def fault_size(folder: Path) -> int:
    """Bytes in the fault log now: what a crash adds after this is the crash's."""
    try:
        return (folder / FAULT_LOG).stat().st_size
    except OSError:
        return 0


def _die_with_parent() -> None:
    """In the window process, before exec: SIGTERM when the relauncher dies (prctl)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


def start_window(command: Sequence[str], env: Mapping[str, str],
                 keep_fds: Sequence[int] = ()) -> subprocess.Popen[bytes]:
    return subprocess.Popen(list(command), env=dict(env), pass_fds=tuple(keep_fds),
                            preexec_fn=_die_with_parent if _LINUX else None)


def fork_window() -> int:
    """Linux: this process forks; the copy goes on as the window process (0 is returned there),
    this one as its relauncher (the window's pid is returned here). Call it before any thread
    starts and before logging or Qt is imported."""
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        if stream is not None:
            stream.flush()
    relauncher = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.environ[CHILD_ENV] = "1"
        _die_with_parent()
        if os.getppid() != relauncher:  # the relauncher died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)
    return pid


class ForkedWindow:
    """The window process of :func:`fork_window`, as the relauncher watches a ``Popen``."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped by wait() meanwhile
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            try:
                _pid, status = os.waitpid(self.pid, 0)
            except ChildProcessError:  # a signal handler's poll() reaped it meanwhile
                if self.returncode is None:
                    raise
                return self.returncode
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)
