"""Station database files loaded with the demo reference data, for the core's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, text

from contract import ChangeSet, Order
from station.demo_data import demo_changeset
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes

_TEMPLATES: dict[str, Path] = {}


def demo_db(path: Path, extra_orders: list[Order] | None = None) -> Engine:
    """A migrated station database at ``path`` with the demo data (+ ``extra_orders``)."""
    engine = create_station_engine(path)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
        if extra_orders:
            apply_changes(conn, ChangeSet(cursor="x", orders=extra_orders))
    return engine


def demo_db_copy(template_dir: Path, path: Path) -> Engine:
    """Like :func:`demo_db` but copies a file migrated once (fast, for hypothesis)."""
    key = str(template_dir)
    if key not in _TEMPLATES:
        template = template_dir / "template.sqlite3"
        engine = demo_db(template)
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        _TEMPLATES[key] = template
    shutil.copyfile(_TEMPLATES[key], path)
    return create_station_engine(path)


def count(engine: Engine, sql: str, **params) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar() or 0)
