"""An operator moved to another warehouse, or deactivated, stops working at the old
warehouse's benches at the next pull. Before the fix ``/v1/changes`` filtered operators by
their *current* warehouse, so the old stations never heard of the move and kept the badge
active. And an operator saved without a warehouse had its PIN hash sent to every station."""

from __future__ import annotations

from sqlalchemy import text

from station.bootstrap import central_applier
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.status import SyncStatus


def _station(central, tmp_path):
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(central.url, central.station_token)
    puller = PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01")),
                      SyncStatus())
    return engine, client, puller


def _operator(engine, badge):
    with engine.connect() as conn:
        return conn.execute(text("SELECT active, pin_hash, name FROM operators WHERE badge=:b"),
                            {"b": badge}).first()


def _put(central, badge, active=True, **params):
    body = {"badge": badge, "name": "Zhao Lei", "role": "lead", "active": active}
    answer = central.call("PUT", f"/v1/admin/operators/{badge}", central.admin_token,
                          json=body, params=params)
    assert answer.status_code == 200, answer.text
    pin = central.call("PUT", f"/v1/admin/operators/{badge}/pin", central.admin_token,
                       json={"pin": "24681357"})
    assert pin.status_code == 200, pin.text


def test_a_moved_operator_is_removed_from_the_old_warehouse(central, tmp_path):
    engine, client, puller = _station(central, tmp_path)
    try:
        _put(central, "L777", warehouse="WH-SHA")
        puller.pull_once()
        before = _operator(engine, "L777")
        assert before.active and before.pin_hash
        _put(central, "L777", warehouse="WH-BJS")  # moved to Beijing
        puller.pull_once()
        after = _operator(engine, "L777")
        assert not after.active and after.pin_hash is None and after.name == ""
    finally:
        client.close()
        engine.dispose()


def test_a_deactivated_operator_is_inactive_at_the_next_pull(central, tmp_path):
    engine, client, puller = _station(central, tmp_path)
    try:
        _put(central, "P888", warehouse="WH-SHA")
        puller.pull_once()
        _put(central, "P888", active=False, warehouse="WH-SHA")
        puller.pull_once()
        assert not _operator(engine, "P888").active
    finally:
        client.close()
        engine.dispose()


def test_an_operator_without_a_warehouse_sends_no_pin_hash(central, tmp_path):
    engine, client, puller = _station(central, tmp_path)
    try:
        _put(central, "L999")  # no ?warehouse: every warehouse's badge, nobody's PIN hash
        puller.pull_once()
        row = _operator(engine, "L999")
        assert row.active and row.pin_hash is None
    finally:
        client.close()
        engine.dispose()
