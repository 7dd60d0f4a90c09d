"""kill -9 a receiving process again and again: every acknowledged unit is on disk, the
receipt resumes exactly where the disk says, and closing it queues one receipt event."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from contract import Barcode, ChangeSet, Location, Product
from station.domain.model import Operator, Role
from station.services.receiving import ReceivingService
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes

CHILD = Path(__file__).with_name("receiving_crash_child.py")
KILLS = 15
COUNTED = "SELECT coalesce(sum(units), 0) FROM receipt_scans WHERE type = 'counted'"


def _count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text(sql)))


def _child(db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, str(CHILD), str(db), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_sigkill_while_receiving_never_loses_or_doubles_a_unit(tmp_path):
    db = tmp_path / "station.sqlite3"
    engine = create_station_engine(db)
    upgrade(engine)
    product = Product(sku="BOLT", name="Bolt", barcodes=[Barcode(code="4006381333931")],
                      unit_weight_g=5, length_mm=1, width_mm=1, height_mm=1)
    with engine.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="1", products=[product],
                                      locations=[Location(code="A-1"), Location(code="A-2")]))
    rng = random.Random(20261201)
    acked = 0
    for _ in range(KILLS):
        child = _child(db, "400")
        assert child.stdout is not None
        first = child.stdout.readline().split()
        assert first and first[0] == "RESUMED", child.stderr.read() if child.stderr else ""
        assert int(first[1]) >= acked  # the resumed receipt holds every acknowledged unit
        acked = int(first[1])
        for _ in range(rng.randint(1, 30)):
            line = child.stdout.readline()
            if not line.startswith("ACK"):
                break
            acked += line.strip() == "ACK unit"
        time.sleep(rng.random() * 0.004)  # land the kill anywhere inside the next commit
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        on_disk = _count(engine, COUNTED)
        assert on_disk >= acked, f"lost {acked - on_disk} acknowledged units"
        acked = on_disk
    closer = _child(db, "0", "close")
    out, err = closer.communicate(timeout=30)
    assert "CLOSED finished" in out, err
    assert _count(engine, "SELECT count(*) FROM outbox WHERE kind = 'receipt'") == 1
    assert _count(engine, "SELECT count(*) FROM receipts") == 1
    # Run the closer again (as after a kill right after the close): nothing more is queued.
    again = _child(db, "0", "close")
    out, _err = again.communicate(timeout=30)
    assert "CLOSED nothing-open" in out
    assert _count(engine, "SELECT count(*) FROM outbox WHERE kind = 'receipt'") == 1
    who = Operator("P1", "Pat", Role.PACKER)
    assert ReceivingService(engine, "ST-CRASH", lambda: who).resume() is None
    with engine.connect() as conn:
        payload = json.loads(conn.scalar(text("SELECT payload FROM outbox WHERE kind='receipt'")))
    # One line per bin the units went to (A-1 and A-2 alternate): together, every unit once.
    assert sum(line["received"] for line in payload["lines"] if line["sku"] == "BOLT") == acked
    assert {line["location"] for line in payload["lines"]} <= {"A-1", "A-2"}
    engine.dispose()
