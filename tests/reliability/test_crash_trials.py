"""Crash trials: SIGKILL a child at random points of packing, of taking pool numbers and of
syncing the outbox. Nothing acknowledged is lost, nothing is duplicated, and the next child
resumes from exactly what the disk holds.

(The label/print step's trials belong to the bench rewrite and live with it.)
"""

from __future__ import annotations

import random

import pytest
from conftest import record_figure, soak_size
from core_fixtures import count, demo_db
from crashkit import Zygote
from sqlalchemy import func, select, text

from central import tables as t
from contract import OrderLine, PoolSegment
from station.carriers import TrackingPool
from station.demo_data import orders
from station.store.audit_chain import verify_chain
from station.store.db import create_station_engine, upgrade
from station.sync.client import CentralClient
from station.sync.sender import OutboxSender

# Room for crashkit to report a stalled trial (after 100 s) before pytest's timeout cuts in.
pytestmark = pytest.mark.timeout(soak_size(300, 5400))

PACK_TRIALS = soak_size(6, 450)
POOL_TRIALS = soak_size(6, 330)
SYNC_TRIALS = soak_size(6, 330)


@pytest.fixture
def zygote():
    z = Zygote()
    yield z
    z.close()


def _crash_order():
    base = orders()[0]
    return base.model_copy(update={
        "order_id": "SO-CRASH", "tote": "T-CRASH", "pick_list": None,
        "lines": [OrderLine(line_no=1, sku="MUG-01", quantity=90_000),
                  OrderLine(line_no=2, sku="TEE-M", quantity=90_000)],
    })


def _chain_ok(engine) -> None:
    with engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok, f"audit chain broken at row {report.first_broken}"


def test_kill_while_packing_loses_no_acknowledged_scan(db_path, zygote):
    engine = demo_db(db_path, extra_orders=[_crash_order()])
    rng = random.Random(20261201)
    acked = killed = 0
    for _ in range(PACK_TRIALS):
        trial = zygote.trial(rng, "pack", str(db_path), "400")
        assert trial.error is None, trial.error
        if trial.acks:  # (a kill may also land before the child has resumed at all)
            assert trial.acks[0].startswith("RESUMED"), trial.acks
            resumed = int(trial.acks[0].split()[1])
            assert resumed >= acked, f"resumed {resumed} units, {acked} were acknowledged"
            acked = resumed + sum(a.startswith(("ACK 4", "ACK 2")) for a in trial.acks[1:])
        killed += trial.killed
        on_disk = count(engine, "SELECT coalesce(sum(units), 0) FROM scans "
                                "WHERE type='item_packed'")
        assert on_disk >= acked, f"lost {acked - on_disk} acknowledged scans"
        acked = on_disk
        closed = count(engine, "SELECT count(*) FROM scans WHERE type='parcel_closed'")
        assert closed == count(engine, "SELECT count(*) FROM parcels")
        assert closed == count(engine, "SELECT count(*) FROM outbox WHERE kind='parcel_created'")
        assert count(engine, "SELECT count(*) FROM pack_sessions") == 1
    assert killed >= PACK_TRIALS // 2
    record_figure("crash_trials_pack", killed, "SIGKILLs", "0 acknowledged scans lost")
    engine.dispose()


def test_kill_while_taking_pool_numbers_never_loses_or_repeats_one(db_path, zygote):
    engine = create_station_engine(db_path)
    upgrade(engine)
    TrackingPool(engine, "ST-CRASH").add_segment(PoolSegment(
        segment_id="SF-CRASH", carrier="SF", station="ST-CRASH", prefix="SF", start=1,
        end=10_000_000, width=12))
    rng = random.Random(77)
    taken: list[str] = []
    voided: set[str] = set()
    killed = 0
    for _ in range(POOL_TRIALS):
        trial = zygote.trial(rng, "pool", str(db_path), "100000", max_acks=40)
        assert trial.error is None, trial.error
        killed += trial.killed
        taken += [a.split()[2] for a in trial.acks if a.startswith("ACK take")]
        voided |= {a.split()[2] for a in trial.acks if a.startswith("ACK void")}
        with engine.connect() as conn:
            rows = {r.number: r for r in conn.execute(text(
                "SELECT number, serial, status FROM pool_number"))}
            next_no = conn.execute(text("SELECT next_no FROM pool_segment")).scalar()
        # Every serial the segment moved past is on record once: no gap, no double.
        assert sorted(r.serial for r in rows.values()) == list(range(1, next_no))
        assert len(taken) == len(set(taken)), "a number was handed out twice"
        assert set(taken) <= set(rows), "an acknowledged number is not on record"
        assert all(rows[n].status == "voided" for n in voided)
        # Each void and its audit row commit together; the chain survives every kill.
        assert count(engine, "SELECT count(*) FROM audit WHERE action='tracking_voided'") == sum(
            r.status == "voided" for r in rows.values())
        _chain_ok(engine)
    assert killed >= POOL_TRIALS // 2
    record_figure("crash_trials_pool", killed, "SIGKILLs", "0 numbers lost or repeated")
    engine.dispose()


def test_kill_while_syncing_delivers_every_event_exactly_once(db_path, zygote, central):
    engine = create_station_engine(db_path)
    upgrade(engine)
    rng = random.Random(4242)
    queued: list[str] = []
    killed = 0
    for n in range(SYNC_TRIALS):
        trial = zygote.trial(rng, "sync", str(db_path), central.url, central.station_token,
                             str(n), max_acks=12)
        assert trial.error is None, trial.error
        killed += trial.killed
        for ack in trial.acks:
            if ack.startswith("ACK queued"):
                queued += ack.split()[2:]
        with engine.connect() as conn:
            on_disk = set(conn.scalars(text("SELECT idempotency_key FROM outbox")))
        assert set(queued) <= on_disk, "an acknowledged event vanished from the outbox"
    # The network is calm again: whatever is left goes out once.
    client = CentralClient(central.url, central.station_token)
    OutboxSender(engine, client, "ST-01").flush()
    client.close()
    with engine.connect() as conn:
        outbox = conn.execute(text("SELECT idempotency_key, result FROM outbox")).all()
    assert {r.result for r in outbox} == {"accepted"}
    with central.engine.connect() as conn:
        stored = conn.scalar(select(func.count()).select_from(t.events)
                             .where(t.events.c.station == "ST-01"))
        distinct = conn.scalar(select(func.count(t.events.c.idempotency_key.distinct()))
                               .where(t.events.c.station == "ST-01"))
    assert stored == distinct == len(outbox) >= len(queued)
    assert killed >= SYNC_TRIALS // 2
    record_figure("crash_trials_sync", killed, "SIGKILLs", "0 events lost or doubled")
    record_figure("crash_trials_sync_events", len(outbox), "events", "each stored once")
    engine.dispose()
