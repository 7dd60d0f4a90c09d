"""One station per user session: a second start is refused with the holder named, and a
killed station leaves no stale lock."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from station.ops.instance import AlreadyRunning, InstanceLock

ROOT = Path(__file__).resolve().parents[3]
HOLDER = (
    "import sys, time; from pathlib import Path; from station.ops.instance import InstanceLock;"
    "lock = InstanceLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True);"
    "time.sleep(60)"
)


def test_second_start_is_refused_until_the_first_dies(tmp_path):
    lock_path = tmp_path / "run" / "station.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path)], stdout=subprocess.PIPE, text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning, match=f"already running.*process {holder.pid}"):
            InstanceLock(lock_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    # the dead holder's lock went with it
    with InstanceLock(lock_path), pytest.raises(AlreadyRunning):
        InstanceLock(lock_path).acquire()
