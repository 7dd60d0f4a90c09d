"""A real central server on 127.0.0.1, on SQLite and (marked ``postgres``) on PostgreSQL."""

from __future__ import annotations

import pytest

from central.testkit import postgres_url, seeded_central


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    else:
        url = postgres_url()
    server = seeded_central(url, webhook_base_delay_s=0.05, webhook_poll_s=0.05)
    yield server
    server.stop()
