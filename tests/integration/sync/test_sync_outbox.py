"""The outbox sender against a real central server: order, exactly once, offline, status."""

from __future__ import annotations

import time

import pytest
from chaos_proxy import ChaosProxy
from sqlalchemy import text
from synckit import ORDERS, outbox_results, queue_events, server_keys_by_order, station_db

from contract import EventKind, PackStarted
from station.store.outbox import enqueue_event
from station.sync.client import (
    CentralAuthError,
    CentralClient,
    CentralRejected,
    CentralUnavailable,
)
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus


def _wait_for(predicate, timeout_s=30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached before the deadline")


def test_sender_delivers_in_order_once_and_records_results(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    keys = queue_events(engine, 120)
    with engine.begin() as conn:  # an event about an order this warehouse does not have
        stray = enqueue_event(conn, EventKind.PACK_STARTED,
                              PackStarted(order_id="SO-NOPE", operator="P1"), order_id="SO-NOPE")
    client = CentralClient(central.url, central.station_token)
    sender = OutboxSender(engine, client, "ST-01", batch_size=50)
    assert sender.backlog() == 121
    assert sender.flush() == 121 and sender.backlog() == 0
    results = {key: result for key, sent, result in outbox_results(engine)}
    assert results[stray] == "rejected" and {results[k] for k in keys} == {"accepted"}
    expected = {order: [k for i, k in enumerate(keys) if ORDERS[i % 10] == order]
                for order in ORDERS}
    stored = server_keys_by_order(central.engine)
    assert {o: v for o, v in stored.items() if o in ORDERS} == expected
    # A restored backup re-sends everything: the server keeps one row per event.
    with engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET sent_at = NULL, result = NULL"))
    assert sender.flush() == 121
    assert sum(len(v) for v in server_keys_by_order(central.engine).values()) == 121
    assert {r for _, _, r in outbox_results(engine)} == {"accepted", "rejected"}
    client.close()


def test_offline_station_keeps_queueing_and_catches_up_in_order(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    proxy = ChaosProxy(central.live.port)
    proxy.offline = True
    status = SyncStatus()
    seen = []
    status.subscribe(seen.append)
    client = CentralClient(proxy.url, central.station_token, retries=0, read_timeout_s=5)
    sender = OutboxSender(engine, client, "ST-01", status, batch_size=100, base_delay_s=0.02,
                          max_delay_s=0.1, idle_poll_s=0.05)
    sender.start()
    try:
        keys = queue_events(engine, 300)
        sender.wake()
        _wait_for(lambda: status.snapshot.online is False and status.snapshot.backlog == 300)
        assert "cannot be reached" in status.snapshot.last_error
        keys += queue_events(engine, 200, start=300)  # the bench keeps packing offline
        proxy.offline = False
        _wait_for(lambda: status.snapshot.backlog == 0 and status.snapshot.online is True)
    finally:
        sender.stop()
        proxy.close()
        client.close()
    expected = {order: [k for i, k in enumerate(keys) if ORDERS[i % 10] == order]
                for order in ORDERS}
    assert server_keys_by_order(central.engine) == expected
    assert any(s.online is False for s in seen) and seen[-1].backlog == 0


def test_sender_reports_a_revoked_token_and_keeps_the_events(central, tmp_path):
    from central.auth import revoke_token

    engine = station_db(tmp_path / "station.sqlite3")
    queue_events(engine, 5)
    with central.engine.begin() as conn:
        revoke_token(conn, central.station_token)
    client = CentralClient(central.url, central.station_token)
    sender = OutboxSender(engine, client, "ST-01")
    with pytest.raises(CentralAuthError, match="revoked"):
        sender.send_batch()
    assert sender.backlog() == 5
    client.close()


def test_client_refuses_to_turn_tls_off_and_reports_unreachable(tmp_path):
    with pytest.raises(ValueError, match="cannot be turned off"):
        CentralClient("https://127.0.0.1:1", "t", verify=False)
    with pytest.raises(ValueError, match="does not exist"):
        CentralClient("https://127.0.0.1:1", "t", verify=tmp_path / "missing.pem")
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not really a certificate")
    assert CentralClient("https://127.0.0.1:1", "t", verify=bundle).session.verify == str(bundle)
    client = CentralClient("http://127.0.0.1:9", "t", retries=0, connect_timeout_s=0.5)
    with client, pytest.raises(CentralUnavailable, match="cannot be reached"):
        client.changes(None)


def test_sender_halves_batches_the_server_finds_too_large(tmp_path):
    from central.testkit import seeded_central

    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}", max_body_bytes=20_000)
    try:
        engine = station_db(tmp_path / "station.sqlite3")
        queue_events(engine, 300)
        with CentralClient(central.url, central.station_token) as client:
            sender = OutboxSender(engine, client, "ST-01", batch_size=300)
            sent = 0
            for _ in range(50):  # bounded: each try either settles rows or halves the batch
                try:
                    sent += sender.flush()
                    break
                except CentralRejected as exc:
                    assert exc.status == 413
            assert sent == 300 and sender.batch_size < 100
        assert {r for _, _, r in outbox_results(engine)} == {"accepted"}
    finally:
        central.stop()
