"""A real central server on 127.0.0.1, on SQLite and (marked ``postgres``) on PostgreSQL."""

from __future__ import annotations

import os

import pytest

from central.testkit import seeded_central


def postgres_url() -> str:
    url = os.environ.get("STATION_TEST_PG_URL")
    if not url:
        message = (
            "STATION_TEST_PG_URL is not set: start PostgreSQL with "
            "`source .ci/postgres.sh && start_postgres` (CI does this in .ci/run)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite" else postgres_url()
    server = seeded_central(url, webhook_base_delay_s=0.05, webhook_poll_s=0.05)
    yield server
    server.stop()
