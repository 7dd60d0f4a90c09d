"""Network chaos through the loopback chaos proxy: requests dropped before and after the
server commits, answers torn in half, injected 500s and stalls longer than the client waits.
Every queued event reaches central exactly once, in order per order."""

from __future__ import annotations

import time

from chaos_proxy import ChaosProxy
from conftest import record_figure, soak_size
from sqlalchemy import func, select
from synckit import ORDERS, outbox_results, queue_events, server_keys_by_order, station_db

from central import tables as t
from station.sync.client import CentralClient
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus

EVENTS = soak_size(400, 22_000)
BATCH = soak_size(4, 2)


def test_events_arrive_exactly_once_through_injected_faults(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    keys = queue_events(engine, EVENTS)
    proxy = ChaosProxy(central.live.port, fault_rate=0.5, delay_s=0.25, seed=1101)
    status = SyncStatus()
    client = CentralClient(proxy.url, central.station_token, retries=0, read_timeout_s=0.15)
    sender = OutboxSender(engine, client, "ST-01", status, batch_size=BATCH,
                          base_delay_s=0.002, max_delay_s=0.02, idle_poll_s=0.05)
    started = time.monotonic()
    sender.start()
    try:
        deadline = started + max(120, EVENTS * 0.2)
        # the outbox itself: the status can say "online" before the backlog is first counted
        while sender.backlog() or status.snapshot.online is not True:
            assert time.monotonic() < deadline, f"stuck: {status.snapshot} {proxy.seen}"
            time.sleep(0.05)
    finally:
        sender.stop()
        proxy.close()
        client.close()
    faults = sum(n for f, n in proxy.seen.items() if f != "pass")
    assert {f for f, n in proxy.seen.items() if n and f != "pass"} == {
        "drop_before", "drop_after", "reset_mid", "http500", "delay"}, proxy.seen
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
    record_figure("chaos_faults", faults, "injected faults", ">= 10,000 under make soak")
    record_figure("chaos_events", EVENTS, "events", "each stored once, in order")
    record_figure("chaos_seconds", round(time.monotonic() - started, 1), "s", "(duration)")
