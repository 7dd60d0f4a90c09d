"""The pull loop: pages in change order, cursor kept in ``sync_cursor``, restart on reset."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from synckit import station_db

from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.status import SyncStatus


def test_pull_loop_applies_pages_in_order_and_resumes(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    pages = []
    status = SyncStatus()
    with CentralClient(central.url, central.station_token) as client:
        loop = PullLoop(engine, client, pages.append, status, page_size=4)
        assert loop.pull_once() > 3
        orders = [o.order_id for p in pages for o in p.orders]
        assert orders == [f"SO-{1000 + n}" for n in range(1, 11)]
        assert [p.more for p in pages][-1] is False and all(p.more for p in pages[:-1])
        cursors = [int(p.cursor) for p in pages]
        assert cursors == sorted(cursors) and loop.cursor() == pages[-1].cursor
        assert status.snapshot.online is True and status.snapshot.last_pulled_at
        # Central cancels an order: the next pull brings only that change.
        central.call("POST", "/v1/admin/orders/SO-1003/decision", central.admin_token,
                     json={"status": "cancelled", "reason": "out of stock"})
        pages.clear()
        assert loop.pull_once() == 1
        assert [(o.order_id, o.status) for o in pages[0].orders] == [("SO-1003", "cancelled")]
        # A new loop on the same database resumes from the stored cursor.
        pages.clear()
        PullLoop(engine, client, pages.append).pull_once()
        assert pages[0].orders == [] and pages[0].products == []
        # The central database was replaced (cursor ahead): the loop starts over.
        with engine.begin() as conn:
            conn.execute(text("UPDATE sync_cursor SET cursor = '99999999'"))
        pages.clear()
        loop.pull_once()
        assert len([o for p in pages for o in p.orders]) == 10


def test_station_sync_runs_both_ways_with_the_token_from_the_environment(central, tmp_path,
                                                                        monkeypatch):
    import time

    import keyring
    from keyring.backends import fail
    from sqlalchemy import text
    from synckit import queue_events

    from station.bootstrap import build_sync
    from station.sync.token import load_token

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # headless Linux: no keyring, CI fallback variable
    monkeypatch.setenv("STATION_API_TOKEN", central.station_token)
    engine = station_db(tmp_path / "station.sqlite3")
    queue_events(engine, 20)
    try:
        token = load_token("ST-01")
    finally:
        keyring.set_keyring(before)
    parts = build_sync(engine, "ST-01", central.url, token, idle_poll_s=0.05)

    def orders_here() -> int:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM orders")).scalar() or 0)

    parts.start()
    try:
        deadline = time.monotonic() + 30
        while parts.sender.backlog() or orders_here() < 10 or not parts.status.snapshot.online:
            assert time.monotonic() < deadline, parts.status.snapshot
            time.sleep(0.02)
    finally:
        parts.stop()
    assert orders_here() == 10  # pulled into the station's own tables


def test_receiving_bench_reads_inbound_notices_of_its_warehouse_only(central):
    from station.sync.client import CentralRejected

    notice = {"notice_id": "ASN-1", "warehouse": "WH-SHA", "supplier": "Mugs Ltd",
              "lines": [{"sku": "MUG-350", "quantity": 48}]}
    assert central.call("PUT", "/v1/admin/inbound-notices/ASN-1", central.admin_token,
                        json=notice).ok
    with CentralClient(central.url, central.station_token) as client:
        got = client.inbound_notice("ASN-1")
    assert got.lines[0].quantity == 48 and got.supplier == "Mugs Ltd"
    other = CentralClient(central.url, central.other_token)
    with other, pytest.raises(CentralRejected, match="not found") as refused:
        other.inbound_notice("ASN-1")
    assert refused.value.status == 404
