"""A QC hold at receiving, against a real central server: goods received into the hold are
stock but not available; a lead releases them by scanner, unit by unit, to a bin (passed) or
the quarantine (failed); central moves exactly that stock and refuses to move units the hold
does not have (a loud, rejected event on the lead's dashboard, never made-up stock)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from synckit import station_db

from central.seed import ean13
from central.stock import stock_of, stock_report
from station.bootstrap import build_inbound, central_applier
from station.domain.model import Operator, Role
from station.services.dashboard import DashboardService
from station.services.errors import PermissionDenied
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender

PACKER = Operator("P001", "Li Wei", Role.PACKER)
LEAD = Operator("L001", "Zhang Min", Role.LEAD)
TEA = ean13("690123450001")  # TEA-GRN-100
WH = "WH-SHA"


@pytest.fixture
def bench(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    client = CentralClient(central.url, central.station_token, retries=0)
    PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01"))).pull_once()
    who = {"op": PACKER}
    inbound = build_inbound(engine, "ST-01", lambda: who["op"], client)
    sender = OutboxSender(inbound.receiving.store, client, "ST-01")
    yield engine, inbound.receiving, sender, who
    inbound.close()
    client.close()
    engine.dispose()


def _stock(central, location):
    with central.engine.connect() as conn:
        return stock_of(conn, WH, "TEA-GRN-100", location)


def test_goods_held_for_qc_are_released_unit_by_unit_by_a_lead(bench, central):
    engine, receiving, sender, who = bench
    with central.engine.connect() as conn:
        bin_before = stock_of(conn, WH, "TEA-GRN-100", "B-02-01")
        quarantine_before = stock_of(conn, WH, "TEA-GRN-100", "QUARANTINE")
    notice = receiving.fetch_notice("ASN-2002")  # 12 TEA-GRN-100
    assert receiving.open_notice("ASN-2002", notice).code == "notice_opened"
    assert receiving.scan("CMD:QC-RELEASE").code == "receipt_open"  # one thing at a time
    for _ in range(12):
        receiving.scan(TEA)
    put = receiving.scan("LOC:QC-HOLD")
    assert put.code == "put_away_qc" and "QC" in put.message
    assert receiving.finish().code == "finished"
    sender.flush()
    assert _stock(central, "QC-HOLD") == 12
    with central.engine.connect() as conn:
        [alert] = [a for a in stock_report(conn, WH, "TEA-GRN-100").alerts]
    assert alert.available == bin_before  # held for QC: stock, but not for orders

    # A packer may not pass or fail goods.
    with pytest.raises(PermissionDenied):
        receiving.scan("CMD:QC-RELEASE")
    who["op"] = LEAD
    assert receiving.scan("CMD:QC-RELEASE").code == "qc_release_started"
    assert receiving.view().open and receiving.view().qc is not None
    assert receiving.scan("LOC:B-02-01").code == "not_a_qc_hold"
    assert receiving.scan("QC-HOLD").code == "qc_hold_chosen"  # a location label, no prefix
    for _ in range(8):
        assert receiving.scan(TEA).code == "qc_where"
        assert receiving.scan("LOC:B-02-01").code == "qc_passed"
    for _ in range(2):
        receiving.scan(TEA)
        assert receiving.scan("LOC:QUARANTINE").code == "qc_failed"
    view = receiving.view().qc
    assert view is not None and (view.hold, view.passed, view.failed) == ("QC-HOLD", 8, 2)
    ended = receiving.scan("CMD:CLOSE")
    assert ended.code == "qc_release_ended" and receiving.view().qc is None
    sender.flush()
    assert _stock(central, "QC-HOLD") == 2
    assert _stock(central, "B-02-01") == bin_before + 8
    assert _stock(central, "QUARANTINE") == quarantine_before + 2

    # Three more units "passed" from a hold that has two: central moves two, refuses the third.
    receiving.scan("CMD:QC-RELEASE")
    receiving.scan("LOC:QC-HOLD")
    for _ in range(3):
        receiving.scan(TEA)
        receiving.scan("LOC:B-02-01")
    receiving.scan("CMD:CLOSE")
    sender.flush()
    assert _stock(central, "QC-HOLD") == 0
    assert _stock(central, "B-02-01") == bin_before + 10
    with engine.connect() as conn:
        results = [r[0] for r in conn.execute(text(
            "SELECT result FROM outbox WHERE kind = 'qc_moved' ORDER BY id"))]
        audited = conn.scalar(text("SELECT count(*) FROM audit WHERE action = 'qc_passed'"))
    assert results == ["accepted"] * 12 + ["rejected"]
    assert audited == 11
    board = DashboardService(receiving.store).today("L001")
    [refused] = [e for e in board.exceptions if e.kind == "event_rejected"]
    assert refused.detail.startswith("qc_moved") and "QC-HOLD has 0 units" in refused.detail
