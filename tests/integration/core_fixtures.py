"""Station database files loaded with the demo reference data, for the core's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, text

from contract import ChangeSet, Order
from station.demo_data import demo_changeset
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes

_TEMPLATES: dict[str, Path] = {}


def demo_db(path: Path, extra_orders: list[Order] | None = None) -> Engine:
    """A migrated station database at ``path`` with the demo data (+ ``extra_orders``)."""
    engine = create_station_engine(path)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
        if extra_orders:
            apply_changes(conn, ChangeSet(cursor="x", orders=extra_orders))
    return engine


def demo_db_copy(template_dir: Path, path: Path) -> Engine:
    """Like :func:`demo_db` but copies a file migrated once (fast, for hypothesis)."""
    key = str(template_dir)
    if key not in _TEMPLATES:
        template = template_dir / "template.sqlite3"
        engine = demo_db(template)
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        _TEMPLATES[key] = template
    shutil.copyfile(_TEMPLATES[key], path)
    return create_station_engine(path)


def count(engine: Engine, sql: str, **params) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar() or 0)


class PaperLabels:
    """The real label step on a pack service's store: numbers from a local pool (SF and EMS
    segments), jobs kept by a paper printer. Tests label parcels the way the bench does."""

    def __init__(self, svc, start: int = 70_000_000) -> None:
        from contract import PoolSegment
        from station.services.label_step import LabelStep
        from station.store.pool import TrackingPool
        from tests.benchkit import BenchPrinter

        self.svc = svc
        self.pool = TrackingPool(svc.engine, svc.station_id)
        for carrier, prefix, suffix, fmt in (("SF", "SF", "", "none"), ("EMS", "EE", "CN", "s10")):
            self.pool.add_segment(PoolSegment(
                segment_id=f"PAPER-{carrier}-{start}", carrier=carrier, station=svc.station_id,
                prefix=prefix, suffix=suffix, start=start, end=start + 99, width=8), fmt)
        self.printer = BenchPrinter()
        self.step = LabelStep(svc.store, self.printer, pool=self.pool)

    def label(self, parcel_no: int) -> str:
        """Print parcel ``parcel_no``'s label; its tracking number."""
        svc = self.svc
        count = len(svc.session.parcels)
        who = svc.operator.badge if svc.operator else None
        result = self.step.print_parcel(svc.session.order, parcel_no, count, who)
        assert result.printed and result.tracking, result.verdict
        return result.tracking

    def label_ready(self) -> list[str]:
        """Label every parcel waiting for one, in order."""
        return [self.label(p.parcel_no) for p in self.svc.ready_parcels()]

    def void(self, parcel_no: int, lead: str = "B-LEAD") -> None:
        result = self.step.void(self.svc.session.order.order_id, parcel_no, "torn label", lead)
        assert result.verdict.code == "label_voided", result.verdict
