"""The bench core with fakes around it (no Qt): a printer that keeps its jobs, central's
shipment call, and the moves of a packer. Used by the core tests and the e2e restarts."""

from __future__ import annotations

from sqlalchemy import Engine, text

from contract import Shipment, ShipmentRequest
from station.config import LabelSettings, PrinterSettings, Settings
from station.devices import PrintJob, PrintResult
from station.services.bench import Bench, BenchAnswer
from station.store.pool import TrackingPool
from station.store.uow import StationStore
from station.sync.client import CentralAuthError, CentralRejected, CentralUnavailable
from station.sync.status import SyncStatus
from tests.carrier_zpl import carrier_label


class BenchPrinter:
    """The core's Printer protocol, keeping every job; ``fault`` makes the next jobs fail."""

    def __init__(self) -> None:
        self.jobs: list[PrintJob] = []
        self.fault: str | None = None

    def send(self, job: PrintJob) -> PrintResult:
        if self.fault:
            return PrintResult(False, self.fault, (self.fault,))
        self.jobs.append(job)
        return PrintResult(True, "printed")


class FakeCentral:
    """``POST /v1/shipments`` as central answers it. ``mode``: ``ok`` issues numbers per
    attempt key; ``same`` (the old server) answers the same number for a parcel until it has
    heard of a void; ``refuse`` answers with ``code``; ``lost`` issues a number, then the
    answer never arrives; ``down`` cannot be reached."""

    def __init__(self, mode: str = "ok", code: str = "order_intercepted") -> None:
        self.mode = mode
        self.code = code
        self.calls: list[ShipmentRequest] = []
        self.timeouts: list[float | None] = []
        self.issued: dict[str, str] = {}
        self.next = 500

    def create_shipment(self, request: ShipmentRequest,
                        timeout_s: float | None = None) -> Shipment:
        self.calls.append(request)
        self.timeouts.append(timeout_s)
        if self.mode == "down":
            raise CentralUnavailable("The central server cannot be reached (ConnectError).")
        if self.mode == "revoked":
            raise CentralAuthError("The central server refused the request: token revoked",
                                   status=401, code="token_revoked")
        if self.mode == "refuse":
            raise CentralRejected("The central server refused the request: intercepted",
                                  status=409, code=self.code)
        key = request.attempt_key if self.mode != "same" else f"{request.order_id}/1"
        assert key is not None
        if key not in self.issued:
            self.next += 1
            self.issued[key] = f"SF{self.next:08d}"
        if self.mode == "lost":
            raise CentralUnavailable("The central server did not answer in time.")
        label = carrier_label(
            tracking_number=self.issued[key], carrier=request.carrier,
            service=request.service, order_id=request.order_id, parcel_no=request.parcel_no,
            parcel_count=request.parcel_count, weight_g=request.weight_g,
            recipient_lines=["Zhang Wei", "Shanghai"], sender_lines=["WH-SHA"])
        return Shipment(tracking_number=self.issued[key], carrier=request.carrier,
                        service=request.service, label_format="zpl", label_data=label)


def make_bench(engine: Engine, printer: BenchPrinter, client: FakeCentral | None = None,
               status: SyncStatus | None = None, *, printer_setup: PrinterSettings | None = None,
               labels: LabelSettings | None = None) -> Bench:
    from station.bootstrap import build_bench

    config = Settings(database=engine.url.database, station_id="ST-01",
                      printer=printer_setup or PrinterSettings(), labels=labels or LabelSettings())
    return build_bench(StationStore(engine), config, printer=printer,
                       pool=TrackingPool(engine, "ST-01"), client=client, status=status)


def run(bench: Bench, answer: BenchAnswer) -> BenchAnswer:
    """Do what the window does: print every label the bench asks for, on the print lane."""
    for task in answer.tasks:
        answer = run(bench, bench.print_label(task))
    return answer


def pack_to_label(bench: Bench, packer: str = "B-PACKER") -> BenchAnswer:
    """SO-1005 (one line) packed, boxed and weighed: its label is due."""
    bench.start()
    for code in (packer, "SO-1005", "4006381333931", "CMD:CLOSE", "CMD:CONFIRM"):
        answer = bench.scan(code)
        assert answer.verdict is not None and answer.verdict.severity != "stop", answer.verdict
    grams = answer.view.expected_g
    assert grams
    return run(bench, bench.weight(grams))


def kinds(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT kind FROM outbox ORDER BY id")).scalars())




def pack_order(bench: Bench, engine: Engine, order_id: str, packer: str = "P001") -> BenchAnswer:
    """Pack ``order_id`` as the station's store knows it (any data set: the demo's or one
    pulled from central): badge, order, each unit by its barcode, close, confirm, weigh."""
    with engine.connect() as conn:
        lines = conn.execute(text(
            "SELECT l.sku, l.quantity, (SELECT code FROM barcodes b WHERE b.sku = l.sku "
            "AND b.kind = 'unit' ORDER BY code LIMIT 1) FROM order_lines l "
            "WHERE l.order_id = :o ORDER BY l.line_no"), {"o": order_id}).all()
    assert lines, f"{order_id} has no lines in the station's store"
    bench.start()
    if bench.view().order_id is not None and bench.view().state != "finished":
        done = bench.scan("CMD:CLOSE")  # the last order is labelled: CLOSE finishes it
        assert done.view.state == "finished", (done.verdict, done.view.state)
    answer = bench.scan(packer)
    assert answer.verdict is not None and answer.verdict.code == "logged_in", answer.verdict
    codes = [order_id] + [code for _sku, qty, code in lines for _ in range(qty)]
    for code in [*codes, "CMD:CLOSE", "CMD:CONFIRM"]:
        answer = bench.scan(code)
        assert answer.verdict is not None and answer.verdict.severity != "stop", answer.verdict
    grams = answer.view.expected_g
    assert grams
    return bench.weight(grams)
