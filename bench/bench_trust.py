"""Cost of central's trust checks: ``label_printed`` events whose numbers central checks
against the sender's pool segments, against plain ``pack_started`` events (no number to
check), both through a real server on loopback, on SQLite and (with ``STATION_TEST_PG_URL``) on
PostgreSQL."""

from __future__ import annotations

import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench.figures import figure
from central.testkit import seeded_central
from central.trackno import format_number

ORDERS = [f"SO-{1000 + n}" for n in range(1, 11)]
EVENTS = 2000  # every number of ST-01's two demo pool segments (EMS and SF, 1,000 each)


def _event(kind: str, order_id: str, payload: dict) -> dict:
    return {"idempotency_key": uuid.uuid4().hex, "kind": kind, "station": "ST-01",
            "occurred_at": datetime.now(UTC).isoformat(), "order_id": order_id,
            "payload": payload}


def _labels() -> list[dict]:
    events = []
    for i in range(EVENTS):
        carrier = "EMS" if i % 2 == 0 else "SF"
        serial = i // 2
        number = (format_number("s10", "EE", 20_000_000 + serial, 8, "CN") if carrier == "EMS"
                  else format_number("none", "SF", 200_000_000_000 + serial, 12, ""))
        order = ORDERS[i % len(ORDERS)]
        events.append(_event("label_printed", order, {
            "order_id": order, "parcel_no": i + 1, "tracking_number": number,
            "carrier": carrier, "service": f"{carrier}-STD", "weight_g": 500,
            "source": "pool"}))
    return events


def _packs() -> list[dict]:
    return [_event("pack_started", o, {"order_id": o, "operator": "P001"})
            for o in (ORDERS[i % len(ORDERS)] for i in range(EVENTS))]


def _rate(central, events: list[dict]) -> float:
    start = time.perf_counter()
    for i in range(0, len(events), 500):
        answer = central.call("POST", "/v1/events", central.station_token,
                              json={"events": events[i:i + 500]})
        assert answer.status_code == 200, answer.text
        assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    return len(events) / (time.perf_counter() - start)


def _backend(url: str, name: str) -> dict:
    central = seeded_central(url)
    try:
        plain = _rate(central, _packs())
        checked = _rate(central, _labels())
    finally:
        central.stop()
    # Goal: a full batch of 500 labels (the sender's largest) is taken within a second.
    return figure(f"central_ingest_label_printed_checked{name}", checked, "events/s",
                  ">= 5,000 events/s", baseline=plain,
                  baseline_is="pack_started events/s, same run, one worker", events=EVENTS)


def run() -> list[dict]:
    import os

    with tempfile.TemporaryDirectory() as tmp:
        rows = [_backend(f"sqlite:///{Path(tmp) / 'central.sqlite3'}", "")]
    pg = os.environ.get("STATION_TEST_PG_URL")
    if pg:  # the fleet's database (make bench under .ci/postgres.sh, or by hand)
        rows.append(_backend(pg, "_postgres"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
