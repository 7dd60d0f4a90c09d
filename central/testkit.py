"""A seeded central server for tests and benchmarks: two warehouses, stations, tokens."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import requests
from sqlalchemy import Engine

from central.auth import create_token
from central.live import LiveServer, reset_database, start_server
from central.schemas import Station, Warehouse
from central.seed import STATION, WAREHOUSE, seed_demo
from central.wms import save_station, save_warehouse

OTHER_WAREHOUSE = "WH-BJS"
OTHER_STATION = "ST-B1"


@dataclass
class SeededCentral:
    """A running central server with demo data and one token per role."""

    live: LiveServer
    admin_token: str
    station_token: str  # ST-01 of WH-SHA
    other_token: str  # ST-B1 of WH-BJS
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def url(self) -> str:
        return self.live.url

    @property
    def engine(self) -> Engine:
        return self.live.engine

    def call(self, method: str, path: str, token: str | None = None, **kw: Any) -> Any:
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.request(method, self.url + path, headers=headers, timeout=30, **kw)

    def stop(self) -> None:
        self.http.close()
        self.live.stop()
        self.engine.dispose()


def seeded_central(url: str, **app_options: object) -> SeededCentral:
    """Reset the database at ``url``, seed it, start a server on a free loopback port."""
    engine = reset_database(url)
    with engine.begin() as conn:
        seed_demo(conn)
        save_warehouse(conn, Warehouse(code=OTHER_WAREHOUSE, name="Beijing DC"))
        save_station(conn, Station(name=OTHER_STATION, warehouse=OTHER_WAREHOUSE))
        admin = create_token(conn, admin=True)
        station = create_token(conn, station=STATION)
        other = create_token(conn, station=OTHER_STATION)
    live = start_server(engine, **app_options)  # type: ignore[arg-type]
    return SeededCentral(live, admin, station, other)


def postgres_url() -> str:
    """The PostgreSQL URL of the fleet tests. Missing: fail under CI, skip on a desk."""
    import pytest

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


__all__ = ["OTHER_STATION", "OTHER_WAREHOUSE", "STATION", "WAREHOUSE", "SeededCentral"]
