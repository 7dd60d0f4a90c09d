"""`station doctor --offline --bundle FILE.zip`: logs, crash reports, the settings in force and
their sources, versions and the database revision; the API token is never in it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "tok-3f9a1c7e5b2d-never-in-a-bundle"


def test_bundle_holds_what_it_needs_and_never_the_token(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
        "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"), "STATION_API_TOKEN": TOKEN,
        "STATION_STATION_ID": "ST-42", "STATION_CENTRAL__URL": "https://wms.example.com",
    }
    logs = tmp_path / "state" / "packing-station" / "log"
    (logs / "crash").mkdir(parents=True)
    (logs / "station.log").write_text("2026-01-01 label printed\n", encoding="utf-8")
    (logs / "station.log.1").write_text("older day\n", encoding="utf-8")
    (logs / "crash" / "crash-1.txt").write_text("RuntimeError: boom\n", encoding="utf-8")
    station = [sys.executable, "-m", "ui.launch"]
    upgrade = subprocess.run([*station, "db", "upgrade"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    target = tmp_path / "out" / "support.zip"
    done = subprocess.run([*station, "doctor", "--offline", "--bundle", str(target)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "] central" not in done.stdout  # --offline: no central check
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        assert {"logs/station.log", "logs/station.log.1", "logs/crash/crash-1.txt",
                "settings.json", "versions.json", "database.json", "doctor.txt"} <= names
        blob = b"".join(zf.read(n) for n in names)
        settings = json.loads(zf.read("settings.json"))
        versions = json.loads(zf.read("versions.json"))
        database = json.loads(zf.read("database.json"))
        doctor = zf.read("doctor.txt").decode()
    assert TOKEN.encode() not in blob
    assert settings["settings"]["station_id"] == "ST-42"
    assert settings["sources"]["station_id"] == "STATION_STATION_ID"
    assert versions["packing-station"] == "0.1.0" and versions["SQLAlchemy"][0].isdigit()
    assert database["revision"] == database["head"]
    assert "[OK  ] database" in doctor


def test_secret_looking_settings_are_hidden():
    from station.ops.support import HIDDEN, _hide_secrets

    hidden = _hide_secrets({"central": {"url": "u", "api_token": "t"}, "admin_pin": "1234"})
    assert hidden == {"central": {"url": "u", "api_token": HIDDEN}, "admin_pin": HIDDEN}


def test_credentials_in_urls_are_hidden_in_settings_and_logs(tmp_path):
    """``http://user:pw@host`` went into the zip as it was (settings and log lines)."""
    from types import SimpleNamespace

    from station.config import Settings
    from station.ops.support import write_bundle

    logs = tmp_path / "log"
    logs.mkdir()
    (logs / "station.log").write_text(
        "sync failed: https://ops:Hunter2pw@wms.example.com/v1 refused\n", encoding="utf-8")
    settings = Settings(database=tmp_path / "s.sqlite3",
                        central={"url": "https://ops:Hunter2pw@wms.example.com"})
    loaded = SimpleNamespace(settings=settings, sources={}, files=[])
    target = write_bundle(tmp_path / "support.zip", loaded, logs=logs)  # type: ignore[arg-type]
    with zipfile.ZipFile(target) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    assert b"Hunter2pw" not in blob
    assert b"https://ops:<hidden>@wms.example.com" in blob


def test_library_versions_come_from_the_modules_when_metadata_is_missing(monkeypatch):
    """A PyInstaller bundle lacks most dist-info: the zip said "not installed"."""
    from importlib import metadata

    from station.ops import support

    def no_metadata(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(support.metadata, "version", no_metadata)
    found = support.versions()
    assert found["SQLAlchemy"][0].isdigit() and found["requests"][0].isdigit()
    assert found["PySide6-Essentials"][0].isdigit()
