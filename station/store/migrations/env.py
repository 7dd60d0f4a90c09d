"""Alembic environment: runs against the engine handed in by ``station.store.db.upgrade``."""

from alembic import context

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    # render_as_batch: SQLite cannot ALTER most things; batch mode recreates tables.
    context.configure(connection=connection, render_as_batch=True)
    context.run_migrations()
