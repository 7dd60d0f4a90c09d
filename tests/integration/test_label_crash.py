"""kill -9 the bench again and again while it labels: at random points of the pool take,
the print (including right after the printer accepted a label, before the commit), the
void and the relabel. After every restart the bench carries on; at the end:

- no tracking number was ever given to two parcels, and no pool number was taken twice;
- every label that came out of the printer carries its parcel's live number or a number
  that was voided (never an orphan that central would not know);
- each printed parcel has one ``label_printed`` event, for its live number.

``STATION_SOAK=1`` runs the long version (``make soak``)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from core_fixtures import demo_db
from sqlalchemy import text

from contract import OrderLine, PoolSegment
from station.demo_data import orders
from station.store.pool import TrackingPool

CHILD = Path(__file__).with_name("label_crash_child.py")
KILLS = 1000 if os.environ.get("STATION_SOAK") else 12


def _orders(n: int):
    base = orders()[4]  # SO-1005: one mug, SF
    return [base.model_copy(update={
        "order_id": f"LC-{i:04d}", "tote": None, "pick_list": None,
        "lines": [OrderLine(line_no=1, sku="MUG-01", quantity=1)],
    }) for i in range(n)]


@pytest.mark.slow
def test_sigkill_while_labelling_never_ships_a_wrong_or_second_number(tmp_path):
    db = tmp_path / "station.sqlite3"
    engine = demo_db(db, extra_orders=_orders(KILLS * 3 + 50))  # never run out of orders
    TrackingPool(engine, "ST-01").add_segment(
        PoolSegment(segment_id="SF-LC", carrier="SF", station="ST-01", prefix="SF",
                    start=10_000_000, end=10_999_999, width=8), "none")
    printed = tmp_path / "printed.log"
    rng = random.Random(20261201)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for trial in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), str(printed), str(trial)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("STARTED"), child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.02, 0.4))
        if child.poll() is not None:
            pytest.fail(f"the bench stopped by itself: {child.stderr.read()[-2000:]}")
        child.send_signal(signal.SIGKILL)
        child.wait()

    with engine.connect() as conn:
        labels = conn.execute(text(
            "SELECT order_id, parcel_no, tracking_number, status FROM parcel_labels "
            "WHERE tracking_number IS NOT NULL")).all()
        live = {(r.order_id, r.parcel_no): r.tracking_number for r in conn.execute(text(
            "SELECT order_id, parcel_no, tracking_number FROM parcels "
            "WHERE tracking_number IS NOT NULL"))}
        labelled = conn.execute(text(
            "SELECT order_id, parcel_no, tracking_number FROM parcels "
            "WHERE status = 'labelled'")).all()
        events = Counter(conn.execute(text(
            "SELECT json_extract(payload, '$.tracking_number') FROM outbox "
            "WHERE kind = 'label_printed'")).scalars())
        pool_taken = conn.execute(text("SELECT COUNT(*) FROM pool_number")).scalar()
    voided = {r.tracking_number for r in labels if r.status == "voided"}
    numbers = Counter(r.tracking_number for r in labels)
    assert numbers and max(numbers.values()) == 1  # one number, one parcel, ever
    assert pool_taken == len(numbers)

    jobs = [ln.split() for ln in printed.read_text().splitlines()]
    assert len(jobs) > KILLS // 2, "the trials printed too little to prove anything"
    for order_id, parcel_no, number in jobs:
        key = (order_id, int(parcel_no))
        assert number == live.get(key) or number in voided, (
            f"{order_id}/{parcel_no} came out with {number}: neither its live number "
            f"({live.get(key)}) nor a voided one")
    for r in labelled:
        assert events[r.tracking_number] == 1, f"{r.tracking_number}: {events[r.tracking_number]}"
    assert all(n in voided or n in {r.tracking_number for r in labelled} or n in live.values()
               for n in events)
    engine.dispose()
