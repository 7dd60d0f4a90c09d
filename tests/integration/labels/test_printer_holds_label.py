"""Paper runs out while a label is printed: a Zebra keeps the format in its buffer and prints
it by itself once paper is loaded. Before, the station said "NOT printed" and, after
reloading, the held label came out *and* REPRINT printed a second one with the same number
(print_count 1, no audit row). Now the printer's buffer count (``~HS`` formats in buffer) is
read, the packer is told the label is held, and REPRINT first asks whether it came out.

Real parts: the ZPL printer simulator on TCP, the drivers' printer with its status parser,
the bench core on a SQLite file."""

from __future__ import annotations

import json

from core_fixtures import demo_db
from sqlalchemy import text

from contract import PoolSegment
from drivers.manager import DeviceConfig, DeviceManager
from drivers.sim.printer_sim import PrinterSimulator
from station.printers import DriverPrinter
from station.store.pool import TrackingPool
from tests.benchkit import make_bench, pack_to_label, run


def _station(tmp_path, sim):
    engine = demo_db(tmp_path / "station.sqlite3")
    TrackingPool(engine, "ST-01").add_segment(PoolSegment(
        segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF", start=10_000_000,
        end=10_000_099, width=8), "none")
    manager = DeviceManager([DeviceConfig("printer", "printer", sim.uri, {"language": "zpl"})])
    manager.start()
    return engine, manager, make_bench(engine, DriverPrinter(manager))


def _printed_rows(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT printed_at, print_count, label_error FROM parcels "
                                 "WHERE order_id = 'SO-1005'")).one()


def test_a_held_label_is_not_printed_twice(tmp_path):
    with PrinterSimulator("zpl") as sim:
        engine, manager, bench = _station(tmp_path, sim)
        try:
            sim.fault_during_next_job = "paper_out"
            held = pack_to_label(bench)
            assert held.verdict is not None and held.verdict.code == "label_held", held.verdict
            assert sim.jobs == [] and len(sim.held) == 1
            asked = run(bench, bench.scan("CMD:REPRINT"))
            assert asked.verdict.code == "label_held_check"
            assert sim.jobs == []  # nothing sent again
            sim.set_mode("ready")  # paper loaded: the held label comes out by itself
            assert len(sim.jobs) == 1
            done = run(bench, bench.scan("CMD:CONFIRM"))  # "yes, it came out"
            assert done.view.parcels[0].printed, done.verdict
            assert len(sim.jobs) == 1  # still one label with that number
            row = _printed_rows(engine)
            assert row.printed_at and row.print_count == 1
            with engine.connect() as conn:
                detail = conn.execute(text("SELECT detail FROM audit WHERE action = "
                                           "'label_printed'")).scalar_one()
            assert json.loads(detail)["held_then_came_out"] is True
        finally:
            bench.close()
            manager.stop()
            engine.dispose()


def test_when_the_held_label_never_came_out_reprint_twice_prints_it(tmp_path):
    with PrinterSimulator("zpl") as sim:
        engine, manager, bench = _station(tmp_path, sim)
        try:
            sim.fault_during_next_job = "paper_out"
            pack_to_label(bench)
            sim.held.clear()  # the printer was power-cycled: its buffer is gone
            sim.set_mode("ready")
            assert run(bench, bench.scan("CMD:REPRINT")).verdict.code == "label_held_check"
            again = run(bench, bench.scan("CMD:REPRINT"))
            assert again.view.parcels[0].printed, again.verdict
            assert len(sim.jobs) == 1
        finally:
            bench.close()
            manager.stop()
            engine.dispose()
