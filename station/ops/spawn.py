"""Starting the window process, with nothing heavier than ``subprocess``: the relauncher
starts the window first and sets up its own log while the window starts on the other core
(``logging`` and the supervisor's imports cost a bench start ~11 ms before the window).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

CHILD_ENV = "PACKING_STATION_WINDOW"  # set in the window process: "run the window here"
# Set in a window restarted after a crash: whoever was logged in stays logged in (the bench
# comes back on the pack screen where it was, not on the login screen).
RESTART_ENV = "PACKING_STATION_AFTER_CRASH"
FAULT_LOG = "faults.log"  # the window's fatal-signal tracebacks (written by station/ops/crash.py)
_LINUX = sys.platform.startswith("linux")


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
