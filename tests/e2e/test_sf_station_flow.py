"""A whole station against central with SF Express's API (a loopback fake of SF's gateway that
checks every signature): pack an SF order, the label SF sells prints at the printer's 300 dpi;
the lead voids it, REPRINT prints a new SF waybill, SF is told to cancel the old one; the
manifest ships the order at central exactly once."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select, text

from central import tables as t
from central.carriers.sf import SfExpress, SfSettings
from central.carriers.sf.fake import FakeSf
from central.testkit import seeded_central
from station.bootstrap import central_applier
from station.config import PrinterSettings
from station.services.handover import HandoverService
from station.services.pins import LeadProof
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus
from tests.benchkit import BenchPrinter, make_bench, pack_order, run


def _wait(predicate, timeout_s=20.0, what="condition"):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} not reached in {timeout_s} s")


@pytest.fixture
def sf_world(tmp_path):
    fake = FakeSf().start()
    adapter = SfExpress(SfSettings(partner_id=fake.partner_id, check_word=fake.check_word,
                                   url=fake.url, read_timeout_s=2.0))
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}",
                             carriers={"SF": adapter})
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(central.url, central.station_token, shipment_read_timeout_s=5.0)
    PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01")),
             SyncStatus()).pull_once()
    yield central, fake, engine, client
    client.close()
    engine.dispose()
    central.stop()
    fake.stop()


def test_pack_sf_label_void_relabel_and_manifest(sf_world):
    central, fake, engine, client = sf_world
    printer = BenchPrinter()
    bench = make_bench(engine, printer, client, SyncStatus(),
                       printer_setup=PrinterSettings(dpi=300))
    labelled = run(bench, pack_order(bench, engine, "SO-1002"))  # an SF order in the seed
    first = labelled.view.parcels[0]
    assert first.printed, labelled.verdict
    assert first.tracking == next(iter(fake.orders.values()))["number"]  # SF's number
    job = printer.jobs[-1]
    zpl = job.data.decode() if isinstance(job.data, bytes) else str(job.data)
    width = int(re.search(r"\^PW(\d+)", zpl).group(1))
    assert 1150 <= width <= 1220  # SF's 100 mm e-waybill at the printer's 300 dpi
    assert first.tracking in zpl

    voided = bench.void("Label torn", LeadProof.scan("L001"))
    assert voided.verdict is not None and voided.verdict.code == "label_voided"
    second = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert second.printed and second.tracking != first.tracking
    assert len(fake.orders) == 2  # a new attempt key: a new SF waybill

    bench.scan("CMD:CLOSE")
    handover = HandoverService(engine, "ST-01", "WH-SHA")
    manifest = handover.open("L001", "SF", "18:00")
    assert handover.scan("L001", manifest.manifest_id, second.tracking).ok
    assert handover.close("L001", manifest.manifest_id).verdict.ok
    OutboxSender(engine, client, "ST-01").flush()

    old_key = next(k for k, o in fake.orders.items() if o["number"] == first.tracking)
    _wait(lambda: fake.orders[old_key]["cancelled"], what="SF told to cancel the voided label")
    with central.engine.connect() as conn:
        status = conn.scalar(select(t.orders.c.status).where(t.orders.c.order_id == "SO-1002"))
        voided_row = conn.scalar(select(t.tracking_numbers.c.voided).where(
            t.tracking_numbers.c.number == first.tracking))
    assert status == "shipped" and voided_row is True
    live = [o for o in fake.orders.values() if not o["cancelled"]]
    assert [o["number"] for o in live] == [second.tracking]


def test_offline_an_sf_parcel_waits_for_sfs_label_never_a_pool_number(tmp_path):
    """SF sells every number: a station pool number for SF would be one SF never issued."""
    from tests.integration.sync.chaos_proxy import ChaosProxy

    fake = FakeSf().start()
    adapter = SfExpress(SfSettings(partner_id=fake.partner_id, check_word=fake.check_word,
                                   url=fake.url))
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}",
                             carriers={"SF": adapter})
    proxy = ChaosProxy(central.live.port)
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(proxy.url, central.station_token, retries=0)
    pool = TrackingPool(engine, "ST-01")
    try:
        PullLoop(engine, client, central_applier(engine, pool), SyncStatus()).pull_once()
        assert pool.level("SF").remaining > 0  # the seed gave ST-01 an SF segment anyway
        printer = BenchPrinter()
        bench = make_bench(engine, printer, client, SyncStatus())
        proxy.offline = True  # the network is down
        waiting = run(bench, pack_order(bench, engine, "SO-1002"))
        assert waiting.verdict is not None and waiting.verdict.code == "order_label_waiting"
        assert printer.jobs == [] and pool.level("SF").remaining == 1000  # nothing taken
        assert waiting.view.state == "label_waiting"  # off the bench: the packer goes on

        from station.services.dashboard import DashboardService

        board = DashboardService(engine).today("L001")  # the lead sees the waiting shelf
        assert [(e.kind, e.subject) for e in board.exceptions
                if e.kind == "label_waiting"] == [("label_waiting", "SO-1002")]
        other = run(bench, pack_order(bench, engine, "SO-1001"))  # EMS: labels from the pool
        assert other.view.parcels[0].printed
        assert bench.scan("CMD:CLOSE").view.state == "finished"
        still = run(bench, bench.scan("CMD:PRINT-WAITING"))  # the network is still down
        assert still.verdict.code == "order_label_waiting"  # back on the shelf, nothing lost
        assert still.view.state == "label_waiting" and fake.orders == {}

        proxy.offline = False
        done = run(bench, bench.scan("CMD:PRINT-WAITING"))  # one scan: every waiting label
        assert done.verdict is not None and done.verdict.code == "labels_waiting_done", done.verdict
        sf_numbers = {o["number"] for o in fake.orders.values()}
        with engine.connect() as conn:
            labelled = set(conn.execute(text(
                "SELECT tracking_number FROM parcels WHERE order_id = 'SO-1002' AND "
                "status = 'labelled'")).scalars())
        assert labelled and labelled == sf_numbers  # every parcel, with numbers SF issued
        printed = [job for job in printer.jobs if any(n in str(job.data) for n in sf_numbers)]
        assert len(printed) == len(sf_numbers)
        with engine.connect() as conn:
            state = conn.execute(text("SELECT state FROM pack_sessions WHERE order_id = "
                                      "'SO-1002'")).scalar()
            completed = conn.execute(text("SELECT count(*) FROM outbox WHERE kind = "
                                          "'pack_completed' AND order_id = 'SO-1002'")).scalar()
        assert state == "finished" and completed == 1
        assert bench.scan("CMD:PRINT-WAITING").verdict.code == "no_labels_waiting"
        assert not [e for e in DashboardService(engine).today("L001").exceptions
                    if e.kind == "label_waiting"]
    finally:
        client.close()
        proxy.close()
        engine.dispose()
        central.stop()
        fake.stop()
