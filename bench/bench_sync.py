"""Sync benchmarks: 10k outbox events flushed to central on loopback; central ingest rate
on SQLite and PostgreSQL (STATION_TEST_PG_URL) with 1 and 2 uvicorn workers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench.figures import figure
from central.auth import create_token
from central.live import reset_database
from central.seed import seed_demo
from central.testkit import seeded_central
from contract import EventKind, PackStarted
from station.store.db import create_station_engine, upgrade
from station.store.outbox import enqueue_event
from station.sync.client import CentralClient
from station.sync.sender import OutboxSender

EVENTS = 10_000
ORDERS = [f"SO-{1000 + n}" for n in range(1, 11)]


def _queue(engine, count: int) -> None:
    with engine.begin() as conn:
        for i in range(count):
            order = ORDERS[i % len(ORDERS)]
            enqueue_event(conn, EventKind.PACK_STARTED, PackStarted(order_id=order,
                          operator="P001"), order_id=order)


def flush_10k(workdir: Path) -> dict:
    central = seeded_central(f"sqlite:///{workdir / 'flush-central.sqlite3'}")
    station = create_station_engine(workdir / "station.sqlite3")
    upgrade(station)
    _queue(station, EVENTS)
    client = CentralClient(central.url, central.station_token)
    sender = OutboxSender(station, client, "ST-01", batch_size=500)
    start = time.perf_counter()
    sent = sender.flush()
    elapsed = time.perf_counter() - start
    client.close()
    central.stop()
    assert sent == EVENTS and sender.backlog() == 0
    return figure("sync_flush_10k_events", elapsed, "s", "<= 5 s", events=EVENTS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bodies(count: int, batch: int) -> list[bytes]:
    now = datetime.now(UTC).isoformat()
    bodies = []
    for start in range(0, count, batch):
        events = [
            {"idempotency_key": uuid.uuid4().hex, "kind": "pack_started", "station": "ST-01",
             "occurred_at": now, "order_id": ORDERS[i % 10],
             "payload": {"order_id": ORDERS[i % 10], "operator": "P001"}}
            for i in range(start, min(count, start + batch))
        ]
        bodies.append(json.dumps({"events": events}).encode())
    return bodies


def ingest_rate(url: str, label: str, workers: int, count: int = 20_000) -> dict:
    """Events/s the central server stores, fed by 2 client threads per worker."""
    engine = reset_database(url)
    with engine.begin() as conn:
        seed_demo(conn)
        token = create_token(conn, station="ST-01")
    engine.dispose()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "central.cli", "serve", "--db", url, "--port", str(port),
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/healthz", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("central server did not start") from None
                time.sleep(0.1)
        bodies = _bodies(count, 250)
        threads = 2 * workers
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        failures: list[str] = []

        def feed(part: list[bytes]) -> None:
            with requests.Session() as http:
                for body in part:
                    answer = http.post(base + "/v1/events", data=body, headers=headers, timeout=60)
                    if answer.status_code != 200:
                        failures.append(answer.text[:200])

        parts = [bodies[i::threads] for i in range(threads)]
        start = time.perf_counter()
        pool = [threading.Thread(target=feed, args=(p,)) for p in parts]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        elapsed = time.perf_counter() - start
        if failures:
            raise RuntimeError(f"ingest failed: {failures[0]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figure(f"central_ingest_{label}_{workers}w", count / elapsed, "events/s",
                  "report (no target)", workers=workers)


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        rows.append(flush_10k(workdir))
        for workers in (1, 2):
            url = f"sqlite:///{workdir / f'ingest-{workers}.sqlite3'}"
            rows.append(ingest_rate(url, "sqlite", workers))
        pg = os.environ.get("STATION_TEST_PG_URL")
        if pg:
            for workers in (1, 2):
                rows.append(ingest_rate(pg, "postgres", workers))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
