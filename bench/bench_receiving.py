"""Receiving at the bench: one counted unit (parse, resolve, decide, durable commit with its
audit row) against a raw sqlite3 WAL FULL commit, and the resume of a long open receipt."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_core import _RawCommit
from bench.figures import figure, median, percentile

UNITS = 400  # one notice line of 400 units, scanned one by one


def _station(path: Path) -> Any:
    from contract import Barcode, ChangeSet, Location, Product
    from station.domain.model import Operator, Role
    from station.services.receiving import ReceivingService
    from station.store.db import create_station_engine, upgrade
    from station.store.reference import apply_changes

    engine = create_station_engine(path)
    upgrade(engine)
    product = Product(sku="BOLT", name="Bolt", barcodes=[Barcode(code="4006381333931")],
                      unit_weight_g=5, length_mm=10, width_mm=10, height_mm=10)
    with engine.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="1", products=[product],
                                      locations=[Location(code="A-01-01")]))
    who = Operator("P1", "Bench", Role.PACKER)
    return engine, ReceivingService(engine, "BENCH", lambda: who)


def _count(tmp: Path) -> list[dict[str, Any]]:
    from contract import InboundLine, InboundNotice

    engine, svc = _station(tmp / "receiving.sqlite3")
    notice = InboundNotice(notice_id="ASN-B", warehouse="WH",
                           lines=[InboundLine(sku="BOLT", quantity=UNITS + 10)])
    svc.open_notice("ASN-B", notice)
    svc.scan("4006381333931")
    svc.scan("A-01-01")
    raw = _RawCommit(tmp / "raw.sqlite3")
    for _ in range(50):
        raw.once()
    ours: list[float] = []
    base: list[float] = []
    for _ in range(UNITS):  # alternate, so disk noise hits both series alike
        base.append(raw.once())
        t0 = time.perf_counter()
        verdict = svc.scan("4006381333931")
        ours.append(time.perf_counter() - t0)
        assert verdict.code == "counted", verdict.code
    raw.conn.close()
    t0 = time.perf_counter()
    again = type(svc)(engine, "BENCH", svc._operator)
    resumed = again.resume()
    resume_s = time.perf_counter() - t0
    assert resumed is not None and resumed.counted["BOLT"] == UNITS + 1
    again.close()
    svc.close()
    engine.dispose()
    return [
        figure(
            "receiving_unit_commit_ratio", median(ours) / median(base),
            "x raw sqlite3 WAL FULL commit", "<= 2x",
            baseline=median(base) * 1e3, baseline_name="raw sqlite3 one-row commit p50 (ms)",
            ours_p50_ms=round(median(ours) * 1e3, 4),
            ours_p99_ms=round(percentile(ours, 99) * 1e3, 4),
            baseline_p99_ms=round(percentile(base, 99) * 1e3, 4),
            measures="whole ReceivingService.scan of a counted unit, commit included",
        ),
        figure("receiving_resume", resume_s * 1e3, "ms", "<= 200 ms",
               measures=f"rebuild an open receipt of {UNITS + 2} facts from the store"),
    ]


def run() -> list[dict[str, Any]]:
    here = Path(__file__).parent
    tmp = Path(tempfile.mkdtemp(prefix="bench-receiving-", dir=here))
    try:
        return _count(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
