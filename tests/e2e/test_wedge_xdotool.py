"""A real X server, real key events: xdotool types as a 4 ms/key wedge scanner does (it presses
Shift for each capital, as the scanner's keyboard emulation does) into a window with the
station's wedge filter. Before the fix ``SO-1001`` arrived as scan ``O-1001`` plus a typed S."""

from __future__ import annotations

import ast
import contextlib
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.e2e.test_desktop_start import xvfb  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]


def _need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs the {package} package")
        pytest.skip(f"{tool} is not installed (apt-get install {package})")
    return path


@pytest.fixture
def probe(xvfb, tmp_path):  # noqa: F811
    _need("xdotool", "xdotool")
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.e2e.wedge_probe"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "READY" not in line:
        proc.kill()
        pytest.fail(f"probe did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    subprocess.run(["xdotool", "search", "--sync", "--name", "wedge-probe", "windowfocus",
                    "--sync"], env=env, check=True, timeout=20)
    yield proc, env
    proc.kill()
    proc.wait(timeout=10)


def _lines_until(proc, want: int, timeout: float = 10.0) -> list[str]:
    """The probe's lines until ``want`` scans came (then a moment for anything typed)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x.rstrip("\n")) for x in proc.stdout],
                     daemon=True).start()
    out: list[str] = []
    end = time.monotonic() + timeout
    settle: float | None = None
    while time.monotonic() < (settle or end):
        with contextlib.suppress(queue.Empty):
            out.append(lines.get(timeout=0.05))
        if settle is None and sum(x.startswith("SCAN") for x in out) >= want:
            settle = time.monotonic() + 0.3
    return out


def test_xdotool_scans_with_capitals_arrive_whole(probe):
    proc, env = probe
    codes = ["SO-1001", "CMD:CONFIRM", "TOTE-003", "EE100000125CN"]
    for code in codes:
        subprocess.run(["xdotool", "type", "--delay", "4", code], env=env, check=True,
                       timeout=20)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True, timeout=20)
    lines = _lines_until(proc, len(codes))
    scans = [ast.literal_eval(x[5:]) for x in lines if x.startswith("SCAN ")]
    typed = [x for x in lines if x.startswith("FIELD ")]
    assert scans == codes, lines
    assert typed == [], lines
