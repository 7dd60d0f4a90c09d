"""Pack core figures: scan -> verdict (no commit), durable scan commit, session resume.

Each figure carries a baseline measured in the same run on the same machine and disk.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import figure, median, percentile

LINES = 200
UNITS_PER_LINE = 5


def _products_and_order() -> tuple[list[Any], Any]:
    from contract import Barcode, OrderLine, Product
    from station.demo_data import orders as demo_orders

    products = [
        Product(sku=f"B-{i:03d}", name=f"Bench item {i}", barcodes=[Barcode(code=f"BC{i:06d}")],
                unit_weight_g=100 + i, length_mm=50, width_mm=40, height_mm=30)
        for i in range(LINES)
    ]
    order = demo_orders()[0].model_copy(update={
        "order_id": "SO-BENCH", "tote": "T-BENCH", "pick_list": None,
        "lines": [OrderLine(line_no=i + 1, sku=p.sku, quantity=UNITS_PER_LINE)
                  for i, p in enumerate(products)],
    })
    return products, order


def _station_db(path: Path) -> Any:
    from contract import ChangeSet
    from station.demo_data import demo_changeset
    from station.store.db import create_station_engine, upgrade
    from station.store.reference import apply_changes

    products, order = _products_and_order()
    engine = create_station_engine(path)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
        apply_changes(conn, ChangeSet(cursor="bench", products=products, orders=[order]))
    return engine


def _scan_plan() -> list[str]:
    return [f"BC{i:06d}" for _ in range(UNITS_PER_LINE) for i in range(LINES)]


def _core_scan_to_verdict(tmp: Path) -> dict[str, Any]:
    """parse + resolve (in-memory index of the order) + decide + apply, no commit."""
    from station.domain import PackSession
    from station.scan import parse_scan
    from station.services import PackingService

    engine = _station_db(tmp / "core.sqlite3")
    svc = PackingService(engine, "BENCH")
    svc.login_badge("B-PACKER")
    svc.scan("SO-BENCH")
    assert svc.session is not None
    order, skus, boxes = svc.session.order, svc.session.skus, list(svc.session.packaging.values())
    index = {b.code: b for s in skus.values() for b in s.barcodes}
    samples: list[float] = []
    for _ in range(3):
        session = PackSession(order, skus, boxes)
        session.accept(session.open("B-PACKER"))
        for raw in _scan_plan():
            t0 = time.perf_counter()
            scan = parse_scan(raw)
            hit = index[scan.text]
            verdict = session.accept(session.scan_item(hit.sku, hit.units, scan.raw))
            samples.append(time.perf_counter() - t0)
            assert verdict.ok
    # Baseline: the cheapest possible look-up of the same barcode, raw sqlite3, indexed.
    raw_conn = sqlite3.connect(tmp / "core.sqlite3")
    base: list[float] = []
    for raw in _scan_plan():
        t0 = time.perf_counter()
        raw_conn.execute("SELECT sku, units FROM barcodes WHERE code = ?", (raw,)).fetchone()
        base.append(time.perf_counter() - t0)
    raw_conn.close()
    svc.close()
    engine.dispose()
    return figure(
        "core_scan_to_verdict_p99_200_lines", percentile(samples, 99) * 1e3, "ms", "<= 1 ms",
        baseline=percentile(base, 99) * 1e3,
        baseline_name="raw sqlite3 indexed barcode lookup p99 (ms)",
        p50_ms=round(median(samples) * 1e3, 4), samples=len(samples),
    )


def _lookup(tmp: Path) -> dict[str, Any]:
    """Barcode look-up through the Catalog's prebuilt Core statement (the path of a scan that
    is not in the open order: wrong item, box, badge) vs raw sqlite3."""
    from station.store.catalog import Catalog
    from station.store.db import create_station_engine

    path = tmp / "core.sqlite3"
    engine = create_station_engine(path)
    codes = _scan_plan()[:LINES]
    ours: list[float] = []
    with engine.connect() as conn:
        catalog = Catalog(conn)
        for _ in range(5):
            for code in codes:
                t0 = time.perf_counter()
                assert catalog.barcode(code) is not None
                ours.append(time.perf_counter() - t0)
    engine.dispose()
    raw_conn = sqlite3.connect(path)
    base: list[float] = []
    for _ in range(5):
        for code in codes:
            t0 = time.perf_counter()
            raw_conn.execute("SELECT sku, kind, units FROM barcodes WHERE code = ?",
                             (code,)).fetchone()
            base.append(time.perf_counter() - t0)
    raw_conn.close()
    return figure(
        "barcode_lookup_ratio", median(ours) / median(base), "x raw sqlite3",
        "informational (known-traps: prebuilt Core ~4x, ORM ~17x)",
        baseline=median(base) * 1e3, baseline_name="raw sqlite3 lookup p50 (ms)",
        ours_p50_ms=round(median(ours) * 1e3, 4),
        ours_p99_ms=round(percentile(ours, 99) * 1e3, 4),
    )


class _RawCommit:
    """The baseline: one-row INSERT + COMMIT with raw sqlite3, WAL, synchronous=FULL."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT, at TEXT)")
        self.n = 0

    def once(self) -> float:
        self.n += 1
        t0 = time.perf_counter()
        self.conn.execute("BEGIN")
        self.conn.execute("INSERT INTO t (code, at) VALUES (?, ?)", (f"BC{self.n:06d}", "now"))
        self.conn.execute("COMMIT")
        return time.perf_counter() - t0


def _durable_scan(tmp: Path) -> tuple[dict[str, Any], Any]:
    from station.services import PackingService

    engine = _station_db(tmp / "durable.sqlite3")
    svc = PackingService(engine, "BENCH")
    svc.login_badge("B-PACKER")
    svc.scan("SO-BENCH")
    raw = _RawCommit(tmp / "raw.sqlite3")
    for _ in range(50):
        raw.once()  # warm up the baseline file and its WAL
    ours: list[float] = []
    base: list[float] = []
    # Alternate one baseline commit and one scan, so disk noise hits both series alike.
    for code in _scan_plan():
        base.append(raw.once())
        t0 = time.perf_counter()
        verdict = svc.scan(code)  # parse, decide, INSERT + COMMIT (fsync), apply
        ours.append(time.perf_counter() - t0)
        assert verdict.ok, verdict.code
    raw.conn.close()
    ratio = median(ours) / median(base)
    svc.close()
    return figure(
        "durable_scan_commit_ratio", ratio, "x raw sqlite3 WAL FULL commit", "<= 2x",
        baseline=median(base) * 1e3, baseline_name="raw sqlite3 one-row commit p50 (ms)",
        ours_p50_ms=round(median(ours) * 1e3, 4),
        ours_p99_ms=round(percentile(ours, 99) * 1e3, 4),
        baseline_p99_ms=round(percentile(base, 99) * 1e3, 4),
        measures="whole PackingService.scan of an accepted item, commit included",
    ), engine


def _resume(engine: Any, tmp: Path) -> dict[str, Any]:
    """A fresh engine + service rebuilding the 1000-scan session from disk."""
    from station.services import PackingService
    from station.store.db import create_station_engine

    path = Path(str(engine.url.database))
    engine.dispose()
    samples: list[float] = []
    for _ in range(20):
        t0 = time.perf_counter()
        fresh = create_station_engine(path)
        svc = PackingService(fresh, "BENCH")
        session = svc.resume()
        samples.append(time.perf_counter() - t0)
        assert session is not None and sum(session.packed.values()) == LINES * UNITS_PER_LINE
        svc.close()
        fresh.dispose()
    base: list[float] = []
    for _ in range(20):
        t0 = time.perf_counter()
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT * FROM scans ORDER BY session_id, seq").fetchall()
        conn.close()
        base.append(time.perf_counter() - t0)
        assert len(rows) >= LINES * UNITS_PER_LINE
    return figure(
        "session_resume_1000_scans", median(samples) * 1e3, "ms", "<= 50 ms",
        baseline=median(base) * 1e3,
        baseline_name="raw sqlite3 open + read all scan rows (ms)",
        p99_ms=round(percentile(samples, 99) * 1e3, 4),
    )


def run() -> list[dict[str, Any]]:
    here = Path(__file__).parent
    tmp = Path(tempfile.mkdtemp(prefix="bench-core-", dir=here))  # the project's disk
    try:
        rows = [_core_scan_to_verdict(tmp), _lookup(tmp)]
        durable, engine = _durable_scan(tmp)
        rows.append(durable)
        rows.append(_resume(engine, tmp))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
