"""kill -9 a packing process again and again: every acknowledged scan is on disk and the
session resumes exactly where the disk says."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from core_fixtures import count, demo_db

from contract import OrderLine
from station.demo_data import orders
from station.services import PackingService

CHILD = Path(__file__).with_name("core_crash_child.py")
KILLS = 25
PACKED_UNITS = "SELECT coalesce(sum(units), 0) FROM scans WHERE type='item_packed'"


def _crash_order():
    base = orders()[0]
    return base.model_copy(update={
        "order_id": "SO-CRASH", "tote": "T-CRASH", "pick_list": None,
        "lines": [OrderLine(line_no=1, sku="MUG-01", quantity=5000),
                  OrderLine(line_no=2, sku="TEE-M", quantity=5000)],
    })


@pytest.mark.slow
def test_sigkill_mid_session_never_loses_an_acknowledged_scan(db_path):
    engine = demo_db(db_path, extra_orders=[_crash_order()])
    rng = random.Random(20261126)
    acked = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), "400"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline().split()
        assert first and first[0] == "RESUMED", child.stderr.read() if child.stderr else ""
        # What the resumed session holds is exactly what the disk holds, and never less
        # than what was acknowledged before the last kill.
        resumed = int(first[1])
        assert resumed >= acked
        acked = resumed
        stop_after = rng.randint(1, 25)
        for _ in range(stop_after):
            line = child.stdout.readline()
            if not line.startswith("ACK"):
                break
            acked += line.startswith("ACK 4") or line.startswith("ACK 2")  # item scans
        time.sleep(rng.random() * 0.004)  # land the kill anywhere inside the next commit
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        on_disk = count(engine, PACKED_UNITS)
        assert on_disk >= acked, f"lost {acked - on_disk} acknowledged scans"
        acked = on_disk  # scans committed but not yet printed count too
        # A closed parcel is all or nothing: its event, its parcel row and its outbox event.
        closed = count(engine, "SELECT count(*) FROM scans WHERE type='parcel_closed'")
        assert closed == count(engine, "SELECT count(*) FROM parcels")
        assert closed == count(engine, "SELECT count(*) FROM outbox WHERE kind='parcel_created'")
    svc = PackingService(engine, "ST-CRASH")
    session = svc.resume()
    assert session is not None and sum(session.packed.values()) == acked
    assert len(session.parcels) > 5  # parcels were closed between the kills
    assert count(engine, "SELECT count(*) FROM parcels") == len(session.parcels) - (
        0 if session.parcels[-1].closed else 1)
    assert count(engine, "SELECT count(*) FROM pack_sessions") == 1
    svc.close()
    engine.dispose()
