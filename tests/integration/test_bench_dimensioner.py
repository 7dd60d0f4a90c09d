"""A dimensioner over the bench, wired as ``station run`` wires it ([dimensioner] in the
settings, the real driver over a pty to the simulator): the parcel is measured at its first
label, billed by that size, the size stays with the parcel, and the packer is told when the
carrier bills by size. A dimensioner that cannot measure never stops the label."""

from __future__ import annotations

import json

import pytest
from core_fixtures import demo_db
from sqlalchemy import text

from contract import PoolSegment
from drivers.sim.dimensioner_sim import DimensionerSimulator
from station.bootstrap import build_bench, build_dimensioner
from station.config import Settings
from station.store.pool import TrackingPool
from station.store.uow import StationStore
from tests.benchkit import BenchPrinter, FakeCentral, pack_to_label, run


@pytest.fixture
def bench_with_dimensioner(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    TrackingPool(engine, "ST-01").add_segment(PoolSegment(
        segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF", start=10_000_000,
        end=10_000_099, width=8), "none")
    with DimensionerSimulator(link_path=str(tmp_path / "dim"), size_mm=(600, 400, 420)) as sim:
        settings = Settings(database=tmp_path / "station.sqlite3", station_id="ST-01",
                            dimensioner={"uri": sim.uri, "timeout_s": 1.0})
        built = build_dimensioner(settings)
        assert built is not None
        measure, stop = built
        central = FakeCentral("ok")
        printer = BenchPrinter()
        bench = build_bench(StationStore(engine), settings, printer=printer,
                            pool=TrackingPool(engine, "ST-01"), client=central, measure=measure)
        try:
            yield bench, sim, central, printer, engine
        finally:
            bench.close()
            stop()
            engine.dispose()


def _parcel(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT length_mm, width_mm, height_mm, billed_g, billed_by, actual_g "
            "FROM parcels WHERE order_id = 'SO-1005'")).one()


def test_the_measured_size_bills_the_parcel_and_the_packer_sees_it(bench_with_dimensioner):
    bench, sim, central, _printer, engine = bench_with_dimensioner
    answer = pack_to_label(bench)
    assert answer.verdict.code == "label_printed"
    [request] = central.calls
    # 600 × 400 × 420 mm at SF's divisor 6000: ceil(100,800,000 / 6000) = 16,800 g
    assert (request.length_mm, request.width_mm, request.height_mm) == (600, 400, 420)
    assert request.dim_weight_g == 16_800 and request.billed_weight_g == 16_800
    row = _parcel(engine)
    assert (row.length_mm, row.width_mm, row.height_mm) == (600, 400, 420)
    assert (row.billed_g, row.billed_by) == (16_800, "measured")
    # Told on the screen: the banner and the parcel line.
    assert "16.8 kg" in answer.verdict.message and "Billed by size" in answer.verdict.message
    assert answer.view.parcels[0].billed_g == 16_800
    with engine.connect() as conn:
        event = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind = 'label_printed'")).scalar_one())
    assert event["length_mm"] == 600 and event["billed_weight_g"] == 16_800

    # A reprint bills the same parcel the same way, whatever lies under the device now.
    sim.set_size(100, 100, 100)
    asked = sim.requests
    again = run(bench, bench.scan("CMD:REPRINT"))
    assert again.verdict.code in ("label_reprinted", "label_printed"), again.verdict
    assert sim.requests == asked  # not measured again
    assert _parcel(engine).length_mm == 600


def test_a_dimensioner_fault_prints_the_label_billed_by_the_box(bench_with_dimensioner):
    bench, sim, central, printer, engine = bench_with_dimensioner
    sim.set_fault(next(iter(_faults())))
    answer = pack_to_label(bench)
    assert answer.verdict.code == "label_printed" and printer.jobs
    [request] = central.calls
    row = _parcel(engine)
    assert row.length_mm is None and row.billed_by == "box"
    assert request.length_mm and request.length_mm != 600  # the box's catalogue size
    with engine.connect() as conn:
        failed = conn.execute(text(
            "SELECT detail FROM audit WHERE action = 'dimensioner_failed'")).scalar_one()
    assert json.loads(failed)["parcel_no"] == 1


def _faults():
    from drivers.sim.dimensioner_sim import FAULT_LINES

    return FAULT_LINES
