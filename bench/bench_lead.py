"""The lead's station: manifest close-out of 5,000 parcels, lookup by tracking number in a
store of 1,000,000 parcels (against a raw indexed sqlite3 lookup in the same run)."""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.figures import figure, median, percentile
from station.demo_data import demo_changeset
from station.domain.recipients import name_key, phone_digits
from station.services.handover import HandoverService
from station.services.lookup import LookupService
from station.store import parcel_reads
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes

NOW = "2026-12-01T08:00:00.000000+00:00"
ITEMS = json.dumps([{"sku": "MUG-01", "quantity": 1}])


def _station(path: Path, parcels: int, orders: int) -> None:
    """A migrated file with demo reference data, ``orders`` SF orders and ``parcels``
    labelled parcels spread over them, bulk-loaded with raw executemany."""
    engine = create_station_engine(path)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
    engine.dispose()
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")  # loading only; the measured part uses the engine
    def order_row(i: int) -> tuple[str, str, str, str, str, str, str]:
        name, phone = recipient_of(i)
        address = json.dumps({"name": name, "phone": phone, "city": "上海",
                              "line1": "1 Demo Road", "country": "CN"}, ensure_ascii=False)
        digits = phone_digits(phone)
        return f"B-{i:07d}", address, NOW, name_key(name), digits, digits[-4:], ""

    db.executemany(
        "INSERT INTO orders (order_id, warehouse, status, carrier, service, recipient, "
        "updated_at, recipient_key, phone_digits, phone_tail) "
        "VALUES (?, 'WH1', 'released', 'SF', 'STD', ?, ?, ?, ?, ?)",
        (order_row(i)[:6] for i in range(orders)))
    db.execute("INSERT INTO pack_sessions (id, order_id, station, operator, state, opened_at) "
               "VALUES (1, 'B-0000000', 'ST-01', 'B-PACKER', 'finished', ?)", (NOW,))
    db.executemany(
        "INSERT INTO parcels (session_id, order_id, parcel_no, box_code, expected_g, actual_g, "
        "items, status, tracking_number, closed_at) VALUES (1, ?, ?, 'S', 800, 810, ?, "
        "'labelled', ?, ?)",
        ((f"B-{i % orders:07d}", i + 1, ITEMS, f"SF{i:012d}", NOW) for i in range(parcels)))
    db.commit()
    db.close()


SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
            "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红"


def recipient_of(i: int) -> tuple[str, str]:
    """Order i's recipient: 50 surnames × 27² two-character given names (each name on about
    three of 100,000 orders), and a phone number of its own."""
    n = len(GIVEN)
    given = GIVEN[(i // 50) % n] + GIVEN[(i // (50 * n)) % n]
    return SURNAMES[i % 50] + given, f"+86 139-{i // 10_000:04d}-{i % 10_000:04d}"


def manifest_close(workdir: Path, parcels: int = 5000, runs: int = 5) -> list[dict]:
    path = workdir / "close.sqlite3"
    _station(path, parcels, parcels)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO manifests (manifest_id, carrier, pickup, warehouse, station, "
               "status, opened_by, opened_at, reopened) VALUES ('MF-B', 'SF', '', 'WH1', "
               "'ST-01', 'open', 'B-LEAD', ?, 0)", (NOW,))
    db.execute("INSERT INTO manifest_parcels (manifest_id, tracking_number, parcel_id, "
               "weight_g, scanned_by, scanned_at) SELECT 'MF-B', tracking_number, id, actual_g, "
               "'B-LEAD', ? FROM parcels", (NOW,))
    db.commit()
    db.close()
    engine = create_station_engine(path)
    service = HandoverService(engine, "ST-01", "WH1")
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = service.close("B-LEAD", "MF-B")
        samples.append((time.perf_counter() - t0) * 1000)
        assert result.verdict.params["scanned"] == parcels, result.verdict
        service.reopen("B-LEAD", "MF-B", "bench: close again")
    engine.dispose()
    return [figure(f"manifest close of {parcels} parcels (mark shipped + outbox + audit)",
                   median(samples), "ms", "<= 500 ms", max_ms=round(max(samples), 2),
                   runs=runs)]


def handover_scans(workdir: Path, waiting: int = 5000, scans: int = 500) -> list[dict]:
    """The lead's scan at the truck: judged, recorded and committed, with 5,000 parcels
    waiting for the carrier (the expected count is recomputed on every scan)."""
    path = workdir / "scan.sqlite3"
    _station(path, waiting, waiting)
    engine = create_station_engine(path)
    service = HandoverService(engine, "ST-01", "WH1")
    manifest = service.open("B-LEAD", "SF", "bench")
    numbers = random.Random(5).sample(range(waiting), scans)
    samples = []
    for n in numbers:
        t = time.perf_counter()
        verdict = service.scan("B-LEAD", manifest.manifest_id, f"SF{n:012d}")
        samples.append((time.perf_counter() - t) * 1000)
        assert verdict.code == "handover_accepted", verdict
    engine.dispose()
    return [figure(f"handover scan committed ({waiting} parcels waiting)",
                   percentile(samples, 99), "ms p99", "<= 50 ms",
                   p50_ms=round(median(samples), 3), scans=scans)]


def bag_handover(workdir: Path, waiting: int = 5000, bag_size: int = 300,
                 bags: int = 10) -> list[dict]:
    """One scan of a sealed bag of 300 parcels at the truck: every parcel judged again, all
    put on the manifest with their events, committed (5,000 parcels waiting)."""
    path = workdir / "bags.sqlite3"
    _station(path, waiting, waiting)
    db = sqlite3.connect(path)
    for b in range(bags):
        code = f"BAG-{b:04d}"
        db.execute("INSERT INTO bags (bag_code, carrier, status, seal, opened_by, opened_at, "
                   "sealed_at) VALUES (?, 'SF', 'sealed', ?, 'B-LEAD', ?, ?)",
                   (code, f"SEAL-{b:04d}", NOW, NOW))
        db.execute("INSERT INTO bag_parcels (bag_code, parcel_id, tracking_number, weight_g, "
                   "bagged_by, bagged_at) SELECT ?, id, tracking_number, actual_g, 'B-LEAD', ? "
                   "FROM parcels WHERE id > ? AND id <= ?",
                   (code, NOW, b * bag_size, (b + 1) * bag_size))
    db.commit()
    db.close()
    engine = create_station_engine(path)
    service = HandoverService(engine, "ST-01", "WH1")
    manifest = service.open("B-LEAD", "SF", "bench")
    samples = []
    for b in range(bags):
        t = time.perf_counter()
        verdict = service.scan("B-LEAD", manifest.manifest_id, f"BAG-{b:04d}")
        samples.append((time.perf_counter() - t) * 1000)
        assert verdict.code == "bag_handed_over" and verdict.params["n"] == bag_size, verdict
    engine.dispose()
    return [figure(f"bag handover: one scan of a sealed bag of {bag_size} parcels (judged, on "
                   f"the manifest, {bag_size} events, committed; {waiting} waiting)",
                   max(samples), "ms max", "<= 100 ms", p50_ms=round(median(samples), 2),
                   bags=bags)]


def lookup_by_tracking(workdir: Path, parcels: int = 1_000_000, probes: int = 5000) -> list[dict]:
    path = workdir / "lookup.sqlite3"
    t0 = time.perf_counter()
    _station(path, parcels, 100_000)
    load_s = time.perf_counter() - t0
    rng = random.Random(12)
    # Three disjoint random sets: no side reads a page the other just brought into cache.
    picks = rng.sample(range(parcels), 3 * probes)
    sets = [[f"SF{n:012d}" for n in picks[i::3]] for i in range(3)]
    numbers = sets[0]
    # Interleaved, so the machine's load (2 shared cores) falls on both sides alike.
    raw = sqlite3.connect(path)
    raw_sql = "SELECT id, order_id FROM parcels WHERE tracking_number = ?"
    engine = create_station_engine(path)
    raw_samples, ours, facts_samples = [], [], []
    with engine.connect() as conn:
        for a, b, c in zip(*sets, strict=True):
            t = time.perf_counter()
            row = raw.execute(raw_sql, (a,)).fetchone()
            raw_samples.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            order = parcel_reads.order_of_tracking(conn, b)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            facts = parcel_reads.parcel_facts(conn, c)
            facts_samples.append((time.perf_counter() - t) * 1000)
            assert row is not None and order is not None and facts.carrier == "SF"
    raw.close()
    service = LookupService(engine)
    full = []
    for n in numbers[:300]:
        t = time.perf_counter()
        found = service.find("B-LEAD", n)
        full.append((time.perf_counter() - t) * 1000)
        assert found.kind == "tracking"
    by_name, by_phone, by_tail = [], [], []
    for i in rng.sample(range(100_000), 300):
        name, phone = recipient_of(i)
        for samples, typed, kind in ((by_name, name, "recipient"), (by_phone, phone, "phone"),
                                     (by_tail, phone[-4:], "phone")):
            t = time.perf_counter()
            found = service.find("B-LEAD", typed)
            samples.append((time.perf_counter() - t) * 1000)
            assert found.kind == kind and f"B-{i:07d}" in [o.order_id for o in found.orders]
    engine.dispose()
    raw_p99, ours_p99 = percentile(raw_samples, 99), percentile(ours, 99)
    return [
        figure("lookup: raw indexed sqlite3 SELECT by tracking number (1M parcels)", raw_p99,
               "ms p99", "baseline", p50_ms=round(median(raw_samples), 4),
               load_s=round(load_s, 1)),
        figure("lookup by tracking number: the station's read (1M parcels)", ours_p99,
               "ms p99", "<= 2 ms and <= 3x raw", baseline=raw_p99,
               ratio=round(ours_p99 / raw_p99, 2), p50_ms=round(median(ours), 4),
               met=ours_p99 <= 2 and ours_p99 <= 3 * raw_p99,  # both bounds, not the first
               p50_ratio=round(median(ours) / median(raw_samples), 2)),
        figure("handover scan's parcel facts (parcel + order + manifest joins, 1M parcels)",
               percentile(facts_samples, 99), "ms p99", "<= 2 ms",
               p50_ms=round(median(facts_samples), 4)),
        figure("lookup: whole history of the scanned parcel's order (role check included)",
               percentile(full, 99), "ms p99", "<= 50 ms", p50_ms=round(median(full), 3),
               note="p99 follows the machine's load; p50 is the typical lookup"),
        figure("lookup by recipient name typed in (1M parcels, 100k orders; ~3 orders per "
               "name, their histories included)", percentile(by_name, 99), "ms p99",
               "<= 5 ms", p50_ms=round(median(by_name), 3)),
        figure("lookup by recipient phone, whole number (1M parcels)",
               percentile(by_phone, 99), "ms p99", "<= 5 ms", p50_ms=round(median(by_phone), 3)),
        figure("lookup by the phone's last four digits (1M parcels; ~10 orders share them)",
               percentile(by_tail, 99), "ms p99", "<= 5 ms", p50_ms=round(median(by_tail), 3)),
    ]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        return (manifest_close(workdir) + handover_scans(workdir) + bag_handover(workdir)
                + lookup_by_tracking(workdir))


if __name__ == "__main__":
    for row in run():
        print(row)
