"""``station db upgrade`` keeps a copy of the database before it migrates it.

The copy is taken with SQLite's online backup API (consistent even while another process
writes through WAL) into ``<name>.before-<revision>-<time>.sqlite3`` beside the file, and only
when a migration is pending: a no-op upgrade on every start must not fill the disk.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from station.store.db import MIGRATIONS, create_station_engine, current_revision, upgrade


@dataclass(frozen=True)
class UpgradeResult:
    revision: str | None  # the database's revision after the upgrade
    previous: str | None  # before it (None: a new database)
    backup: Path | None  # the copy taken first, None when nothing was pending


def script_heads(migrations: Path = MIGRATIONS) -> set[str]:
    """The newest revisions of the migration scripts in ``migrations``."""
    from alembic.script import ScriptDirectory

    from station.store.db import alembic_config

    engine = create_station_engine(":memory:")
    script = ScriptDirectory.from_config(alembic_config(engine, migrations))
    return set(script.get_heads())


def backup_database(path: Path, label: str) -> Path:
    """Copy the SQLite file at ``path`` with the backup API; return the copy's path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{label}-{stamp}{path.suffix or '.sqlite3'}")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        with dest:
            source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target


def adopt_user_database(legacy: Path, machine: Path) -> bool:
    """A bench that was a per-user station becomes the machine's: its file (orders, unsent
    events, pool) is copied into the machine folder with the backup API, and the old one is
    renamed so nobody packs on it by mistake. False when there is nothing to adopt."""
    if machine.exists() or not legacy.is_file():
        return False
    partial = machine.with_name(machine.name + ".adopting")
    source = sqlite3.connect(f"file:{legacy}?mode=ro", uri=True)
    dest = sqlite3.connect(partial)
    try:
        with dest:
            source.backup(dest)
    finally:
        dest.close()
        source.close()
    partial.replace(machine)  # whole or not at all
    legacy.replace(legacy.with_name(legacy.stem + ".moved-to-machine" + legacy.suffix))
    return True


def upgrade_with_backup(path: Path, migrations: Path = MIGRATIONS) -> UpgradeResult:
    """Migrate the station file at ``path`` to the newest revision, backing it up first when
    it exists and a migration is pending. Raises :class:`~station.store.db.StoreError`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_station_engine(path)
    try:
        existed = path.is_file() and path.stat().st_size > 0
        previous = current_revision(engine) if existed else None
        pending = set((previous or "").split(",")) - {""} != script_heads(migrations)
        backup = None
        if existed and pending:
            backup = backup_database(path, (previous or "empty").replace(",", "+"))
        if pending:
            upgrade(engine, migrations=migrations)
        return UpgradeResult(current_revision(engine), previous, backup)
    finally:
        engine.dispose()
