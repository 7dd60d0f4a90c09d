"""``station-sim printer … &`` in a script: stdin is /dev/null, and the simulator must keep
serving until it is stopped (before, it exited as soon as stdin closed: dead in 4 s)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_printer_sim_with_closed_stdin_keeps_serving_until_sigterm(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "drivers.sim.cli", "printer", "--lang", "zpl",
                             "--port", str(port), "--out", str(tmp_path)], cwd=ROOT,
                            stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        time.sleep(1.5)
        assert proc.poll() is None, "the simulator exited when stdin closed"
        with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
            conn.sendall(b"~HS")
            assert conn.recv(100).startswith(b"\x02")  # still answers as a printer
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
