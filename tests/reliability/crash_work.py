"""What a crash-trial child does until it is killed. Each function prints ``ACK <what>`` only
after the call that made it durable returned (after its commit), then carries on.

Run inside a process forked by ``crash_zygote.py``: the imports are paid once, so a trial
costs milliseconds and a soak can afford thousands of kills.
"""

from __future__ import annotations

import os
import random

import core_crash_child  # the pack loop of the integration crash test, reused as it is

from contract import EventKind, PackStarted, WeightOverride
from station.carriers import PoolEmptyError, TrackingPool
from station.store.db import create_station_engine
from station.store.outbox import enqueue_event
from station.sync.client import CentralClient, CentralError
from station.sync.sender import OutboxSender

ORDERS = [f"SO-{1000 + n}" for n in range(1, 11)]


def pack(db: str, limit: str) -> None:
    """Pack SO-CRASH forever (scans, parcels, weights), resuming whatever the disk holds."""
    core_crash_child.main(db, int(limit))


def pool(db: str, limit: str) -> None:
    """Take tracking numbers from the local pool, each committed before it is reported."""
    pool = TrackingPool(create_station_engine(db), "ST-CRASH")
    for i in range(int(limit)):
        try:
            number = pool.take("SF")
        except PoolEmptyError:
            break
        print(f"ACK take {number}", flush=True)
        if i % 5 == 4:  # a spoiled label: the number is voided, with its audit row
            pool.void(number, "label smudged", "B-LEAD")
            print(f"ACK void {number}", flush=True)


def sync(db: str, url: str, token: str, seed: str) -> None:
    """Queue events (as the bench does) and send the outbox to central, in turns."""
    rng = random.Random(int(seed))
    engine = create_station_engine(db)
    client = CentralClient(url, token, retries=0, read_timeout_s=5)
    sender = OutboxSender(engine, client, "ST-01", batch_size=rng.choice([1, 3, 10, 50]))
    for step in range(10_000):
        with engine.begin() as conn:
            keys = [_queue_one(conn, rng, step * 10 + i) for i in range(rng.randint(1, 5))]
        print("ACK queued " + " ".join(keys), flush=True)
        try:
            sent = sender.send_batch()
        except CentralError:
            continue
        print(f"ACK sent {sent}", flush=True)


def _queue_one(conn, rng: random.Random, n: int) -> str:  # type: ignore[no-untyped-def]
    order = ORDERS[rng.randrange(len(ORDERS))]
    if n % 2:
        payload = WeightOverride(order_id=order, parcel_no=1, expected_g=500,
                                 actual_g=500 + n, reason=f"trial {os.getpid()}-{n}", lead="L001")
        return enqueue_event(conn, EventKind.WEIGHT_OVERRIDE, payload, order_id=order)
    started = PackStarted(order_id=order, operator=f"P{os.getpid()}-{n}")
    return enqueue_event(conn, EventKind.PACK_STARTED, started, order_id=order)


WORKS = {"pack": pack, "pool": pool, "sync": sync}
