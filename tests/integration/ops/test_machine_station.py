"""One bench PC = one station for every OS user: the machine's token (``station enroll
--machine``) is read before the user's keyring, files in the shared folder are created
group-writable, the single-instance lock is the machine's, and a plain http:// central
outside this machine is refused unless allowed."""

from __future__ import annotations

import os
import stat

import pytest

from station.config import ConfigError, load_settings
from station.ops.instance import AlreadyRunning, InstanceLock, default_lock_path
from station.ops.machine import read_token, share_with_group, token_path, write_token
from station.sync.enroll import EnrolmentError, enroll
from station.sync.token import load_token


@pytest.fixture
def machine(tmp_path, monkeypatch):
    folder = tmp_path / "machine"
    folder.mkdir()
    os.chmod(folder, 0o2770)  # as the .deb's postinst makes /var/lib/packing-station
    monkeypatch.setenv("STATION_MACHINE_DIR", str(folder))
    monkeypatch.setenv("STATION_MACHINE_TOKEN_DIR", str(tmp_path / "etc"))
    monkeypatch.delenv("STATION_API_TOKEN", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return folder


def test_the_machine_token_is_group_readable_only_and_read_first(machine):
    path = write_token("ST-07", "tok-machine")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o640  # the packing-station group reads it; other users do not
    assert load_token("ST-07") == "tok-machine"  # no keyring on this machine: still found
    assert read_token("ST-08") is None  # enrolled as another station: not our identity


def test_files_in_the_shared_folder_are_created_group_writable(machine):
    old = os.umask(0o022)
    try:
        share_with_group(machine)
        (machine / "station.sqlite3").write_text("x")
        assert stat.S_IMODE((machine / "station.sqlite3").stat().st_mode) & 0o060 == 0o060
    finally:
        os.umask(old)


def test_sqlite_files_in_the_shared_folder_are_group_writable(machine):
    """SQLite creates its files 0644 whatever the umask: the second OS user could not write
    the machine's database (seen in the installer check as 'is not writable')."""
    from sqlalchemy import text

    from station.store.db import create_station_engine

    old = os.umask(0o022)
    try:
        engine = create_station_engine(machine / "station.sqlite3")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
        for name in ("station.sqlite3", "station.sqlite3-wal", "station.sqlite3-shm"):
            path = machine / name
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) & 0o060 == 0o060, name
        engine.dispose()
    finally:
        os.umask(old)


def test_the_lock_is_the_machines_when_the_data_is(machine):
    assert default_lock_path() == machine / "station.lock"
    first = InstanceLock()
    first.acquire()
    try:
        assert stat.S_IMODE((machine / "station.lock").stat().st_mode) & 0o060 == 0o060
        with pytest.raises(AlreadyRunning):
            InstanceLock().acquire()
    finally:
        first.release()


def test_http_outside_this_machine_is_refused_unless_allowed(tmp_path, monkeypatch):
    monkeypatch.delenv("STATION_CENTRAL__URL", raising=False)
    config = tmp_path / "station.toml"
    config.write_text('[central]\nurl = "http://wms.example.com"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings([config], environ={})
    assert "https://" in str(refused.value)
    config.write_text('[central]\nurl = "http://wms.example.com"\nallow_http = true\n',
                      encoding="utf-8")
    assert load_settings([config], environ={}).settings.central.url == "http://wms.example.com"
    config.write_text('[central]\nurl = "http://127.0.0.1:8700"\n', encoding="utf-8")
    assert load_settings([config], environ={}).settings.central.url == "http://127.0.0.1:8700"
    with pytest.raises(EnrolmentError) as clear:
        enroll("http://wms.example.com", "K7QXM-3HDPA")
    assert "clear" in str(clear.value)


def test_machine_enrolment_stores_the_token_for_every_user(machine, central):
    with central.engine.begin() as conn:
        from central.enrolment import create_enrolment_code

        code = create_enrolment_code(conn, "ST-01")
    done = enroll(central.url, code, machine=True)
    assert done.station_id == "ST-01"
    assert token_path().read_text().startswith("ST-01:")
    assert load_token("ST-01") != central.station_token  # a new token, the old one revoked


def test_the_database_is_the_machines_where_the_installer_shared_a_folder(machine):
    assert load_settings([], environ={}).settings.database == machine / "station.sqlite3"
    os.chmod(machine, 0o700)  # a folder not shared with the group: per-user data
    assert load_settings([], environ={}).settings.database != machine / "station.sqlite3"


def test_a_per_user_station_file_is_adopted_with_its_unsent_events(machine, tmp_path,
                                                                   monkeypatch):
    from sqlalchemy import text

    from station.bootstrap import open_store
    from station.config import Settings
    from station.store.db import create_station_engine, upgrade

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    legacy = tmp_path / "data" / "packing-station" / "station.sqlite3"
    legacy.parent.mkdir(parents=True)
    engine = create_station_engine(legacy)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO outbox (idempotency_key, kind, payload, occurred_at) "
                          "VALUES ('unsent-1', 'label_printed', '{}', '2026-12-01T08:00:00')"))
    engine.dispose()
    store = open_store(Settings(database=machine / "station.sqlite3"))
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT idempotency_key FROM outbox")).scalars().all() == [
                "unsent-1"]
    finally:
        store.close()
        store.engine.dispose()
    assert not legacy.exists()
    assert legacy.with_name("station.moved-to-machine.sqlite3").exists()
