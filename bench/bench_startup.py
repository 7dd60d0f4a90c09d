"""Start-up as IT sees it, each beside the bare baseline of the same run:

- cold start to a ready pack screen in a fresh interpreter vs a bare PySide6 window that
  imports SQLAlchemy and runs one query (the scripts of bench_ui, runs interleaved so both
  see the same machine load; median of 7);
- ``station run`` as installed (launcher + relauncher + window process, offscreen), from the
  command to the "pack screen ready" log line: from the venv in the same interleaved rounds
  (median of 7), and from the PyInstaller bundle when ``build/dist/packing-station`` has been
  built (``make installer``).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_ui import COLD_BARE, COLD_STATION, ROOT, _seeded
from bench.figures import figure, median

BUNDLE = ROOT / "build" / "dist" / "packing-station" / "station"
RUNS = 7


def _once(script: str, db: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", script, repr(time.time()), str(db)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    return float(out.stdout.strip().splitlines()[-1])


def _to_ready(command: list[str], folder: Path) -> float:
    """Seconds from starting ``command`` (``station run``) to its "pack screen ready" line."""
    state = folder / "state"
    log = state / "packing-station" / "log" / "station.log"
    if log.exists():
        log.unlink()
    (folder / "run").mkdir(mode=0o700, exist_ok=True)
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(folder), XDG_STATE_HOME=str(state),
        XDG_RUNTIME_DIR=str(folder / "run"), XDG_CONFIG_HOME=str(folder / "cfg"),
        XDG_DATA_HOME=str(folder / "data"), PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        STATION_DATABASE=str(folder / "station.sqlite3"),
    )
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 120:
            if log.exists() and re.search("pack screen ready", log.read_text(encoding="utf-8")):
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise RuntimeError(f"{command[0]} ended with {proc.returncode} before ready")
            time.sleep(0.01)
        raise RuntimeError("no ready pack screen within 120 s")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def _byte_compile() -> None:
    """The project's modules compiled, as an installed station has them (the .deb and the
    bundle ship them compiled). Where PYTHONDONTWRITEBYTECODE is set (CI machines), nothing
    writes them at import, and every start would compile each module it imports again."""
    import compileall

    for package in ("contract", "station", "drivers", "ui"):
        compileall.compile_dir(str(ROOT / package), quiet=2)


def run() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    _byte_compile()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        db = _seeded(folder)
        launch = folder / "launch"
        launch.mkdir()
        run_cmd = [sys.executable, "-m", "ui.launch", "run"]
        _to_ready(run_cmd, launch)  # migrates the new file
        station, bare, venv = [], [], []
        for _ in range(RUNS):  # interleaved: a busy moment hits every side alike
            station.append(_once(COLD_STATION, db))
            bare.append(_once(COLD_BARE, folder / "bare.sqlite3"))
            venv.append(_to_ready(run_cmd, launch))
        s, b, v = median(station), median(bare), median(venv)
        rows.append(figure("startup cold start to ready pack screen", s * 1000, "ms",
                           "<= 2x baseline", b * 1000, ratio=round(s / b, 2)))
        rows.append(figure("startup `station run` (venv) to ready pack screen", v * 1000,
                           "ms", "<= 2x baseline", b * 1000, ratio=round(v / b, 2)))
        if BUNDLE.is_file():
            bundle_dir = folder / "bundle"
            bundle_dir.mkdir()
            _to_ready([str(BUNDLE), "run"], bundle_dir)
            frozen = median([_to_ready([str(BUNDLE), "run"], bundle_dir) for _ in range(3)])
            rows.append(figure("startup `station run` (bundle) to ready pack screen",
                               frozen * 1000, "ms", "<= 2x baseline", b * 1000,
                               ratio=round(frozen / b, 2)))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
