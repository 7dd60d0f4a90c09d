"""Upgrade test: a database written by version N (today's migrations, orders packed through the
real core) is upgraded by version N+1 (one more migration, made here) with `station db upgrade`'s
code path: it is backed up first, migrated, and every packed order, scan and parcel is kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from station.store.backup import upgrade_with_backup
from station.store.db import MIGRATIONS, create_station_engine, head_revision

NEXT_MIGRATION = '''"""Version N+1: a column and a table the next release adds.

Revision ID: 9999_next
"""

import sqlalchemy as sa
from alembic import op

revision = "9999_next"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("parcels") as batch:
        batch.add_column(sa.Column("carrier_note", sa.String(80), nullable=True))
    op.create_table("handover_marks", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("handover_marks")
    with op.batch_alter_table("parcels") as batch:
        batch.drop_column("carrier_note")
'''


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def version_n_database(tmp_path):
    from station.demo_pack import load_demo, run_scripted_demo

    path = tmp_path / "station.sqlite3"
    result = upgrade_with_backup(path)  # a new file: nothing to back up
    assert result.backup is None and result.previous is None
    engine = create_station_engine(path)
    load_demo(engine)
    assert run_scripted_demo(engine, echo=lambda _line: None)
    engine.dispose()
    return path


def test_version_n_plus_1_keeps_the_packed_orders_and_backs_up_first(version_n_database, tmp_path):
    path = version_n_database
    packed = _rows(path, "SELECT order_id, status FROM orders WHERE status != 'open' ORDER BY 1")
    scans = _rows(path, "SELECT * FROM scans ORDER BY 1")
    parcels = _rows(path, "SELECT * FROM parcels ORDER BY 1")
    assert packed and scans and parcels  # the scripted demo really packed something

    n_plus_1 = tmp_path / "migrations_n_plus_1"
    shutil.copytree(MIGRATIONS, n_plus_1, ignore=shutil.ignore_patterns("__pycache__"))
    (n_plus_1 / "versions" / "9999_next.py").write_text(
        NEXT_MIGRATION.format(down=head_revision()), encoding="utf-8"
    )

    result = upgrade_with_backup(path, migrations=n_plus_1)

    assert result.previous == head_revision() and result.revision == "9999_next"
    assert _rows(path, "SELECT order_id, status FROM orders WHERE status != 'open' ORDER BY 1") \
        == packed
    assert _rows(path, "SELECT * FROM scans ORDER BY 1") == scans
    assert [r[:-1] for r in _rows(path, "SELECT * FROM parcels ORDER BY 1")] == parcels
    assert _rows(path, "SELECT count(*) FROM handover_marks") == [(0,)]
    # the copy taken before is the version-N database, whole
    assert result.backup is not None and result.backup.is_file()
    assert _rows(result.backup, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _rows(result.backup, "SELECT * FROM parcels ORDER BY 1") == parcels

    again = upgrade_with_backup(path, migrations=n_plus_1)  # nothing pending: no new copy
    assert again.backup is None and again.revision == "9999_next"


def test_station_db_upgrade_says_where_the_backup_is(tmp_path, capsys):
    from station.cli import main
    from station.store.db import upgrade

    path = tmp_path / "older.sqlite3"
    engine = create_station_engine(path)
    upgrade(engine, "0002_pack")  # a database an older station left behind
    engine.dispose()
    config = tmp_path / "station.toml"
    config.write_text(f'database = "{path.as_posix()}"\n', encoding="utf-8")

    assert main(["--config", str(config), "db", "upgrade"]) == 0

    out = capsys.readouterr().out
    assert "backed up" in out and "older.before-0002_pack-" in out
    assert f"is at revision {head_revision()}" in out
    backups = list(tmp_path.glob("older.before-0002_pack-*.sqlite3"))
    assert len(backups) == 1
    assert _rows(backups[0], "SELECT version_num FROM alembic_version") == [("0002_pack",)]
