"""Receiving and returns against a real central server: stock after receive and after restock
equals what was counted, exactly once across a network cut; bad input is refused clearly."""

from __future__ import annotations

import contextlib

import pytest
from chaos_proxy import ChaosProxy
from sqlalchemy import func, select, text
from synckit import station_db

from central import tables as t
from central.seed import ean13
from central.stock import stock_of
from central.testkit import OTHER_WAREHOUSE
from station.bootstrap import central_applier
from station.domain.model import Operator, Role
from station.services.receiving import ReceivingService
from station.services.returns import ReturnsService
from station.services.stock import StockService
from station.store.pool import TrackingPool
from station.sync.client import CentralClient, CentralError, CentralUnavailable
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender

PACKER = Operator("P001", "Li Wei", Role.PACKER)
MUG = ean13("690123450000")  # MUG-350 unit barcode
MUG_CASE = ean13("690123460000")  # case of 12
TEA = ean13("690123450001")  # TEA-GRN-100
WH = "WH-SHA"


@pytest.fixture
def bench(central, tmp_path):
    engine = station_db(tmp_path / "station.sqlite3")
    proxy = ChaosProxy(central.live.port)
    client = CentralClient(proxy.url, central.station_token, connect_timeout_s=1,
                           read_timeout_s=3, retries=0)
    PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01"))).pull_once()
    who = {"op": PACKER}
    receiving = ReceivingService(engine, "ST-01", lambda: who["op"], client)
    returns = ReturnsService(engine, "ST-01", lambda: who["op"], client)
    sender = OutboxSender(engine, client, "ST-01", batch_size=50)
    yield engine, proxy, receiving, returns, sender, who
    receiving.close()
    returns.close()
    client.close()
    proxy.close()
    engine.dispose()


def _open_notice(receiving, code):
    return receiving.open_notice(code, receiving.fetch_notice(code))


def _ship(central, order_id, tracking):
    """Label and manifest events from the station: central marks the order shipped."""
    events = [
        {"idempotency_key": f"lbl-{order_id}-0001", "kind": "label_printed", "station": "ST-01",
         "occurred_at": "2026-01-01T00:00:00Z", "order_id": order_id,
         "payload": {"order_id": order_id, "parcel_no": 1, "tracking_number": tracking,
                     "carrier": "EMS", "service": "EMS-STD", "weight_g": 300,
                     "source": "pool"}},
        {"idempotency_key": f"man-{order_id}-0001", "kind": "manifest_closed", "station": "ST-01",
         "occurred_at": "2026-01-01T01:00:00Z",
         "payload": {"manifest_id": f"M-{order_id}", "carrier": "EMS", "closed_by": "L001",
                     "tracking_numbers": [tracking]}},
    ]
    answer = central.call("POST", "/v1/events", central.station_token, json={"events": events})
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}


def test_receipt_updates_stock_by_location_exactly_once_across_a_network_cut(bench, central):
    engine, proxy, receiving, _returns, sender, _who = bench
    assert _open_notice(receiving, "ASN-2001").code == "notice_opened"
    assert receiving.scan(MUG_CASE).code == "counted_scan_location"  # 12
    assert receiving.scan("A-01-01").code == "put_away"
    assert receiving.scan(MUG_CASE).code == "counted"  # 24 of 24
    over = receiving.scan(MUG)  # one more than announced
    assert (over.code, over.severity) == ("over_notice", "stop")
    for _ in range(4):
        receiving.scan(TEA)
    assert receiving.scan("(01)0" + TEA).code == "counted_scan_location"  # GS1 form: same SKU
    assert receiving.scan("LOC:NOWHERE").code == "unknown_location"
    assert receiving.scan("LOC:QUARANTINE").code == "not_a_bin"
    assert receiving.scan("LOC:B-02-01").code == "put_away"
    for _ in range(3):  # no barcode: counted by the printed SKU label (Code 128 = the SKU)
        receiving.scan("BAG-TOTE")
    receiving.scan("B-02-01")
    assert receiving.scan("MYSTERY-1").code == "unknown_item"
    # another notice's barcode is not goods: said so, and no discrepancy goes to the WMS
    assert receiving.scan("ASN-2002").code == "notice_still_open"
    closed = receiving.finish()
    assert closed.code == "finished_with_discrepancies"
    assert receiving.finish().code == "already_finished"  # closing twice queues nothing new
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM outbox WHERE kind = 'receipt'")) == 1

    proxy.offline = True  # the network is cut while the receipt waits to be sent
    with pytest.raises(CentralUnavailable):
        sender.flush()
    assert sender.backlog() == 1
    proxy.offline = False
    proxy.fault_rate = 1.0  # the next answer is lost after central committed it
    for _ in range(6):
        with contextlib.suppress(CentralError):  # a faulted round; the next resends the key
            sender.flush()
    proxy.fault_rate = 0.0
    sender.flush()
    assert sender.backlog() == 0
    assert proxy.seen["drop_after"] >= 1
    with engine.begin() as conn:  # a restored backup sends the receipt once more
        conn.execute(text("UPDATE outbox SET sent_at = NULL, result = NULL"))
    sender.flush()

    with central.engine.connect() as conn:
        assert stock_of(conn, WH, "MUG-350", "A-01-01") == 24  # the extra unit stays out
        assert stock_of(conn, WH, "TEA-GRN-100", "B-02-01") == 5  # 5 of 6 came
        assert stock_of(conn, WH, "BAG-TOTE", "B-02-01") == 3
        assert conn.scalar(select(func.count()).select_from(t.receipts)) == 1
    # Central now refuses the notice: the same goods cannot be received twice.
    assert _open_notice(receiving, "ASN-2001").code == "already_received"


def test_returns_restock_and_quarantine_once_and_tell_the_seller(bench, central):
    engine, proxy, _receiving, returns, sender, who = bench
    answer = central.call("PUT", "/v1/admin/sellers/DEMO-SHOP", central.admin_token,
                          json={"code": "DEMO-SHOP", "name": "Demo Shop",
                                "webhook_url": "http://127.0.0.1:9/hook",
                                "webhook_secret": "seller-hook-secret-20"})
    assert answer.status_code == 200
    _ship(central, "SO-1001", "EE200000425CN")  # SO-1001: 2 x TEA-GRN-100, EMS
    assert returns.open("SO-1002", returns.fetch("SO-1002")).code == "not_shipped"
    assert returns.open("NOPE-1", returns.fetch("NOPE-1")).code == "unknown_code"

    assert returns.open("EE200000425CN", returns.fetch("EE200000425CN")).code == "return_opened"
    assert returns.scan(TEA).code == "reason_first"
    for cmd in ("CMD:REASON-DAMAGED", "CMD:COND-DAMAGED"):
        assert returns.scan(cmd).severity == "ok"
    assert returns.scan(TEA).code == "item_returned"
    assert returns.scan("A-01-02").code == "wrong_location_kind"
    assert returns.scan("QUARANTINE").code == "placed"
    for cmd in ("CMD:REASON-UNWANTED", "CMD:COND-RESELLABLE"):
        returns.scan(cmd)
    returns.scan(TEA)
    assert returns.scan(TEA).code == "more_than_shipped"  # only 2 were shipped
    assert returns.scan("LOC:A-01-02").code == "placed"
    assert returns.scan("CMD:CLOSE").code == "decide_first"
    assert returns.scan("CMD:REFUND").code == "lead_needed"  # a packer may not decide
    assert returns.scan("P002").code == "not_a_lead"
    assert returns.scan("L001").code == "decided"
    assert returns.scan("CMD:CLOSE").code == "return_finished"
    # Scanning the same parcel again: every unit is already back.
    assert returns.open("EE200000425CN", returns.fetch("EE200000425CN")).code == \
        "already_returned"
    proxy.offline = True  # the network is cut when the return is closed
    with pytest.raises(CentralUnavailable):
        sender.flush()
    proxy.offline = False
    proxy.fault_rate = 1.0  # answers lost after central committed, resets, 500s
    for _ in range(5):
        with contextlib.suppress(CentralError):
            sender.flush()
    proxy.fault_rate = 0.0
    sender.flush()
    assert sender.backlog() == 0
    with central.engine.connect() as conn:
        assert stock_of(conn, WH, "TEA-GRN-100", "A-01-02") == 1
        assert stock_of(conn, WH, "TEA-GRN-100", "QUARANTINE") == 1
        hooks = conn.execute(select(t.webhook_deliveries.c.event_key, t.webhook_deliveries.c.body)
                             .where(t.webhook_deliveries.c.event_key.like("return:%"))).all()
    assert len(hooks) == 1 and '"decision":"refund"' in hooks[0].body
    # Stock on the bench: the quarantined unit is not available; alerts come from minimums.
    who["op"] = PACKER
    verdict, report = StockService(engine, "ST-01", lambda: who["op"], returns.client).fetch()
    assert report is not None and verdict.code == "replenish"
    alerts = {a.sku: a for a in report.alerts}
    assert alerts["TEA-GRN-100"].available == 1 and alerts["TEA-GRN-100"].minimum == 10


def test_return_of_another_warehouse_is_refused(bench, central):
    _engine, _proxy, _receiving, returns, _sender, _who = bench
    order = {"order_id": "SO-BJ-1", "warehouse": OTHER_WAREHOUSE, "carrier": "EMS",
             "service": "EMS-STD", "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}],
             "recipient": {"name": "A", "line1": "1 Road", "city": "Beijing", "country": "CN"}}
    assert central.call("POST", "/v1/admin/orders", central.admin_token,
                        json=order).status_code == 200
    verdict = returns.open("SO-BJ-1", returns.fetch("SO-BJ-1"))
    # Another warehouse's order looks unknown, as on every other read: its id and warehouse
    # are not told to this station (it was "shipped by another warehouse (WH-BJS)" before).
    assert verdict.code == "unknown_code" and verdict.severity == "stop"
    assert returns.ret is None


def test_offline_nothing_is_opened_or_lost(bench, central):
    engine, proxy, receiving, returns, _sender, _who = bench
    proxy.offline = True
    assert _open_notice(receiving, "ASN-2002").code == "offline"
    assert returns.open("SO-1003", returns.fetch("SO-1003")).code == "not_shipped"  # own copy
    assert returns.open("EE999", returns.fetch("EE999")).code == "offline"
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM receipts")) == 0
        assert conn.scalar(text("SELECT count(*) FROM returns")) == 0
    proxy.offline = False
    assert _open_notice(receiving, "ASN-2002").code == "notice_opened"
    receiving.scan(TEA)
    # A restart: a new service rebuilds the open receipt from the store.
    again = ReceivingService(engine, "ST-01", lambda: PACKER, receiving.client)
    resumed = again.resume()
    assert resumed is not None and resumed.counted == {"TEA-GRN-100": 1}
    again.close()


def _post(central, kind, payload, key, order_id=None):
    event = {"idempotency_key": key, "kind": kind, "station": "ST-01",
             "occurred_at": "2026-01-02T00:00:00Z", "order_id": order_id, "payload": payload}
    answer = central.call("POST", "/v1/events", central.station_token,
                          json={"events": [event]})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"][0]


def test_central_refuses_receipts_and_returns_that_would_inflate_stock(central):
    # The same SKU twice in one receipt: 4 + 4 of a notice that announced 6.
    twice = {"receipt_id": "r" * 16, "notice_id": "ASN-2001", "operator": "P001", "lines": [
        {"sku": "TEA-GRN-100", "expected": 6, "received": 4, "location": "A-01-01"},
        {"sku": "TEA-GRN-100", "expected": 6, "received": 4, "location": "A-01-02"}]}
    result = _post(central, "receipt", twice, "rcpt-twice-0001")
    assert result["status"] == "rejected" and "more than" in result["error"]
    bad_bin = {**twice, "lines": [{"sku": "MUG-350", "expected": 24, "received": 2,
                                   "location": "QUARANTINE"}]}
    assert _post(central, "receipt", bad_bin, "rcpt-bin-0001")["status"] == "rejected"
    _ship(central, "SO-1001", "EE200000425CN")
    item = {"sku": "TEA-GRN-100", "quantity": 1, "reason": "damaged", "condition": "damaged",
            "disposition": "restock", "location": "A-01-01"}  # damaged goods to a bin
    ret = {"return_id": "x" * 16, "order_id": "SO-1001", "operator": "L001", "items": [item],
           "decision": "refund"}
    assert _post(central, "return", ret, "ret-bad-0001", "SO-1001")["status"] == "rejected"
    unshipped = {**ret, "return_id": "y" * 16, "order_id": "SO-1002", "items": [
        {**item, "condition": "resellable"}]}
    result = _post(central, "return", unshipped, "ret-unshipped-0001", "SO-1002")
    assert result["status"] == "rejected" and "not shipped" in result["error"]
    with central.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(t.stock)) == 0


def test_one_sku_put_away_to_two_bins_is_stocked_in_each(bench, central):
    """14 mugs to A-01-01, then LOC:A-01-02 and 10 more: central booked all 24 to A-01-02."""
    _engine, _proxy, receiving, _returns, sender, _who = bench
    bins = ("A-01-01", "A-01-02")
    with central.engine.connect() as conn:
        before = {loc: stock_of(conn, WH, "MUG-350", loc) for loc in bins}
    assert _open_notice(receiving, "ASN-2001").code == "notice_opened"
    for _ in range(14):
        receiving.scan(MUG)
    assert receiving.scan("LOC:A-01-01").code == "put_away"
    assert receiving.scan("LOC:A-01-02").code == "put_away"
    for _ in range(10):
        receiving.scan(MUG)
    receiving.finish()
    sender.flush()
    with central.engine.connect() as conn:
        after = {loc: stock_of(conn, WH, "MUG-350", loc) for loc in bins}
    assert after["A-01-01"] - before["A-01-01"] == 14
    assert after["A-01-02"] - before["A-01-02"] == 10


def test_a_notice_is_counted_at_one_bench_at_a_time(bench, central):
    """ST-01 and ST-02 both opened ASN-2002; ST-02 closed first, ST-01's close said
    "everything as announced" and its 12 units vanished from stock."""
    from central.auth import create_token
    from central.testkit import STATION

    _engine, _proxy, receiving, _returns, _sender, _who = bench
    assert central.call("PUT", "/v1/admin/stations/ST-02", central.admin_token,
                        json={"name": "ST-02", "warehouse": WH}).status_code == 200
    with central.engine.begin() as conn:
        other_token = create_token(conn, station="ST-02")
    assert _open_notice(receiving, "ASN-2002").code == "notice_opened"
    other = CentralClient(central.url, other_token, retries=0)
    try:
        with pytest.raises(CentralError) as taken:
            other.claim_inbound_notice("ASN-2002")
        assert taken.value.code == "notice_in_use" and STATION in str(taken.value)
    finally:
        other.close()
    assert receiving.fetch_notice("ASN-2002").notice_id == "ASN-2002"  # its own bench: fine


def test_an_open_return_is_cancelled_by_scan_and_another_parcel_is_told_to_wait(bench, central):
    """The clerk opened the wrong parcel's return: another returned parcel's tracking number
    says "close or cancel the open return" (not "no known product"); CMD:CANCEL abandons it
    while nothing is recorded, and nothing reaches central; once a unit is recorded CANCEL
    refuses (a counted unit is never lost)."""
    engine, _proxy, _receiving, returns, sender, _who = bench
    _ship(central, "SO-1001", "EE200000425CN")
    _ship(central, "SO-1003", "EE200000434CN")
    PullLoop(engine, sender.client, central_applier(engine, TrackingPool(engine, "ST-01"))
             ).pull_once()
    assert returns.open("EE200000425CN", returns.fetch("EE200000425CN")).code == "return_opened"
    other = returns.scan("EE200000434CN")
    assert other.code == "return_still_open" and "SO-1001" in other.message
    assert returns.scan("CMD:CANCEL").code == "return_cancelled"
    assert returns.resume() is None  # abandoned for good, also after a restart
    assert returns.open("EE200000434CN", returns.fetch("EE200000434CN")).code == "return_opened"
    for cmd in ("CMD:REASON-DAMAGED", "CMD:COND-DAMAGED"):
        returns.scan(cmd)
    assert returns.scan(TEA).code in ("item_returned", "not_in_order")
    if returns.ret is not None and returns.ret.lines:
        assert returns.scan("CMD:CANCEL").code == "cancel_items_recorded"
    with engine.connect() as conn:
        kinds = conn.execute(text("SELECT kind FROM outbox WHERE kind = 'return'")).all()
    assert kinds == []  # nothing of the cancelled return went out


def test_the_next_notice_suggests_the_bin_a_sku_was_put_away_to(bench, central):
    """TEA-GRN-100 went to B-02-01 with ASN-2001: counting it on ASN-2002 says so."""
    _engine, _proxy, receiving, _returns, _sender, _who = bench
    assert _open_notice(receiving, "ASN-2001").code == "notice_opened"
    receiving.scan(TEA)
    assert receiving.scan("LOC:B-02-01").code == "put_away"
    receiving.finish()
    assert _open_notice(receiving, "ASN-2002").code == "notice_opened"
    counted = receiving.scan(TEA)
    assert counted.code == "counted_scan_location" and "B-02-01" in counted.message


def test_returned_units_are_graded_and_the_grade_reaches_central(bench, central):
    """GRADE-B is resellable (to a bin), MISSING-PARTS goes to quarantine; the seller's
    return carries each unit's grade."""
    _engine, _proxy, _receiving, returns, sender, _who = bench
    _ship(central, "SO-1001", "EE200000425CN")
    assert returns.open("EE200000425CN", returns.fetch("EE200000425CN")).code == "return_opened"
    returns.scan("CMD:REASON-UNWANTED")
    assert returns.scan("CMD:GRADE-B").code == "grade_set"
    assert returns.scan(TEA).code == "item_returned"
    assert returns.scan("LOC:A-01-02").code == "placed"  # B is resold: a storage bin
    returns.scan("CMD:REASON-DEFECTIVE")
    assert returns.scan("CMD:GRADE-MISSING-PARTS").code == "grade_set"
    returns.scan(TEA)
    assert returns.scan("LOC:A-01-02").code == "wrong_location_kind"  # not resellable
    assert returns.scan("QUARANTINE").code == "placed"
    assert [(ln.grade, ln.disposition) for ln in returns.ret.lines] == [
        ("B", "restock"), ("missing_parts", "quarantine")]
    returns.scan("CMD:REFUND")
    assert returns.scan("L001").code == "decided"
    assert returns.scan("CMD:CLOSE").code == "return_finished"
    assert returns.resume() is None
    sender.flush()
    with central.engine.connect() as conn:
        body = conn.execute(select(t.events.c.payload).where(
            t.events.c.kind == "return")).scalar_one()
    assert '"grade":"B"' in body.replace(" ", "") and '"grade":"missing_parts"' in \
        body.replace(" ", "")


def test_the_units_not_found_stay_announced_as_a_backorder(bench, central):
    """ASN-2002 announced 12 teas, 9 came: central opens ASN-2002-BO1 for the 3 others, which
    a bench receives later like any notice; stock grows by exactly what came each time."""
    _engine, _proxy, receiving, _returns, sender, _who = bench
    assert _open_notice(receiving, "ASN-2002").code == "notice_opened"
    for _ in range(9):
        receiving.scan(TEA)
    receiving.scan("LOC:B-02-01")
    closed = receiving.finish()
    assert closed.code == "finished_with_discrepancies" and "backorder" in closed.message
    sender.flush()
    backorder = _open_notice(receiving, "ASN-2002-BO1")
    assert backorder.code == "notice_opened" and "3 units" in backorder.message
    for _ in range(3):
        receiving.scan(TEA)
    receiving.scan("LOC:B-02-01")
    assert receiving.finish().code == "finished"
    sender.flush()
    with central.engine.connect() as conn:
        assert stock_of(conn, WH, "TEA-GRN-100", "B-02-01") == 12
        notices = conn.execute(select(t.inbound_notices.c.notice_id)).scalars().all()
    assert "ASN-2002-BO2" not in notices  # nothing short the second time: no new backorder


def test_lot_tracked_goods_are_received_with_their_lot_and_expiry(bench, central):
    """Green tea becomes lot-tracked at central: each unit is counted only with its lot (a
    GS1 code with (10) lot and (17) expiry counts at once; a plain barcode asks for the lot,
    CANCEL drops the pending unit); the receipt tells central which lots came."""
    import json as _json

    from central.seed import PRODUCTS

    engine, _proxy, receiving, _returns, sender, _who = bench
    sku, name, name_zh, grams, (length, width, height) = PRODUCTS[1]
    assert sku == "TEA-GRN-100"
    product = {"sku": sku, "name": name, "name_zh": name_zh, "unit_weight_g": grams,
               "length_mm": length, "width_mm": width, "height_mm": height,
               "barcodes": [{"code": TEA}], "requires_lot": True}
    assert central.call("PUT", f"/v1/admin/products/{sku}", central.admin_token,
                        json=product).status_code == 200
    PullLoop(engine, sender.client, central_applier(engine, TrackingPool(engine, "ST-01"))
             ).pull_once()
    assert _open_notice(receiving, "ASN-2002").code == "notice_opened"
    assert receiving.scan(TEA).code == "scan_lot"
    assert receiving.scan("CMD:CANCEL").code == "lot_cancelled"
    assert receiving.scan(TEA).code == "scan_lot"
    assert receiving.scan("L2026-11A").code == "counted_scan_location"
    assert receiving.scan("LOC:B-02-01").code == "put_away"
    gs1 = f"(01)0{TEA}(17)271130(10)L2026-12B"
    for _ in range(10):  # a GS1 code carries its lot and expiry: counted at once
        assert receiving.scan(gs1).code == "counted"
    # as a scanner sends a GS1 DataMatrix: AIM prefix, no brackets, lot last (no GS needed)
    assert receiving.scan(f"]d201{'0' + TEA}17271130\x1d10L2026-12B").code == "counted"
    assert receiving.finish().code == "finished"
    with engine.connect() as conn:
        payload = _json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind = 'receipt'")).scalar_one())
    lots = {(lot["lot"], lot["expiry"]): lot["quantity"]
            for line in payload["lines"] for lot in line["lots"]}
    assert lots == {("L2026-11A", None): 1, ("L2026-12B", "2027-11-30"): 11}
    sender.flush()
    assert sender.backlog() == 0  # central takes the lots


def test_a_photo_of_the_returned_parcel_by_the_bench_camera(bench, central, tmp_path):
    """CMD:PHOTO during a return: the bench camera (the evidence recorder, on a simulated
    camera) takes one sealed PNG, kept with the order's videos and audited with the return;
    a bench without a camera says so and records nothing."""
    from station.config import CameraSettings
    from station.evidence.recorder import EvidenceRecorder

    engine, _proxy, _receiving, returns, _sender, _who = bench
    _ship(central, "SO-1001", "EE200000425CN")
    assert returns.open("EE200000425CN", returns.fetch("EE200000425CN")).code == "return_opened"
    assert returns.scan("CMD:PHOTO").code == "no_camera"
    camera = EvidenceRecorder(returns.store, CameraSettings(
        uri="sim://testsrc", fps=15, size="640x360", folder=tmp_path / "ev"), station="ST-01")
    camera.start()
    try:
        returns.camera = camera
        taken = returns.scan("CMD:PHOTO")
        assert taken.code == "return_photo", taken
        [photo] = camera.clips_for("SO-1001")
        assert photo.path.suffix == ".png" and camera.verify(photo)
        with engine.connect() as conn:
            detail = conn.scalar(text(
                "SELECT detail FROM audit WHERE action = 'return_photo'"))
        assert f'"clip_id": {photo.clip_id}' in detail and returns.ret.return_id in detail
    finally:
        camera.close()
