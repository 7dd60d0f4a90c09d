"""A crash leaves a report in the log folder and the relauncher starts the window again;
a crash loop stops with a message; a clean exit is not restarted. Real child processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from station.ops.crash import CRASH_EXIT
from station.ops.supervisor import supervise

ROOT = Path(__file__).resolve().parents[3]

CRASHING = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from station.ops.crash import install_crash_handlers
    install_crash_handlers(Path(sys.argv[1]))
    t = threading.Thread(target=lambda: 1 / 0, name="scale-owner")
    t.start(); t.join()
    print("still packing after the thread died", flush=True)
    raise RuntimeError("label printer exploded")
    """
)


def _reports(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((folder / "crash").glob("*.txt"))]


def test_main_thread_crash_writes_a_report_and_exits_for_a_restart(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", CRASHING, str(tmp_path)], capture_output=True, text=True,
        cwd=ROOT, timeout=60,
    )
    assert done.returncode == CRASH_EXIT
    assert "still packing after the thread died" in done.stdout  # a lane's death is not fatal
    reports = _reports(tmp_path)
    assert len(reports) == 2
    thread, main = sorted(reports, key=lambda r: "thread scale-owner" not in r)
    assert "unhandled exception in thread scale-owner" in thread
    assert "ZeroDivisionError" in thread
    assert "RuntimeError: label printer exploded" in main
    assert "Packing Station 0.1.0 crash report" in main and "python: 3." in main


STEP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from station.ops.crash import install_crash_handlers
    folder, counter = Path(sys.argv[1]), Path(sys.argv[2])
    install_crash_handlers(folder)
    runs = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(runs))
    if runs == 1:
        import ctypes
        ctypes.string_at(0)  # segfault: faulthandler writes the stacks, the signal kills us
    if runs == 2:
        raise RuntimeError("second start crashed too")
    sys.exit(0)
    """
)


def test_relauncher_restarts_after_a_segfault_and_an_exception_then_stops_on_a_clean_exit(
    tmp_path,
):
    counter = tmp_path / "runs"
    code = supervise(
        [sys.executable, "-c", STEP, str(tmp_path), str(counter)], tmp_path,
        environ={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert code == 0
    assert counter.read_text() == "3"
    reports = "\n".join(_reports(tmp_path))
    assert "Segmentation fault" in reports  # the fault log of the dead process, in a report
    assert "RuntimeError: second start crashed too" in reports


def test_a_crash_loop_is_not_restarted_forever(tmp_path, capsys):
    counter = tmp_path / "runs"
    script = (
        "import sys, pathlib; c = pathlib.Path(sys.argv[1]); "
        "c.write_text(str(int(c.read_text()) + 1 if c.exists() else 1)); sys.exit(70)"
    )
    code = supervise(
        [sys.executable, "-c", script, str(counter)], tmp_path, max_crashes=3,
    )
    assert code == CRASH_EXIT
    assert counter.read_text() == "3"
    assert "crashed 3 times" in capsys.readouterr().err


def test_a_settings_error_exit_is_not_a_crash(tmp_path):
    counter = tmp_path / "runs"
    script = (
        "import sys, pathlib; c = pathlib.Path(sys.argv[1]); "
        "c.write_text(str(int(c.read_text()) + 1 if c.exists() else 1)); sys.exit(2)"
    )
    assert supervise([sys.executable, "-c", script, str(counter)], tmp_path) == 2
    assert counter.read_text() == "1"


def test_station_run_with_a_bad_setting_says_so_once_and_is_not_restarted(tmp_path):
    config = tmp_path / "cfg" / "packing-station"
    config.mkdir(parents=True)
    (config / "station.toml").write_text("[central]\nurl = 'ftp://wms'\n", encoding="utf-8")
    (tmp_path / "run").mkdir(mode=0o700)
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    done = subprocess.run([sys.executable, "-m", "ui.launch", "run"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("setting 'central.url'") == 1
    logs = tmp_path / "state" / "packing-station" / "log"
    log = (logs / "relauncher.log").read_text()  # the relauncher's own file
    assert log.count("window process started") == 1 and "restarting" not in log
    window_log = logs / "station.log"  # the window (bad settings: it may not have logged)
    assert not window_log.exists() or "window process" not in window_log.read_text()


def test_the_packer_is_told_on_screen_when_the_relauncher_gives_up(tmp_path):
    """Before, the message went to stderr and the log only: from the desktop entry the window
    simply disappeared. ``station run`` passes a message box as ``on_give_up``."""
    shown: list[str] = []
    code = supervise([sys.executable, "-c", "import sys; sys.exit(70)"], tmp_path,
                     max_crashes=2, on_give_up=shown.append)
    assert code == CRASH_EXIT
    assert len(shown) == 1 and "crashed 2 times" in shown[0] and str(tmp_path) in shown[0]



def test_a_window_restarted_after_a_crash_is_told_so(tmp_path):
    """The restarted window logs the operator back in (Bench.start(after_crash=True)); the
    first window of a start is not told so."""
    from station.ops.spawn import RESTART_ENV

    seen = tmp_path / "seen"
    script = (
        "import os, sys, pathlib; p = pathlib.Path(sys.argv[1]); "
        f"v = os.environ.get('{RESTART_ENV}', '-'); "
        "old = p.read_text() if p.exists() else ''; p.write_text(old + v); "
        "sys.exit(70 if not old else 0)"
    )
    assert supervise([sys.executable, "-c", script, str(seen)], tmp_path) == 0
    assert seen.read_text() == "-1"  # first start: not set; after the crash: "1"
