"""The migrations build exactly the schema the code uses (no drift), on SQLite."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central.live import reset_database
from central.tables import metadata


def test_migrated_schema_matches_the_tables(tmp_path):
    engine = reset_database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []
