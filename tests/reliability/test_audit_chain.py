"""The audit trail is tamper-evident: a hash chain written with each row, checked by
``station doctor`` (a real process on a real database file)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from alembic import command
from core_fixtures import demo_db
from sqlalchemy import text

from station.store.audit_chain import verify_chain
from station.store.db import alembic_config, create_station_engine, upgrade
from station.store.outbox import audit

ROOT = Path(__file__).parents[2]


def _doctor(db_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATION_")}
    env["STATION_DATABASE"] = str(db_path)
    return subprocess.run([sys.executable, "-m", "station.cli", "doctor"], capture_output=True,
                          text=True, env=env, timeout=60)


def _audited(db_path: Path, rows: int = 6):
    engine = demo_db(db_path)
    for i in range(rows):
        with engine.begin() as conn:
            audit(conn, "label_reprinted", "B-LEAD", f"SO-{i}", reason=f"smudged {i}")
    return engine


def test_every_audit_row_chains_and_doctor_says_intact(db_path):
    engine = _audited(db_path)
    with engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok and report.rows == 6
    out = _doctor(db_path)
    assert re.search(r"\[OK  \] audit trail: 6 rows", out.stdout), out.stdout
    engine.dispose()


def test_doctor_names_the_first_edited_or_deleted_row(db_path):
    engine = _audited(db_path)
    with engine.begin() as conn:  # somebody hides a reprint reason
        conn.execute(text("UPDATE audit SET detail = '{\"reason\": \"ok\"}' WHERE id = 3"))
    out = _doctor(db_path)
    assert out.returncode == 1 and "[FAIL] audit trail: audit row 3" in out.stdout, out.stdout
    with engine.begin() as conn:  # ... then deletes the row instead, and rehashes nothing
        conn.execute(text("DELETE FROM audit WHERE id = 3"))
    with engine.connect() as conn:
        assert verify_chain(conn).first_broken == 4
    engine.dispose()


def test_a_rolled_back_change_leaves_no_audit_row_and_the_chain_intact(db_path):
    engine = _audited(db_path, rows=2)
    try:
        with engine.begin() as conn:
            audit(conn, "label_voided", "B-LEAD", "SO-9", reason="x")
            raise RuntimeError("the use case failed after its audit row")
    except RuntimeError:
        pass
    with engine.begin() as conn:
        audit(conn, "label_voided", "B-LEAD", "SO-9", reason="again")
    with engine.connect() as conn:
        assert verify_chain(conn).ok
        assert conn.execute(text("SELECT count(*) FROM audit")).scalar() == 3
    engine.dispose()


def test_migration_chains_rows_written_before_it(db_path):
    engine = create_station_engine(db_path)
    command.upgrade(alembic_config(engine), "0003_pool")
    with engine.begin() as conn:
        for i in range(4):
            conn.execute(text("INSERT INTO audit (at, operator, action, subject, detail) VALUES "
                              "(:at, 'B-LEAD', 'weight_override', :s, '{}')"),
                         {"at": f"2026-11-0{i + 1}T08:00:00+00:00", "s": f"SO-{i}"})
    upgrade(engine)
    with engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok and report.rows == 4
    engine.dispose()


def test_audit_is_the_only_writer_of_audit_rows():
    writers = []
    for folder in ("station", "ui", "drivers"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            if re.search(r"INSERT\s+INTO\s+audit\b|insert\(\s*(t\.)?audit\b", source, re.I):
                writers.append(str(path.relative_to(ROOT)))
    assert writers == ["station/store/outbox.py"]
