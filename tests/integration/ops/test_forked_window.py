"""The first window of ``station run`` on Linux is a fork of the relauncher: the relauncher
watches it as it watches a started one: a crash starts a fresh window (with the restart
flag), a stop from the system is passed on and ends both. Real processes and signals."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from station.ops.spawn import RESTART_ENV, ForkedWindow, fork_window
from station.ops.supervisor import is_crash, supervise

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux")

ROOT = Path(__file__).resolve().parents[3]
RESTARTED = (
    "import os, sys, pathlib; "
    f"pathlib.Path(sys.argv[1]).write_text(os.environ.get('{RESTART_ENV}', '-'))"
)


def _forked(body) -> ForkedWindow:
    """A window process forked from this one that runs ``body`` and never returns here."""
    pid = fork_window()
    if pid == 0:
        try:
            body()
        finally:
            os._exit(0)
    return ForkedWindow(pid)


def _segfault() -> None:
    import ctypes
    import faulthandler

    faulthandler.disable()  # pytest's would print this test process's stacks
    ctypes.string_at(0)


def test_a_forked_window_that_crashes_is_started_again_as_a_fresh_process(tmp_path):
    flag = tmp_path / "restarted"
    window = _forked(_segfault)
    code = supervise([sys.executable, "-c", RESTARTED, str(flag)], tmp_path,
                     environ={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                     first=(window, 0))
    assert window.returncode == -signal.SIGSEGV and is_crash(window.returncode)
    assert code == 0
    assert flag.read_text() == "1"  # the new window knows it follows a crash


def test_a_forked_window_runs_with_the_window_flag_and_ends_with_its_own_code(tmp_path):
    seen = tmp_path / "env"

    def body() -> None:
        seen.write_text(os.environ.get("PACKING_STATION_WINDOW", "-"))
        os._exit(2)  # e.g. a settings error: not a crash

    window = _forked(body)
    assert supervise([sys.executable, "-c", "raise SystemExit(9)"], tmp_path,
                     first=(window, 0)) == 2
    assert seen.read_text() == "1"
    assert "PACKING_STATION_WINDOW" not in os.environ  # only the window process has it


def test_a_stop_from_the_system_is_passed_to_the_forked_window_and_ends_both(tmp_path):
    """SIGTERM reaches the relauncher while it waits for the window: it passes it on, the
    window ends, and the relauncher returns without starting another one."""
    window = _forked(lambda: time.sleep(30))
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    started = time.monotonic()
    try:
        code = supervise([sys.executable, "-c", "raise SystemExit(9)"], tmp_path,
                         first=(window, 0))
    finally:
        timer.cancel()
    assert code == -signal.SIGTERM
    assert time.monotonic() - started < 10
    assert window.poll() == -signal.SIGTERM
