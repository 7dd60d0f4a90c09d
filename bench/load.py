"""``make load``: a fleet of simulated stations against a real central process.

N stations (default 50) each send the backlog a network outage leaves (default 500 events:
label_printed + pack_completed of 250 orders, numbers from the station's own pool segment)
at the same moment, speaking the real contract over HTTP to ``station-central serve`` in its
own process, while a bench asks for labels (``POST /v1/shipments``) the whole time. With
``--kills K`` central is killed with SIGKILL K times during the burst and started again;
the stations resend (same idempotency keys) until every batch is answered.

Then it checks, in central's database: every event stored exactly once, and every order in
the status a serial run gives (packed). Figures go to ``bench/results.json`` (merged by name).

    python -m bench.load [--stations 50] [--events 500] [--db URL] [--kills 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.figures import figure, percentile

HERE = Path(__file__).parent
ROOT = HERE.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(url: str, stations: int, orders_each: int) -> tuple[dict[str, str], str]:
    """Seeded central with ``stations`` stations of WH-SHA, their pool segments and orders;
    returns each station's token and the admin token."""
    from central.auth import create_token
    from central.live import reset_database
    from central.schemas import OrderRelease, Station
    from central.seed import seed_demo
    from central.wms import allocate_pool_segment, release_order, save_station
    from contract import Address, OrderLine, PoolSegment

    engine = reset_database(url)
    tokens = {}
    recipient = Address(name="Load Test", line1="1 Road", city="Shanghai", country="CN")
    with engine.begin() as conn:
        seed_demo(conn)
        admin = create_token(conn, admin=True)
        for i in range(stations):
            name = f"ST-L{i:03d}"
            save_station(conn, Station(name=name, warehouse="WH-SHA"))
            tokens[name] = create_token(conn, station=name)
            allocate_pool_segment(conn, PoolSegment(
                segment_id=f"LOAD-{name}", carrier="EMS", station=name, prefix="EE",
                suffix="CN", start=30_000_000 + i * 10_000,
                end=30_000_000 + i * 10_000 + orders_each * 2, width=8))
            for k in range(orders_each):
                release_order(conn, OrderRelease(
                    order_id=f"SO-L{i:03d}-{k:04d}", warehouse="WH-SHA", carrier="EMS",
                    service="EMS-STD", recipient=recipient,
                    lines=[OrderLine(line_no=1, sku="MUG-350", quantity=1)]))
    engine.dispose()
    return tokens, admin


def _backlog(station: int, orders_each: int) -> list[dict[str, Any]]:
    from central.trackno import format_number

    at = datetime.now(UTC).isoformat()
    events = []
    for k in range(orders_each):
        order = f"SO-L{station:03d}-{k:04d}"
        number = format_number("s10", "EE", 30_000_000 + station * 10_000 + k, 8, "CN")
        name = f"ST-L{station:03d}"
        events.append({"idempotency_key": uuid.uuid4().hex, "kind": "label_printed",
                       "station": name, "occurred_at": at, "order_id": order,
                       "payload": {"order_id": order, "parcel_no": 1, "tracking_number": number,
                                   "carrier": "EMS", "service": "EMS-STD", "weight_g": 400,
                                   "source": "pool"}})
        events.append({"idempotency_key": uuid.uuid4().hex, "kind": "pack_completed",
                       "station": name, "occurred_at": at, "order_id": order,
                       "payload": {"order_id": order, "operator": "P001", "parcels": [
                           {"parcel_no": 1, "tracking_number": number, "weight_g": 400}]}})
    return events


class Central:
    """``station-central serve`` in its own process (so it can be killed for real)."""

    def __init__(self, url: str, workers: int = 1) -> None:
        self.url_db = url
        self.workers = workers
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "serve", "--db", self.url_db, "--port",
             str(self.port), "--workers", str(self.workers)], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)  # its workers: one group
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("central did not start")

    def kill(self) -> None:
        """SIGKILL to central and every worker process it started."""
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)


def run(stations: int = 50, events: int = 500, db: str | None = None,
        kills: int = 0, workers: int = 1) -> list[dict[str, Any]]:
    import requests

    orders_each = events // 2
    with tempfile.TemporaryDirectory() as tmp:
        url = db or f"sqlite:///{Path(tmp) / 'central.sqlite3'}"
        backend = "postgresql" if url.startswith("postgres") else "sqlite"
        tokens, _admin = _prepare(url, stations, orders_each)
        central = Central(url, workers)
        central.start()
        backlogs = {name: _backlog(i, orders_each) for i, name in enumerate(tokens)}
        batch_times: list[float] = []
        errors = {"5xx": 0, "refused": 0, "network": 0}
        lock = threading.Lock()
        go = threading.Event()
        done_at: dict[str, float] = {}

        def station(name: str) -> None:
            http = requests.Session()
            body = {"events": backlogs[name]}
            go.wait()
            while True:  # resend the same keys until central answers (as the outbox does)
                started = time.perf_counter()
                try:
                    answer = http.post(central.url + "/v1/events", json=body, timeout=15,
                                       headers={"Authorization": f"Bearer {tokens[name]}"})
                except requests.RequestException:
                    with lock:
                        errors["network"] += 1
                    time.sleep(0.2)
                    continue
                elapsed = time.perf_counter() - started
                if answer.status_code >= 500:
                    with lock:
                        errors["5xx"] += 1
                    time.sleep(0.2)
                    continue
                with lock:
                    batch_times.append(elapsed)
                    if answer.status_code != 200 or {r["status"] for r in
                                                     answer.json()["results"]} - {"accepted"}:
                        errors["refused"] += 1
                    done_at[name] = time.perf_counter()
                return

        label_times: list[float] = []
        label_errors = 0
        stop_labels = threading.Event()

        def labels() -> None:
            nonlocal label_errors
            http = requests.Session()
            token = next(iter(tokens.values()))
            n = 0
            go.wait()
            while not stop_labels.is_set():
                n += 1
                started = time.perf_counter()
                try:
                    answer = http.post(central.url + "/v1/shipments", timeout=15, json={
                        "order_id": "SO-1001", "parcel_no": 1, "parcel_count": 1,
                        "carrier": "EMS", "service": "EMS-STD", "weight_g": 400,
                        "attempt_key": f"load-{n:06d}-{uuid.uuid4().hex[:8]}"},
                        headers={"Authorization": f"Bearer {token}"})
                    ok = answer.status_code in (200, 404, 409)  # answered, whatever it said
                except requests.RequestException:
                    ok = False
                if ok:
                    label_times.append(time.perf_counter() - started)
                else:
                    label_errors += 1
                time.sleep(0.05)

        threads = [threading.Thread(target=station, args=(n,)) for n in tokens]
        label_thread = threading.Thread(target=labels)
        for th in [*threads, label_thread]:
            th.start()
        t0 = time.perf_counter()
        go.set()
        rng = random.Random(7)
        for _ in range(kills):
            time.sleep(rng.uniform(0.2, 1.5))
            central.kill()
            central.start()
        for th in threads:
            th.join(timeout=600)
        drained = max(done_at.values()) - t0 if done_at else float("nan")
        stop_labels.set()
        label_thread.join(timeout=30)
        central.stop()

        from sqlalchemy import func, select

        from central import tables as t
        from central.db import create_central_engine

        engine = create_central_engine(url)
        with engine.connect() as conn:
            stored = conn.scalar(select(func.count()).select_from(t.events).where(
                t.events.c.station.like("ST-L%")))
            distinct = conn.scalar(select(func.count(t.events.c.idempotency_key.distinct()))
                                   .where(t.events.c.station.like("ST-L%")))
            packed = conn.scalar(select(func.count()).select_from(t.orders).where(
                t.orders.c.order_id.like("SO-L%"), t.orders.c.status == "packed"))
        engine.dispose()
        sent = sum(len(b) for b in backlogs.values())
        exactly_once = stored == distinct == sent
        serial_statuses = packed == stations * orders_each
        label_times.sort()
        tag = (f"{backend}, {workers} worker{'s' if workers > 1 else ''}, {stations} stations "
               f"x {events} events, {kills} kills")
        return [
            figure(f"load: backlog drained ({tag})", drained, "s", "<= 10 s"),
            figure(f"load: batch latency p99 ({tag})", percentile(batch_times, 99), "s",
                   "<= 5 s", batches=len(batch_times)),
            figure(f"load: label request p99 during the burst ({tag})",
                   percentile(label_times, 99) * 1000 if label_times else float("nan"), "ms",
                   "<= 500 ms", labels=len(label_times), label_failures=label_errors),
            figure(f"load: server errors ({tag})", errors["5xx"], "answers", "<= 0",
                   network_failures=errors["network"], refused_batches=errors["refused"]),
            figure(f"load: events stored exactly once ({tag})", int(exactly_once), "bool",
                   ">= 1", stored=stored, distinct=distinct, sent=sent),
            figure(f"load: order statuses as a serial run gives ({tag})",
                   int(serial_statuses), "bool", ">= 1", packed=packed,
                   expected=stations * orders_each),
        ]


def _merge(rows: list[dict[str, Any]]) -> None:
    from bench.__main__ import meets_goal

    path = HERE / "results.json"
    old = json.loads(path.read_text()) if path.exists() else []
    names = {r["name"] for r in rows}
    for row in rows:
        row.setdefault("met", meets_goal(row["value"], row["goal"]))
    path.write_text(json.dumps([r for r in old if r["name"] not in names] + rows, indent=2,
                               ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make load", description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--db", help="central's database URL (default: a temporary SQLite)")
    parser.add_argument("--kills", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="central worker processes")
    args = parser.parse_args(argv)
    rows = run(args.stations, args.events, args.db, args.kills, args.workers)
    for row in rows:
        print(f"{row['name']}: {row['value']} {row['unit']} (goal {row['goal']})"
              + "".join(f" {k}={v}" for k, v in row.items()
                        if k not in ("name", "value", "unit", "goal")))
    _merge(rows)
    bad = [r for r in rows if r["unit"] == "bool" and r["value"] != 1]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
