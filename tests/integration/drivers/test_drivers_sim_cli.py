"""``station-sim`` as a person uses it: start, read the printed address, type commands."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time

import pytest

from drivers.scales.base import ScaleReading
from drivers.scales.mtsics import MtSicsParser
from drivers.transports import make_transport


def read_line(proc: subprocess.Popen, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        assert left > 0, f"no output from station-sim; got {line!r}"
        ready, _w, _x = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 1)
            if not chunk:
                raise AssertionError(f"station-sim exited with {proc.wait(10)}")
            line += chunk
    return line.decode().strip()


def sim(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "drivers.sim.cli", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )  # fmt: skip


def command(proc: subprocess.Popen, text: str) -> str:
    proc.stdin.write(text.encode() + b"\n")
    proc.stdin.flush()
    return read_line(proc)


def poll_weight(uri: str) -> int | None:
    t = make_transport(uri)
    t.open()
    try:
        parser = MtSicsParser()
        t.write(b"SI\r\n")
        for _ in range(100):
            for frame in parser.feed(t.read(0.05)):
                if isinstance(frame, ScaleReading):
                    return frame.grams
    finally:
        t.close()
    raise AssertionError("the simulated scale did not answer")


@pytest.fixture
def procs():
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


def test_scale_cli_weight_set_at_run_time(tmp_path, procs):
    link = tmp_path / "scale"
    proc = sim("scale", "--protocol", "mt-sics", "--pty", "--link", str(link), "--grams", "1250")
    procs.append(proc)
    assert read_line(proc) == str(link)
    uri = f"serial://{link}"
    assert poll_weight(uri) == 1250
    assert command(proc, "w 2000") == "ok stable 2000 g"
    assert poll_weight(uri) == 2000
    assert command(proc, "overload").startswith("ok overload")
    assert command(proc, "w heavy").startswith("error")
    proc.stdin.write(b"quit\n")
    proc.stdin.flush()
    assert proc.wait(10) == 0


def test_printer_cli_stores_jobs(tmp_path, procs):
    proc = sim("printer", "--lang", "zpl", "--port", "0", "--out", str(tmp_path / "jobs"))
    procs.append(proc)
    banner = read_line(proc)
    port = int(banner.split("tcp://127.0.0.1:")[1].split(",")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(b"~HS")
        reply = b""
        while reply.count(b"\x03") < 3:
            reply += conn.recv(256)
        assert reply.startswith(b"\x02030,0,0,")
        conn.sendall(b"^XA^FDhi^FS^XZ")
    stored = tmp_path / "jobs" / "job-0001.zpl"
    deadline = time.monotonic() + 10
    while not stored.exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # poll with a deadline: the job is stored when the connection ends
    assert [f.read_bytes() for f in sorted((tmp_path / "jobs").iterdir())] == [b"^XA^FDhi^FS^XZ"]
    assert command(proc, "paper-out").startswith("ok paper_out")
    proc.stdin.close()
    assert proc.wait(10) == 0
