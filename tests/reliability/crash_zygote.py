"""Forks crash-trial children from one warm process (imports paid once).

Reads commands ``<work> <args...>`` on stdin; for each, forks a child that runs
``crash_work.WORKS[work](*args)``, prints ``PID <pid>``, lets the child start, and prints
``DONE <wait status>`` when the child has died (killed by the test, or finished). ``quit``
ends it. The child's own lines (``ACK ...``) go to the same stdout, between PID and DONE.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import signal
import sys
from pathlib import Path

HERE = Path(__file__).parent
HUNG_AFTER_S = 60  # far beyond any trial's work (the test itself gives up at 120 s)
sys.path[:0] = [str(HERE), str(HERE.parent / "integration")]

import crash_work  # noqa: E402  (after the path is set)


def main() -> None:
    faulthandler.register(signal.SIGUSR1)  # the test asks where we stand when a line is late
    print("READY", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        go_read, go_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: wait until the parent has announced us, then work
            os.close(go_write)
            faulthandler.unregister(signal.SIGUSR1)
            # Whole lines, one write each: unbuffered (PYTHONUNBUFFERED=1, as CI machines set
            # it), print() writes the text and its newline in two calls, and a kill between
            # them glued the zygote's DONE to the child's last ACK: the test waited forever.
            sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), line_buffering=True)  # noqa: SIM115
            os.read(go_read, 1)
            # A child that stops working (a lock never granted, a deadlock) prints its stack and
            # exits, so the test says where it hung instead of timing out silently.
            faulthandler.dump_traceback_later(HUNG_AFTER_S, exit=True)
            code = 0
            try:
                crash_work.WORKS[words[0]](*words[1:])
                print("END", flush=True)
            except BaseException as exc:  # reported, so the test shows why a child failed
                print(f"ERROR {type(exc).__name__}: {exc}", flush=True)
                code = 1
            os._exit(code)
        os.close(go_read)
        print(f"PID {pid}", flush=True)
        # The test may kill the child before this byte is written: the pipe is then broken,
        # and the child is waited for all the same.
        with contextlib.suppress(BrokenPipeError):
            os.write(go_write, b"g")
        os.close(go_write)
        _, status = os.waitpid(pid, 0)
        # On a line of its own even after a child killed in the middle of one.
        print(f"\nDONE {status}", flush=True)


if __name__ == "__main__":
    main()
