"""A manifest closed offline reaches a real central server once the network is back:
orders shipped exactly once, the seller's webhook gets each tracking event exactly once."""

from __future__ import annotations

import time

from lead_kit import WebhookReceiver, labelled_parcel
from sqlalchemy import func, select, text

from central import tables as t
from station.bootstrap import central_applier
from station.services.handover import HandoverService
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus

SECRET = "s3cret-of-the-demo-seller"

SHIPPED = {"SO-1002": "SF200000000102", "SO-1004": "SF200000000104"}


def _wait_for(predicate, timeout_s=20.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached before the deadline")


def _statuses(central) -> dict[str, str]:
    with central.engine.connect() as conn:
        return dict(conn.execute(select(t.orders.c.order_id, t.orders.c.status).where(
            t.orders.c.order_id.in_(list(SHIPPED)))).all())


def test_manifest_closed_offline_ships_orders_once_and_notifies_the_seller_once(
        central, tmp_path):
    receiver = WebhookReceiver(fail_first=1)  # fails once: retried, never doubled
    try:
        seller = {"code": "DEMO-SHOP", "name": "Demo Shop", "webhook_url": receiver.url,
                  "webhook_secret": SECRET}
        assert central.call("PUT", "/v1/admin/sellers/DEMO-SHOP", central.admin_token,
                            json=seller).ok
        engine = create_station_engine(tmp_path / "station.sqlite3")
        upgrade(engine)
        client = CentralClient(central.url, central.station_token)
        pool = TrackingPool(engine, "ST-01")
        PullLoop(engine, client, central_applier(engine, pool), SyncStatus()).pull_once()
        for order_id, number in SHIPPED.items():
            labelled_parcel(engine, order_id, number, 900, carrier="SF")

        # Offline: the lead scans and closes; nothing reaches central yet.
        handover = HandoverService(engine, "ST-01", "WH-SHA")
        manifest = handover.open("L001", "SF", "16:00")
        for number in SHIPPED.values():
            assert handover.scan("L001", manifest.manifest_id, number).ok
        assert handover.close("L001", manifest.manifest_id).verdict.ok
        assert set(_statuses(central).values()) == {"released"}

        # Online: the outbox drains; a restored backup re-sends everything once more.
        sender = OutboxSender(engine, client, "ST-01")
        sent = sender.flush()
        assert sent >= 5 and sender.backlog() == 0
        with engine.connect() as conn:
            results = {r[0] for r in conn.execute(text("SELECT result FROM outbox"))}
        assert results == {"accepted"}  # handover scans and the manifest alike
        assert _statuses(central) == {o: "shipped" for o in SHIPPED}
        with engine.begin() as conn:
            conn.execute(text("UPDATE outbox SET sent_at = NULL, result = NULL"))
        assert sender.flush() == sent
        expected = {(n, s) for n in SHIPPED.values() for s in ("label_created", "shipped")}
        _wait_for(lambda: {(c["tracking_number"], c["status"])
                           for c in receiver.calls[1:]} >= expected)
        time.sleep(0.5)  # any duplicate delivery would arrive within the poll interval
        delivered = [(c["tracking_number"], c["status"]) for c in receiver.calls[1:]]
        assert sorted(delivered) == sorted(expected)  # each event exactly once
        with central.engine.connect() as conn:
            shipped_events = conn.scalar(select(func.count()).select_from(t.tracking_events)
                                         .where(t.tracking_events.c.status == "shipped"))
            closes = conn.scalar(select(func.count()).select_from(t.events)
                                 .where(t.events.c.kind == "manifest_closed"))
        assert (shipped_events, closes) == (2, 1)
        client.close()
        engine.dispose()
    finally:
        receiver.close()
