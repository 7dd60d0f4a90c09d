"""Central under concurrent writers, with real concurrent HTTP requests (run on SQLite and on
PostgreSQL, where writers really do run at the same time).

Before the fixes, on PostgreSQL: a cancellation answered 200 while a station batch was being
ingested, and the order ended ``packed`` (the batch had read the status before the
cancellation and wrote its stale move unconditionally); eight identical ``POST /v1/shipments``
without an attempt key got up to eight live numbers; a pool smaller than the request threads
answered 500.
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import create_engine, func, select

from central import tables as t
from central.live import start_server
from central.trackno import format_number

RECIPIENT = {"name": "Wang Wei", "line1": "1 Jianguo Road", "city": "Beijing", "country": "CN"}


def _release(central, order_id: str) -> None:
    body = {"order_id": order_id, "warehouse": "WH-SHA", "carrier": "EMS",
            "service": "EMS-STD", "recipient": RECIPIENT,
            "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}]}
    answer = central.call("POST", "/v1/admin/orders", central.admin_token, json=body)
    assert answer.status_code == 200, answer.text


def _event(kind: str, order_id: str, payload: dict) -> dict:
    return {"idempotency_key": uuid.uuid4().hex, "kind": kind, "station": "ST-01",
            "occurred_at": datetime.now(UTC).isoformat(), "order_id": order_id,
            "payload": {"order_id": order_id, **payload}}


def _status(central, order_id: str) -> str:
    with central.engine.connect() as conn:
        return conn.scalar(select(t.orders.c.status).where(t.orders.c.order_id == order_id))


def test_a_cancellation_during_ingest_is_never_undone(central):
    rounds, per_round = 4, 150
    serial = 20_000_000
    outcomes = []
    for rnd in range(rounds):
        victim = f"SO-RC{rnd}-0"
        others = [f"SO-RC{rnd}-{n}" for n in range(1, per_round + 1)]
        for order_id in [victim, *others]:
            _release(central, order_id)
        events = []
        for order_id in others:  # slow part first: each label is checked against the pool
            number = format_number("s10", "EE", serial, 8, "CN")
            serial += 1
            events.append(_event("label_printed", order_id, {
                "parcel_no": 1, "tracking_number": number, "carrier": "EMS",
                "service": "EMS-STD", "weight_g": 500, "source": "pool"}))
        # The victim's pack_completed comes after them: the batch read its status long before.
        for order_id in [victim, *others]:
            events.append(_event("pack_completed", order_id, {
                "operator": "P001",
                "parcels": [{"parcel_no": 1, "tracking_number": None, "weight_g": 500}]}))
        answers: dict[str, requests.Response] = {}

        def ingest(events=events, answers=answers) -> None:
            answers["batch"] = central.call("POST", "/v1/events", central.station_token,
                                            json={"events": events})

        worker = threading.Thread(target=ingest)
        worker.start()
        time.sleep(0.02 + 0.03 * rnd)  # the decision lands while the batch is being ingested
        decision = central.call("POST", f"/v1/admin/orders/{victim}/decision",
                                central.admin_token,
                                json={"status": "cancelled", "reason": "buyer cancelled"})
        worker.join(timeout=120)
        assert answers["batch"].status_code == 200, answers["batch"].text
        results = answers["batch"].json()["results"]
        assert {r["status"] for r in results} == {"accepted"}, results[:3]
        outcomes.append((decision.status_code, _status(central, victim)))
    for code, status in outcomes:
        assert code == 200, outcomes
        assert status == "cancelled", outcomes  # never revived by the batch's stale read


def test_a_shipped_order_is_not_moved_back_and_cannot_be_cancelled(central):
    _release(central, "SO-SHIP-1")
    number = format_number("s10", "EE", 20_000_900, 8, "CN")
    batch = [
        _event("label_printed", "SO-SHIP-1", {"parcel_no": 1, "tracking_number": number,
                                               "carrier": "EMS", "service": "EMS-STD",
                                               "weight_g": 500, "source": "pool"}),
        {"idempotency_key": uuid.uuid4().hex, "kind": "manifest_closed", "station": "ST-01",
         "occurred_at": datetime.now(UTC).isoformat(), "order_id": None,
         "payload": {"manifest_id": "M-1", "carrier": "EMS", "closed_by": "L001",
                     "tracking_numbers": [number]}},
        _event("pack_completed", "SO-SHIP-1", {"operator": "P001", "parcels": [
            {"parcel_no": 1, "tracking_number": number, "weight_g": 500}]}),
    ]
    answer = central.call("POST", "/v1/events", central.station_token, json={"events": batch})
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    assert _status(central, "SO-SHIP-1") == "shipped"  # the later packed fact did not undo it
    refused = central.call("POST", "/v1/admin/orders/SO-SHIP-1/decision", central.admin_token,
                           json={"status": "cancelled", "reason": "too late"})
    assert refused.status_code == 409
    assert _status(central, "SO-SHIP-1") == "shipped"


def test_identical_concurrent_shipment_requests_get_one_live_number(central):
    rounds = 5
    for rnd in range(rounds):
        order_id = f"SO-SH{rnd}"
        _release(central, order_id)
        body = {"order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
                "service": "EMS-STD", "weight_g": 500}
        barrier = threading.Barrier(8)
        got: list[requests.Response] = []

        def ask(body=body, barrier=barrier, got=got) -> None:
            with requests.Session() as http:
                barrier.wait()
                got.append(http.post(central.url + "/v1/shipments", json=body, timeout=60,
                                     headers={"Authorization": f"Bearer {central.station_token}"}))

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=60)
        assert [r.status_code for r in got] == [200] * 8, [r.text for r in got]
        numbers = {r.json()["tracking_number"] for r in got}
        with central.engine.connect() as conn:
            live = conn.scalar(select(func.count()).select_from(t.tracking_numbers).where(
                t.tracking_numbers.c.order_id == order_id,
                t.tracking_numbers.c.voided.is_(False)))
        assert len(numbers) == 1 and live == 1, (rnd, numbers, live)


def test_fresh_attempt_keys_cannot_burn_a_range(central):
    _release(central, "SO-BURN")
    codes = []
    for n in range(8):
        answer = central.call("POST", "/v1/shipments", central.station_token, json={
            "order_id": "SO-BURN", "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
            "service": "EMS-STD", "weight_g": 500, "attempt_key": f"burn-attempt-{n:04d}"})
        codes.append((answer.status_code, answer.json().get("code")))
    assert codes[:5] == [(200, None)] * 5
    assert set(codes[5:]) == {(409, "too_many_attempts")}


def test_a_pool_that_runs_dry_answers_503_with_retry_after_not_500(central):
    engine = create_engine(central.engine.url, pool_size=1, max_overflow=0, pool_timeout=0.3)
    server = start_server(engine)
    held = engine.connect()  # every pooled connection is busy
    try:
        answer = requests.get(server.url + "/v1/changes", timeout=30,
                              headers={"Authorization": f"Bearer {central.station_token}"})
        assert answer.status_code == 503, answer.text
        assert answer.headers.get("Retry-After")
        assert answer.json()["code"] == "busy"
    finally:
        held.close()
        server.stop()
        engine.dispose()


@pytest.mark.postgres
def test_the_engine_has_a_connection_for_every_request_thread():
    """PostgreSQL pools connections per worker (SQLite serialises writers in the file)."""
    from central.db import REQUEST_THREADS, create_central_engine
    from central.testkit import postgres_url

    engine = create_central_engine(postgres_url())
    try:
        assert engine.pool.size() >= REQUEST_THREADS
    finally:
        engine.dispose()
