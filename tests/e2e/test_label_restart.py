"""After a restart the label step remembers from the store: a printed label is not printed
again, and a pool number taken for a label that never came out is the one printed later."""

from __future__ import annotations

from station.carriers.pool import TrackingPool
from station.devices import PrintJob, PrintResult
from station.services.labeling import LabelRequest, LabelService
from station.store.db import create_station_engine
from station.sync.contract import PoolSegment
from tests.ui.conftest import seeded_settings


class BenchPrinter:
    """The core's Printer protocol, collecting jobs; ``out_of_paper`` makes it fail."""

    def __init__(self) -> None:
        self.jobs: list[PrintJob] = []
        self.out_of_paper = False

    def send(self, job: PrintJob) -> PrintResult:
        if self.out_of_paper:
            return PrintResult(False, "paper out", ("paper_out",))
        self.jobs.append(job)
        return PrintResult(True, "printed")


def _service(engine, printer):
    pool = TrackingPool(engine, "ST-01")
    return LabelService(engine, "ST-01", printer, pool=pool), pool


def test_restart_neither_reprints_nor_takes_a_second_number(tmp_path):
    engine = create_station_engine(seeded_settings(tmp_path).database)
    printer = BenchPrinter()
    labels, pool = _service(engine, printer)
    pool.add_segment(PoolSegment(segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF",
                                 start=1, end=50, width=8), "none")
    one = LabelRequest("SO-1005", 1, 1, 450)
    printer.out_of_paper = True
    failed = labels.print_parcel(one)
    assert not failed.printed and failed.tracking

    labels, pool = _service(engine, printer)  # the station restarts
    printer.out_of_paper = False
    done = labels.print_parcel(one)
    assert done.printed and done.tracking == failed.tracking  # same number, not a new one
    assert len(printer.jobs) == 1

    labels, pool = _service(engine, printer)  # and restarts again
    again = labels.print_parcel(one)
    assert again.printed and again.tracking == done.tracking
    assert len(printer.jobs) == 1  # nothing printed twice
    assert pool.level("SF").remaining == 49
    engine.dispose()
