"""A whole station against central selling EMS e-waybills through Cainiao (a loopback fake of
Taobao's TOP gateway that checks every signature), printing through the CAINIAO print
component (a simulated component on a real local WebSocket): the waybill Cainiao issued is
what the component prints, with Cainiao's print data untouched; a lead's void cancels it at
Cainiao and REPRINT prints a new one; without a component the packer is told what is missing
and nothing is printed with our own template."""

from __future__ import annotations

import time

import pytest

from central.carriers.cainiao import Cainiao, CainiaoSettings
from central.carriers.cainiao.fake import FakeCainiao
from central.testkit import seeded_central
from drivers.sim.cainiao_component_sim import CainiaoComponentSim
from station.bootstrap import build_bench, central_applier
from station.config import Settings
from station.services.pins import LeadProof
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.store.uow import StationStore
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus
from tests.benchkit import BenchPrinter, pack_order, run

TEMPLATE = "https://cloudprint.cainiao.com/template/standard/101/123"


@pytest.fixture
def cainiao_world(tmp_path):
    fake = FakeCainiao().start()
    adapter = Cainiao(CainiaoSettings(app_key=fake.app_key, app_secret=fake.app_secret,
                                      session=fake.session, cp_code="EMS",
                                      template_url=TEMPLATE, url=fake.url,
                                      read_timeout_s=2.0), code="EMS")
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}",
                             carriers={"EMS": adapter})
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(central.url, central.station_token, shipment_read_timeout_s=5.0)
    PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01")),
             SyncStatus()).pull_once()
    component = CainiaoComponentSim().start()
    yield central, fake, engine, client, component, tmp_path
    component.stop()
    client.close()
    engine.dispose()
    central.stop()
    fake.stop()


def _bench(engine, client, tmp_path, component_uri):
    settings = Settings(database=tmp_path / "station.sqlite3", station_id="ST-01",
                        platform_printer={"uri": component_uri} if component_uri else {})
    printer = BenchPrinter()
    bench = build_bench(StationStore(engine), settings, printer=printer,
                        pool=TrackingPool(engine, "ST-01"), client=client, status=SyncStatus())
    return bench, printer


def test_cainiao_waybill_prints_through_the_component_void_and_relabel(cainiao_world):
    _central, fake, engine, client, component, tmp_path = cainiao_world
    bench, printer = _bench(engine, client, tmp_path, component.uri)
    labelled = run(bench, pack_order(bench, engine, "SO-1003"))  # an EMS order in the seed
    first = labelled.view.parcels[0]
    assert first.printed, labelled.verdict
    [waybill] = fake.waybills.values()
    assert first.tracking == waybill["number"]  # Cainiao's number, not a pool number
    assert printer.jobs == []  # nothing went to the thermal printer
    [printed] = component.printed
    assert printed["documentID"] == first.tracking and printed["templateURL"] == TEMPLATE
    assert printed["data"]["waybillCode"] == first.tracking  # Cainiao's print data, untouched
    assert printed["data"]["recipient"] == "王小明"

    voided = bench.void("Label torn", LeadProof.scan("L001"))
    assert voided.verdict is not None and voided.verdict.code == "label_voided"
    second = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert second.printed and second.tracking != first.tracking
    assert [p["documentID"] for p in component.printed] == [first.tracking, second.tracking]
    OutboxSender(engine, client, "ST-01").flush()
    deadline = time.monotonic() + 20
    while not waybill["cancelled"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert waybill["cancelled"], "Cainiao was never told to cancel the voided waybill"
    live = [w["number"] for w in fake.waybills.values() if not w["cancelled"]]
    assert live == [second.tracking]


def test_without_a_print_component_nothing_prints_and_the_packer_is_told(cainiao_world):
    _central, _fake, engine, client, component, tmp_path = cainiao_world
    bench, printer = _bench(engine, client, tmp_path, None)
    answer = run(bench, pack_order(bench, engine, "SO-1003"))
    assert answer.verdict is not None and answer.verdict.code == "label_failed"
    assert "print component" in answer.verdict.message
    assert printer.jobs == [] and component.printed == []  # never our template instead
    assert not answer.view.parcels[0].printed


def test_a_reprint_after_a_restart_goes_to_the_component_again(cainiao_world):
    """The Cainiao print job is kept with its number: after a restart REPRINT hands the same
    document to the component (before, it drew the station's own label for a Cainiao
    number on the thermal printer)."""
    _central, _fake, engine, client, component, tmp_path = cainiao_world
    bench, printer = _bench(engine, client, tmp_path, component.uri)
    first = run(bench, pack_order(bench, engine, "SO-1003")).view.parcels[0]
    assert first.printed
    bench.close()
    again, printer = _bench(engine, client, tmp_path, component.uri)  # a new process
    again.start()
    assert again.scan("P001").verdict.code == "logged_in"
    reprinted = run(again, again.scan("CMD:REPRINT"))
    assert reprinted.verdict is not None and reprinted.verdict.ok, reprinted.verdict
    assert printer.jobs == []
    assert [p["documentID"] for p in component.printed] == [first.tracking, first.tracking]
    assert component.printed[1]["data"] == component.printed[0]["data"]
