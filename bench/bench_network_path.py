"""Labels through a real network path, and labels bought from a carrier's API.

- Label from the pool under each central fault on the path (a TCP proxy in front of a real
  central): central down, ``/v1/shipments`` hanging, its answer swallowed, and an idle
  connection a NAT forgot (there central is healthy: the label comes from central after one
  retry on a fresh connection). Stable weight accepted → label bytes at the printer; the
  worst of each fault's labels. Goal: ≤ 1 s.
- SF Express through central, SF's gateway (the loopback fake) answering after 50 ms: stable
  weight accepted → label bytes at the printer, p50. Goal: ≤ 300 ms.
- Central's adapter overhead beyond the carrier's own time, p50, from central's own
  ``Server-Timing`` header (the whole answer less the time inside SF's HTTP calls); the
  client-observed figure (adds loopback HTTP and the client) is kept beside it. SF's gateway
  runs in its own process, as a carrier does. Goal: ≤ 5 ms.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from bench.figures import figure, median
from central.carriers.timing import CarrierSession

SF_ORDERS = 25


def _station(central: Any, folder: Path, url: str) -> tuple[Any, Any, Any]:
    from station.bootstrap import central_applier
    from station.store.db import create_station_engine, upgrade
    from station.store.pool import TrackingPool
    from station.sync.client import CentralClient
    from station.sync.pull import PullLoop
    from station.sync.status import SyncStatus

    engine = create_station_engine(folder / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(url, central.station_token, retries=0)
    PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01")),
             SyncStatus()).pull_once()
    return engine, client, SyncStatus()


def _timed_label(bench: Any, engine: Any, order_id: str, printer: Any) -> float:
    from tests.benchkit import pack_order, run

    answer = pack_order(bench, engine, order_id)  # ends with the stable weight accepted
    before = len(printer.jobs)
    started = time.perf_counter()
    done = run(bench, answer)
    elapsed = time.perf_counter() - started
    assert len(printer.jobs) == before + 1 and done.view.parcels[0].printed, done.verdict
    return elapsed


def bench_faults(folder: Path) -> list[dict[str, Any]]:
    from central.testkit import seeded_central
    from tests.benchkit import BenchPrinter, make_bench
    from tests.integration.sync.chaos_proxy import ChaosProxy

    rows = []
    orders = [f"SO-{1000 + n}" for n in range(1, 11)]
    for fault in ("down", "hang", "swallow", "idle_drop"):
        central = seeded_central(f"sqlite:///{folder / f'central-{fault}.sqlite3'}")
        proxy = ChaosProxy(central.live.port)
        sub = folder / fault
        sub.mkdir()
        engine, client, status = _station(central, sub, proxy.url)
        printer = BenchPrinter()
        bench = make_bench(engine, printer, client, status)
        if fault == "down":
            proxy.offline = True
        elif fault in ("hang", "swallow"):
            proxy.rule = lambda _m, p, f=fault: f if p == "/v1/shipments" else None
        else:
            proxy.idle_drop_s = 0.05
        waits = []
        for order_id in orders[:4]:
            if fault == "idle_drop":
                time.sleep(0.1)  # idle past the NAT's patience before every label
            waits.append(_timed_label(bench, engine, order_id, printer))
        rows.append(figure(f"label under central fault '{fault}': weight -> label bytes, max",
                           max(waits) * 1000, "ms", "<= 1000 ms", p50=round(
                               median(waits) * 1000, 1), labels=len(waits)))
        bench.close()
        client.close()
        proxy.close()
        engine.dispose()
        central.stop()
    return rows


class _TimedSession(CarrierSession):
    """The adapter's HTTP session, adding up the time spent waiting on the carrier."""

    def __init__(self) -> None:
        super().__init__()
        self.spent = 0.0

    def post(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        started = time.perf_counter()
        try:
            return super().post(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started


def _fake_sf_process(pipe: Any, delay_s: float) -> None:
    """SF's gateway in its own process, as a carrier is: its work never shares central's GIL."""
    from central.carriers.sf.fake import FakeSf

    fake = FakeSf(delay_s=delay_s).start()
    pipe.send((fake.url, fake.partner_id, fake.check_word))
    pipe.recv()  # until the bench is done
    fake.stop()


def bench_sf(folder: Path) -> list[dict[str, Any]]:
    import multiprocessing

    from central.carriers.sf import SfExpress, SfSettings
    from central.testkit import seeded_central
    from station.config import PrinterSettings
    from tests.benchkit import BenchPrinter, make_bench

    ctx = multiprocessing.get_context("spawn")
    pipe, child = ctx.Pipe()
    gateway = ctx.Process(target=_fake_sf_process, args=(child, 0.05), daemon=True)
    gateway.start()
    url, partner_id, check_word = pipe.recv()
    session = _TimedSession()
    adapter = SfExpress(SfSettings(partner_id=partner_id, check_word=check_word, url=url),
                        session=session)
    central = seeded_central(f"sqlite:///{folder / 'central-sf.sqlite3'}",
                             carriers={"SF": adapter})
    recipient = {"name": "陈静", "phone": "139-1234-5678", "line1": "天河区体育西路 100 号",
                 "city": "广州", "country": "CN"}
    for n in range(SF_ORDERS):
        central.call("POST", "/v1/admin/orders", central.admin_token, json={
            "order_id": f"SO-SF{n:03d}", "warehouse": "WH-SHA", "carrier": "SF",
            "service": "SF-STD", "recipient": recipient,
            "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}]}).raise_for_status()
    engine, client, status = _station(central, folder, central.url)
    printer = BenchPrinter()
    bench = make_bench(engine, printer, client, status, printer_setup=PrinterSettings(dpi=300))
    waits = [_timed_label(bench, engine, f"SO-SF{n:03d}", printer) for n in range(SF_ORDERS)]

    # Adapter overhead: the same call as the station makes, minus the carrier's time. At
    # central: its own Server-Timing (the whole answer, less its time on the carrier's API);
    # as the client sees it: the round trip less that carrier time (adds loopback HTTP and
    # the client's own request building).
    overheads, observed = [], []
    for n in range(40):
        order_id = f"SO-SF{n % SF_ORDERS:03d}"
        session.spent = 0.0
        started = time.perf_counter()
        answer = central.call("POST", "/v1/shipments", central.station_token, json={
            "order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": "SF",
            "service": "SF-STD", "weight_g": 400, "attempt_key": f"bench-overhead-{n:04d}",
            "printer_dpi": 300, "label_width_mm": 100, "label_height_mm": 180})
        total = time.perf_counter() - started
        if answer.status_code != 200:
            raise RuntimeError(f"SF shipment failed: {answer.text}")
        timing = dict(part.split(";dur=") for part in
                      answer.headers["Server-Timing"].replace(" ", "").split(","))
        overheads.append(float(timing["app"]) - float(timing["carrier"]))
        observed.append((total - session.spent) * 1000)
    bench.close()
    client.close()
    engine.dispose()
    central.stop()
    pipe.send("done")
    gateway.join(10)
    return [
        figure("SF label (carrier answers in 50 ms): weight -> label bytes p50",
               median(waits) * 1000, "ms", "<= 300 ms", max=round(max(waits) * 1000, 1),
               labels=len(waits)),
        figure("carrier adapter overhead at central beyond the carrier's time p50",
               median(overheads), "ms", "<= 5 ms", calls=len(overheads),
               measured="central's Server-Timing: app less carrier",
               client_observed_p50_ms=round(median(observed), 2)),
    ]


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "faults").mkdir()
        (folder / "sf").mkdir()
        return bench_faults(folder / "faults") + bench_sf(folder / "sf")


if __name__ == "__main__":
    for row in run():
        print(row)
