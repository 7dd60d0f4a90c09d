"""The ``station`` command as IT runs it: a real process, a real database file."""

from __future__ import annotations

import os
import subprocess
import sys


def station(*args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATION_")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "station.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_version():
    out = station("--version")
    assert out.returncode == 0 and "packing-station" in out.stdout


def test_db_upgrade_then_doctor_passes(tmp_path):
    env = {"STATION_DATABASE": str(tmp_path / "st" / "station.sqlite3")}
    before = station("doctor", env_extra=env)
    assert before.returncode == 1 and "station db upgrade" in before.stdout
    up = station("db", "upgrade", env_extra=env)
    assert up.returncode == 0, up.stderr
    after = station("doctor", env_extra=env)
    assert "[OK  ] database" in after.stdout, after.stdout
    assert "STATION_DATABASE" in after.stdout  # doctor says where each setting came from
    # No central token on this box: doctor says so and exits non-zero.
    assert after.returncode == 1 and "[FAIL] central" in after.stdout


def test_invalid_setting_exits_2_with_key_not_traceback(tmp_path):
    out = station("doctor", env_extra={"STATION_LANGUAGE": "klingon"})
    assert out.returncode == 2
    assert "STATION_LANGUAGE" in out.stderr and "Traceback" not in out.stderr


def test_database_in_an_impossible_folder_is_reported(tmp_path):
    env = {"STATION_DATABASE": str(tmp_path / "station.sqlite3")}
    assert station("db", "upgrade", env_extra=env).returncode == 0
    # chmod does not bind root (CI runs as root): a path under a plain file cannot be created
    # by anyone, which is what IT meets when the configured folder is wrong.
    env_bad = {"STATION_DATABASE": str(tmp_path / "station.sqlite3" / "nested.sqlite3")}
    out = station("db", "upgrade", env_extra=env_bad)
    assert out.returncode == 1
    assert "cannot be opened" in out.stderr and "Traceback" not in out.stderr


def test_selftest_packs_the_demo_orders_through_the_core():
    out = station("selftest")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "label: parcel 1/1 -> SF" in out.stdout  # printed through the real label step
    assert "completed as scripted" in out.stdout


def test_doctor_checks_devices_and_central_for_real(tmp_path):
    """IT's check of a whole bench: simulated scale (pty) and printer (TCP), a real central."""
    from central.testkit import seeded_central
    from drivers.sim.printer_sim import PrinterSimulator
    from drivers.sim.scale_sim import ScaleSimulator

    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    scale = ScaleSimulator("mt-sics", grams=1250).start()
    printer = PrinterSimulator("zpl").start()
    env = {
        "STATION_DATABASE": str(tmp_path / "station.sqlite3"),
        "STATION_STATION_ID": "ST-01",
        "STATION_CENTRAL__URL": central.url,
        "STATION_API_TOKEN": central.station_token,
        "STATION_SCALE__URI": scale.uri,
        "STATION_SCALE__PROTOCOL": "mt-sics",
        "STATION_PRINTER__URI": printer.uri,
        "STATION_PRINTER__PROTOCOL": "zpl",
    }
    try:
        assert station("db", "upgrade", env_extra=env).returncode == 0
        healthy = station("doctor", env_extra=env)
        assert healthy.returncode == 0, healthy.stdout
        assert f"scale {scale.uri}" in healthy.stdout and "token is accepted" in healthy.stdout
        printer.set_mode("paper_out")
        broken = station("doctor", env_extra={**env, "STATION_API_TOKEN": "not-a-token"})
        assert broken.returncode == 1
        failed = [ln for ln in broken.stdout.splitlines() if ln.startswith("[FAIL]")]
        assert any(printer.uri in ln for ln in failed), broken.stdout
        assert any("central" in ln for ln in failed), broken.stdout
    finally:
        printer.stop()
        scale.stop()
        central.stop()


def test_the_station_launcher_runs_core_commands_without_starting_qt(tmp_path):
    """`station doctor` on a server must not need the window; only run/--demo start Qt."""
    code = (
        "import sys; from ui.launch import main\n"
        "rc = main(['db', 'upgrade'])\n"
        "print(rc, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATION_")}
    env["STATION_DATABASE"] = str(tmp_path / "station.sqlite3")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.split()[-2:] == ["0", "False"], out.stdout + out.stderr


def test_the_core_cli_alone_refuses_to_start_a_window():
    out = station("run")
    assert out.returncode == 1 and "station window" in out.stderr


def test_doctor_on_a_database_of_a_newer_station_says_so(tmp_path):
    """Before: "older than this station: run station db upgrade", and the upgrade then failed
    with "Can't locate revision"."""
    import sqlite3

    db = tmp_path / "station.sqlite3"
    env = {"STATION_DATABASE": str(db)}
    assert station("db", "upgrade", env_extra=env).returncode == 0
    with sqlite3.connect(db) as conn:  # what a newer station's migration leaves behind
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    out = station("doctor", env_extra=env)
    assert out.returncode == 1
    assert "newer station" in out.stdout and "db upgrade" not in out.stdout, out.stdout
