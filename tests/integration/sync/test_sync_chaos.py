"""Chaos: 10,000 events through a proxy that drops, resets, fails and stalls requests
(before and after the server commits) arrive exactly once, in order per order."""

from __future__ import annotations

import time

import pytest
from chaos_proxy import ChaosProxy
from sqlalchemy import func, select
from synckit import ORDERS, outbox_results, queue_events, server_keys_by_order, station_db

from central import tables as t
from station.sync.client import CentralClient
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus

EVENTS = 10_000


@pytest.mark.slow
def test_ten_thousand_events_exactly_once_through_faults(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    keys = queue_events(engine, EVENTS)
    proxy = ChaosProxy(central.live.port, fault_rate=0.35, delay_s=1.2, seed=11)
    status = SyncStatus()
    client = CentralClient(proxy.url, central.station_token, retries=1, read_timeout_s=0.8)
    sender = OutboxSender(engine, client, "ST-01", status, batch_size=250, base_delay_s=0.01,
                          max_delay_s=0.2, idle_poll_s=0.05)
    sender.start()
    try:
        deadline = time.monotonic() + 100
        # the outbox itself, not the status bar's count: the status can say "online" after
        # the first answer before the sender has counted the backlog once (a race that ended
        # this wait after one request, Counter({'pass': 1}), twice in CI)
        while sender.backlog() or status.snapshot.online is not True:
            assert time.monotonic() < deadline, f"stuck: {status.snapshot} {proxy.seen}"
            time.sleep(0.05)
    finally:
        sender.stop()
        proxy.close()
        client.close()
    faults = {f for f, n in proxy.seen.items() if n and f != "pass"}
    assert faults == {"drop_before", "drop_after", "reset_mid", "http500", "delay"}, proxy.seen
    with central.engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(t.events)
                           .where(t.events.c.station == "ST-01"))
        distinct = conn.scalar(select(func.count(t.events.c.idempotency_key.distinct()))
                               .where(t.events.c.station == "ST-01"))
    assert rows == distinct == EVENTS
    assert {(bool(sent), result) for _, sent, result in outbox_results(engine)} == {
        (True, "accepted")}
    expected = {order: [k for i, k in enumerate(keys) if ORDERS[i % 10] == order]
                for order in ORDERS}
    assert server_keys_by_order(central.engine) == expected
