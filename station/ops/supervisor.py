"""The relauncher: ``station run`` starts the window in a child process and starts it again
when it crashed.

A crash is an exit with :data:`~station.ops.crash.CRASH_EXIT` (unhandled exception) or death
by a fatal signal (segfault, abort). A clean close, a settings error or a stop asked by the
user or the system (SIGTERM, SIGINT, logout) ends the station. Five crashes within ten minutes
end it too, with a message, so a broken install does not flap forever. The open pack session
resumes in the new window because every accepted scan is already committed.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import FrameType

from station.i18n import _
from station.ops.crash import CRASH_EXIT, FAULT_LOG, write_report
from station.ops.spawn import RESTART_ENV, WindowProcess, fault_size, start_window, window_env

MAX_CRASHES = 5
CRASH_WINDOW_S = 600.0
log = logging.getLogger("station.supervisor")

_FATAL_SIGNALS = {-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, -signal.SIGFPE,
                  -signal.SIGILL} if sys.platform != "win32" else set()


def is_crash(returncode: int) -> bool:
    """True when the window process ended by a crash (and should be started again)."""
    if returncode == CRASH_EXIT or returncode in _FATAL_SIGNALS:
        return True
    # Windows: an access violation or abort ends the process with an NTSTATUS code
    return sys.platform == "win32" and returncode in (0xC0000005, 0xC0000409, 3)


def _fault_tail(folder: Path, offset: int) -> str:
    path = folder / FAULT_LOG
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def supervise(
    command: Sequence[str],
    log_folder: Path,
    *,
    environ: Mapping[str, str] | None = None,
    max_crashes: int = MAX_CRASHES,
    crash_window_s: float = CRASH_WINDOW_S,
    clock: Callable[[], float] = time.monotonic,
    keep_fds: Sequence[int] = (),
    on_give_up: Callable[[str], None] | None = None,
    first: tuple[WindowProcess, int] | None = None,
) -> int:
    """Run ``command`` until it ends without crashing; return its exit code.

    ``keep_fds``: descriptors the window inherits (the single-instance lock: while a window
    lives the lock stays taken, even if this relauncher is killed with ``kill -9``). On Linux
    the window is also told to stop (SIGTERM) when the relauncher dies, so no orphan window
    stays on the bench. ``on_give_up(message)`` tells the packer on screen when the window
    crashed too often to be started again. ``first``: the window process already started
    (:func:`~station.ops.spawn.fork_window`, or :func:`~station.ops.spawn.start_window` with
    :func:`~station.ops.spawn.window_env`) and the fault log's size before it.
    """
    env = window_env(environ)
    crashes: list[float] = []
    stopping = False
    child: WindowProcess | None = None

    def forward(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            if first is not None:
                (child, fault_offset), first = first, None
            else:
                fault_offset = fault_size(log_folder)
                child = start_window(command, env, keep_fds)
            log.info("window process started pid=%d", child.pid)
            returncode = child.wait()
            log.info("window process pid=%d ended with %d", child.pid, returncode)
            if stopping or not is_crash(returncode):
                return returncode
            faults = _fault_tail(log_folder, fault_offset)
            if faults:
                report = write_report(
                    log_folder,
                    f"window process {child.pid} died with {returncode}",
                    faults,
                )
                log.error("window process crashed; report %s", report)
            now = clock()
            crashes = [t for t in crashes if now - t < crash_window_s] + [now]
            if len(crashes) >= max_crashes:
                message = _(
                    "The station crashed {count} times in {minutes} minutes and was not "
                    "started again. Send the files in {folder} to IT."
                ).format(count=len(crashes), minutes=int(crash_window_s // 60), folder=log_folder)
                log.critical("%s", message)
                print(message, file=sys.stderr)
                if on_give_up is not None:  # started from the desktop: no terminal to read
                    try:
                        on_give_up(message)
                    except Exception:
                        log.exception("could not show the message on screen")
                return returncode if returncode > 0 else CRASH_EXIT
            log.warning("restarting the window after a crash (%d recent)", len(crashes))
            env[RESTART_ENV] = "1"
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
