"""Child process of the label crash trials: resume the bench, then pack and label orders
LC-0000.. one after the other, sometimes voiding and relabelling, until killed.

The "printer" appends each job it accepts to a file (fsync'd) before it answers: a kill right
after it is the window between "the printer accepted the label" and the station's commit."""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

from station.bootstrap import build_bench
from station.config import Settings
from station.devices import PrintJob, PrintResult
from station.services.bench import Bench, BenchAnswer
from station.services.pins import LeadProof
from station.store.db import create_station_engine
from station.store.pool import TrackingPool
from station.store.uow import StationStore

NUMBER = re.compile(rb"SF\d{8}")


class FilePrinter:
    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, job: PrintJob) -> PrintResult:
        found = NUMBER.search(job.data)
        with self.path.open("a") as fh:
            fh.write(f"{job.description} {found.group().decode() if found else '-'}\n")
            fh.flush()
            os.fsync(fh.fileno())
        return PrintResult(True, "printed")


def run_tasks(bench: Bench, answer: BenchAnswer) -> BenchAnswer:
    for task in answer.tasks:
        answer = run_tasks(bench, bench.print_label(task))
    return answer


def main(db: str, printed: str, seed: int) -> None:
    rng = random.Random(seed)
    engine = create_station_engine(db)
    settings = Settings(database=Path(db), station_id="ST-01")
    bench = build_bench(StationStore(engine), settings, printer=FilePrinter(Path(printed)),
                        pool=TrackingPool(engine, "ST-01"))
    answer = run_tasks(bench, bench.start())
    bench.scan("B-LEAD")
    print("STARTED", flush=True)
    answer = bench.scan("CMD:REPRINT")  # whatever did not come out before the kill
    answer = run_tasks(bench, answer)
    n = 0
    while True:
        view = bench.view()
        if view.order_id is None or view.state in ("finished", "order_stopped"):
            bench.scan(f"LC-{n:04d}")  # a packed one answers so and the next is tried
            n += 1
            continue
        state = view.state
        if state == "scanning":
            done = all(line.done for line in view.lines)
            answer = bench.scan("CMD:CLOSE" if done else "4006381333931")
        elif state == "boxing":
            answer = bench.scan("CMD:CONFIRM")
        elif state == "weighing":
            answer = bench.weight(view.expected_g or 0)
        elif state == "ready_to_finish":
            if view.failed_labels or any(p.tracking and not p.printed for p in view.parcels):
                answer = bench.scan("CMD:REPRINT")
            elif rng.random() < 0.3 and any(p.printed for p in view.parcels):
                answer = bench.void("crash trial", LeadProof.scan("B-LEAD"))
                answer = bench.scan("CMD:REPRINT")
            else:
                answer = bench.scan("CMD:CLOSE")
        else:
            answer = bench.scan("CMD:CLOSE")
        run_tasks(bench, answer)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
