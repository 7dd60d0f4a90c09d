"""The station through a real network path: a TCP proxy in front of a real central that
answers like the middleboxes of a warehouse network do. An nginx HTML 404, a revoked token,
an idle connection a NAT forgot, a shipment call that hangs or whose answer is swallowed while
``/v1/changes`` answers. Before the fixes: 8 events settled ``rejected`` for good, "Central:
online" under 401s, a pool label while central was healthy, 5.5 s per label."""

from __future__ import annotations

import time

import pytest
from chaos_proxy import ChaosProxy
from sqlalchemy import text

from station.bootstrap import central_applier
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient, CentralMisrouted, CentralUnavailable
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus
from tests.benchkit import BenchPrinter, make_bench, pack_order, run


def _wait(predicate, timeout_s=15.0, what="condition"):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} not reached in {timeout_s} s")


@pytest.fixture
def path(central, tmp_path):
    """A station database pulled from central through the proxy."""
    proxy = ChaosProxy(central.live.port)
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    pool = TrackingPool(engine, "ST-01")
    client = CentralClient(proxy.url, central.station_token, retries=0,
                           shipment_read_timeout_s=5.0)
    PullLoop(engine, client, central_applier(engine, pool), SyncStatus()).pull_once()
    yield proxy, engine, client, pool
    client.close()
    proxy.close()
    engine.dispose()


def _outbox(engine) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT kind, result FROM outbox ORDER BY id"))]


def test_proxy_html_404_on_events_never_settles_an_event(path, central):
    proxy, engine, client, _pool = path
    proxy.rule = lambda method, p: "html404" if p == "/v1/events" else None
    status = SyncStatus()
    bench = make_bench(engine, BenchPrinter(), client, status)
    run(bench, pack_order(bench, engine, "SO-1001"))
    queued = len(_outbox(engine))
    assert queued >= 3
    sender = OutboxSender(engine, client, "ST-01", status, base_delay_s=0.01, max_delay_s=0.05,
                          idle_poll_s=0.02)
    for _ in range(12):  # the batch halves down to one event, as it did before the fix
        with pytest.raises(CentralMisrouted):
            sender.send_batch()
    assert [r for _k, r in _outbox(engine)] == [None] * queued  # nothing given up
    sender.start()
    try:
        _wait(lambda: status.snapshot.reason == "wrong_address", what="wrong address shown")
        assert status.snapshot.online is False
        proxy.rule = None  # the proxy is fixed
        _wait(lambda: sender.backlog() == 0, what="outbox drained")
        _wait(lambda: status.snapshot.online is True, what="online again")
    finally:
        sender.stop()
    assert {r for _k, r in _outbox(engine)} == {"accepted"}
    assert status.snapshot.rejected == 0


def test_a_revoked_token_is_not_online_and_says_so(path, central):
    proxy, engine, _client, pool = path
    revoked = CentralClient(proxy.url, "not-a-token", retries=0)
    status = SyncStatus()
    with engine.begin() as conn:
        from contract import EventKind, PackStarted
        from station.store.outbox import enqueue_event

        enqueue_event(conn, EventKind.PACK_STARTED, PackStarted(order_id="SO-1001",
                                                                operator="P001"),
                      order_id="SO-1001")
    sender = OutboxSender(engine, revoked, "ST-01", status, base_delay_s=0.01,
                          max_delay_s=0.05, idle_poll_s=0.02)
    puller = PullLoop(engine, revoked, central_applier(engine, pool), status, interval_s=0.05)
    sender.start()
    puller.start()
    try:
        _wait(lambda: status.snapshot.reason == "token_refused", what="token refused shown")
        time.sleep(0.3)  # both loops have run several times: never "online"
        assert status.snapshot.online is False
        assert status.snapshot.reason == "token_refused"
    finally:
        sender.stop()
        puller.stop()
        revoked.close()
    assert [r for _k, r in _outbox(engine)] == [None]


def test_a_forgotten_idle_connection_is_retried_once_and_labels_from_central(path, central):
    proxy, engine, client, _pool = path
    status = SyncStatus()
    bench = make_bench(engine, BenchPrinter(), client, status)
    first = run(bench, pack_order(bench, engine, "SO-1001"))
    assert first.view.parcels[0].tracking.startswith("EE1")  # central's range, not the pool
    proxy.idle_drop_s = 0.2
    time.sleep(0.4)  # the kept-alive connection idles past the NAT's patience
    second = run(bench, pack_order(bench, engine, "SO-1003"))
    assert proxy.seen["idle_drop"] >= 1
    number = second.view.parcels[0].tracking
    with engine.connect() as conn:
        source = conn.execute(text("SELECT label_source FROM parcels WHERE order_id='SO-1003'"
                                   )).scalar_one()
    assert source == "central", number


@pytest.mark.parametrize("fault", ["hang", "swallow"])
def test_hung_shipments_label_from_the_pool_within_a_second_each(path, central, fault):
    proxy, engine, client, pool = path
    proxy.rule = lambda method, p: fault if p == "/v1/shipments" else None
    status = SyncStatus()
    puller = PullLoop(engine, client, central_applier(engine, pool), status, interval_s=0.05)
    puller.start()  # /v1/changes answers all along: central looks online
    printer = BenchPrinter()
    bench = make_bench(engine, printer, client, status)
    try:
        _wait(lambda: status.snapshot.online is True, what="online")
        waits = []
        for order in ("SO-1001", "SO-1003", "SO-1005"):
            answer = pack_order(bench, engine, order)
            started = time.monotonic()
            answer = run(bench, answer)
            waits.append(time.monotonic() - started)
            assert answer.view.parcels[0].tracking.startswith("EE2"), answer.view  # the pool
    finally:
        puller.stop()
    assert len(printer.jobs) == 3
    # Before: 5.5 s per label (the 5 s read timeout, every time). The <= 1 s figure is
    # measured by `make bench` (label_pool_under_central_fault); here only "not 5 s".
    assert max(waits) < 3.0, waits
    assert proxy.seen[fault] == 1  # later labels did not wait on central again


def test_a_proxy_404_on_shipments_is_not_a_refusal(path, central):
    proxy, _engine, client, _pool = path
    proxy.rule = lambda method, p: "html404" if p == "/v1/shipments" else None
    with pytest.raises(CentralUnavailable):
        from contract import ShipmentRequest

        client.create_shipment(ShipmentRequest(
            order_id="SO-1001", parcel_no=1, parcel_count=1, carrier="EMS", service="EMS-STD",
            weight_g=400, attempt_key="attempt-proxy-404"))
