"""After a restart the bench remembers its labels from the store: a printed label is not
printed again, and the number taken for a label that never came out is the one printed
later (scan REPRINT), never a second one."""

from __future__ import annotations

from contract import PoolSegment
from station.store.db import create_station_engine
from station.store.pool import TrackingPool
from tests.benchkit import BenchPrinter, make_bench, pack_to_label, run
from tests.ui.conftest import seeded_settings


def test_restart_neither_reprints_nor_takes_a_second_number(tmp_path):
    engine = create_station_engine(seeded_settings(tmp_path).database)
    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(PoolSegment(segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF",
                                 start=1, end=50, width=8), "none")
    printer = BenchPrinter()
    printer.fault = "paper out"
    failed = pack_to_label(make_bench(engine, printer)).view.parcels[0]
    assert not failed.printed and failed.tracking and failed.label_error

    printer.fault = None
    restarted = make_bench(engine, printer)  # the station restarts
    view = restarted.start().view
    assert view.failed_labels == (1,)  # shown as not printed, nothing printed by itself
    assert printer.jobs == []
    restarted.scan("B-PACKER")
    done = run(restarted, restarted.scan("CMD:REPRINT")).view.parcels[0]
    assert done.printed and done.tracking == failed.tracking  # same number, not a new one

    again = make_bench(engine, printer)  # and restarts again
    answer = again.start()
    assert answer.tasks == () and answer.view.parcels[0].printed
    assert len(printer.jobs) == 1  # nothing printed twice
    assert pool.level("SF").remaining == 49
    engine.dispose()
