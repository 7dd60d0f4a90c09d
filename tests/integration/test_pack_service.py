"""The pack use cases against a real SQLite file: verdicts, roles, outbox, audit, resume."""

from __future__ import annotations

import json

import pytest
from core_fixtures import PaperLabels, count, demo_db
from sqlalchemy import text

from contract import ChangeSet, OrderStatus
from station.demo_data import orders as demo_orders
from station.domain import PackState, Severity
from station.services import (
    InvalidInput,
    LoginFailed,
    NoOpenSession,
    NotLoggedIn,
    PackingService,
    PermissionDenied,
)
from station.services.pins import LeadProof
from station.store.reference import apply_changes

MUG, MUG_CASE, TEE, PHONE, LAMP = (
    "4006381333931", "14006381333938", "2000000000015", "2000000000039", "2000000000046"
)


@pytest.fixture
def engine(db_path):
    engine = demo_db(db_path)
    yield engine
    engine.dispose()


@pytest.fixture
def svc(engine):
    service = PackingService(engine, "ST-1")
    yield service
    service.close()


def codes(svc, *raws):
    return [svc.scan(raw).code for raw in raws]


def outbox_kinds(engine):
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT kind FROM outbox ORDER BY id"))]


def test_whole_order_by_scans_writes_outbox_and_parcel(engine, svc):
    assert codes(svc, "B-PACKER", "PL-1001", MUG, MUG, TEE, PHONE, "IMEI-1") == [
        "logged_in", "order_opened", "item_packed", "item_packed", "item_packed",
        "capture_serial", "order_complete",
    ]
    assert codes(svc, "CMD:CLOSE", "CMD:CONFIRM") == ["choose_box", "weigh"]
    expected = svc.session.current.expected_g
    assert svc.record_weight(expected + 3).code == "parcel_ready"
    [ready] = svc.ready_parcels()
    assert (ready.parcel_no, ready.parcel_count, ready.actual_g) == (1, 1, expected + 3)
    v = svc.scan("CMD:CLOSE")  # CLOSE when all closed = finish, but only once labelled
    assert (v.code, v.params["parcels"]) == ("labels_missing", "1")
    PaperLabels(svc).label(1)
    assert svc.scan("CMD:CLOSE").code == "order_packed"
    assert outbox_kinds(engine) == ["pack_started", "parcel_created", "label_printed",
                                    "pack_completed"]
    with engine.connect() as conn:
        payload = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind='parcel_created'")).scalar())
        status = conn.execute(text("SELECT status FROM orders WHERE order_id='SO-1001'")).scalar()
    assert {i["sku"]: i["quantity"] for i in payload["items"]} == {
        "MUG-01": 2, "TEE-M": 1, "PHONE-X": 1}
    assert payload["items"][2]["serials"] == ["IMEI-1"]
    assert status == "packed"


def test_two_parcels_with_a_case_barcode(engine, svc):
    svc.login_badge("B-PACKER")
    assert codes(svc, "T-02", LAMP, "CMD:NEW-PARCEL", "CMD:CONFIRM") == [
        "order_opened", "item_packed", "choose_box", "weigh"]
    svc.record_weight(svc.session.current.expected_g)
    assert svc.scan(MUG_CASE).code == "order_complete"  # one scan = 12 mugs
    assert codes(svc, "PKG-L") == ["weigh"]  # a box scan when all is packed closes with it
    svc.record_weight(svc.session.current.expected_g)
    PaperLabels(svc).label_ready()
    assert svc.finish_order().code == "order_packed"
    assert count(engine, "SELECT count(*) FROM parcels WHERE order_id='SO-1002'") == 2
    with engine.connect() as conn:
        done = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind='pack_completed'")).scalar())
    assert [p["parcel_no"] for p in done["parcels"]] == [1, 2]


def test_cancelled_order_is_refused_and_interception_stops_the_bench(engine, svc):
    svc.login_badge("B-PACKER")
    v = svc.scan("T-03")
    assert (v.severity, v.code) == (Severity.STOP, "order_stopped")
    assert svc.session is None
    svc.scan("SO-1005")
    svc.scan(MUG)
    intercepted = next(o for o in demo_orders() if o.order_id == "SO-1005").model_copy(
        update={"status": OrderStatus.INTERCEPTED})
    with engine.begin() as conn:  # what the sync pull loop does
        apply_changes(conn, ChangeSet(cursor="c2", orders=[intercepted]))
    v = svc.scan("CMD:CLOSE")
    assert (v.severity, v.code) == (Severity.STOP, "order_stopped")
    assert svc.session.state is PackState.ORDER_STOPPED
    assert count(engine, "SELECT count(*) FROM parcels") == 0
    assert count(engine, "SELECT count(*) FROM audit WHERE action='order_stopped'") == 1


def test_wrong_item_needs_a_lead_badge_or_the_order_barcode(engine, svc):
    codes(svc, "B-PACKER", "SO-1005")
    v = svc.scan(LAMP)
    assert (v.code, v.sound) == ("wrong_item", "wrong_item")
    assert svc.scan(MUG).code == "wrong_item_pending"
    assert svc.scan("B-PACKER").code == "lead_required"
    assert svc.scan("B-LEAD").code == "wrong_item_acknowledged"
    assert svc.operator.badge == "B-PACKER"  # the lead's badge did not take over the bench
    assert count(engine, "SELECT count(*) FROM audit WHERE action LIKE 'wrong_item%'") == 2


def test_lead_actions_check_roles(engine, svc):
    codes(svc, "B-PACKER", "SO-1005", MUG, "CMD:CLOSE", "CMD:CONFIRM")
    svc.record_weight(5)
    with pytest.raises(PermissionDenied) as err:
        svc.override_weight("looks fine")
    assert "Pat Packer" in err.value.message and "lead" in err.value.message
    with pytest.raises(PermissionDenied):
        svc.override_weight("looks fine", lead=LeadProof.scan("B-PACKER"))
    verdict = svc.override_weight("scale re-zeroed", lead=LeadProof.scan("B-LEAD"))
    assert verdict.code == "weight_overridden"
    assert "weight_override" in outbox_kinds(engine)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT override_by, override_reason FROM parcels")).one()
    assert tuple(row) == ("B-LEAD", "scale re-zeroed")


def test_manual_quantity_by_role_and_bulk_only(engine, svc):
    codes(svc, "B-PACKER", "T-04")
    with pytest.raises(PermissionDenied):
        svc.enter_quantity("SCREW-M4", 100)
    svc.login_pin("B-LEAD", "222222")
    assert svc.enter_quantity("VIT-60", 1).code == "not_bulk"
    assert svc.enter_quantity("SCREW-M4", 10**6).severity is Severity.STOP
    with pytest.raises(InvalidInput):
        svc.enter_quantity("SCREW-M4", 1.5)  # type: ignore[arg-type]
    assert svc.enter_quantity("SCREW-M4", 100).code == "item_packed"
    assert count(engine, "SELECT count(*) FROM audit WHERE action='manual_quantity'") == 1


def test_short_pick_decided_by_a_lead(engine, svc):
    codes(svc, "B-PACKER", "T-01", MUG)
    assert svc.scan("CMD:CLOSE").code == "short_pick"
    with pytest.raises(PermissionDenied):
        svc.decide_short_pick("ship_partial")
    assert svc.decide_short_pick("hold", lead=LeadProof.scan("B-LEAD")).code == "short_pick_hold"
    assert svc.session.state is PackState.HELD
    with engine.connect() as conn:
        payload = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind='short_pick'")).scalar())
    assert payload["decision"] == "hold"
    assert {m["sku"]: m["quantity"] for m in payload["missing"]} == {
        "MUG-01": 1, "TEE-M": 1, "PHONE-X": 1}
    assert svc.scan("SO-1005").code == "order_opened"  # the bench is free again


def test_login_errors_and_calls_before_login(engine, svc):
    with pytest.raises(LoginFailed):
        svc.login_pin("B-LEAD", "0000")
    with pytest.raises(LoginFailed):
        svc.login_badge("B-NOBODY")
    with pytest.raises(NotLoggedIn):
        svc.open_order("SO-1001")
    with pytest.raises(NoOpenSession):
        svc.record_weight(100)
    assert svc.login_pin("B-ADMIN", "999999").role == "admin"


def test_bad_input_gives_verdicts_not_crashes(engine, svc):
    codes(svc, "B-PACKER", "SO-1001")
    for raw, code in [("NOT-A-CODE", "unknown_code"), ("]C10109501101530004", "bad_gtin"),
                      ("]C1017", "malformed_gs1"), ("CMD:FLY", "unknown_command"),
                      ("SO-1002", "other_order"), ("", "empty")]:
        v = svc.scan(raw)
        assert (v.code, v.severity) == (code, Severity.STOP), raw
        assert v.message
    with pytest.raises(InvalidInput):
        svc.record_weight("12")  # type: ignore[arg-type]
    assert svc.session.packed == {"MUG-01": 0, "TEE-M": 0, "PHONE-X": 0}


def test_restart_resumes_the_session_exactly(engine, svc):
    codes(svc, "B-PACKER", "T-02", LAMP, "CMD:NEW-PARCEL", "CMD:CONFIRM")
    svc.record_weight(svc.session.current.expected_g)
    codes(svc, MUG, MUG)
    before = svc.session.snapshot()
    svc.close()
    again = PackingService(engine, "ST-1")
    assert again.resume().snapshot() == before
    assert again.scan(MUG).code == "login_first"  # a restart asks for the badge again
    again.login_badge("B-PACKER")
    assert again.scan(MUG).code == "item_packed" and again.session.packed["MUG-01"] == 3
    assert PackingService(engine, "ST-2").resume() is None  # another bench has no session
    again.close()


def test_reference_upsert_is_idempotent_and_replaces_barcodes(engine):
    from station.demo_data import demo_changeset

    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
    assert count(engine, "SELECT count(*) FROM barcodes") == 8
    mug = demo_changeset().products[0].model_copy(update={"barcodes": []})
    with engine.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="c3", products=[mug]))
    assert count(engine, "SELECT count(*) FROM barcodes WHERE sku='MUG-01'") == 0
    assert count(engine, "SELECT count(*) FROM skus") == 6


def test_label_seam_and_scale_readings(engine, svc):
    from station.devices import Weight

    codes(svc, "B-PACKER", "SO-1005", MUG, "CMD:CLOSE", "CMD:CONFIRM")
    assert svc.record_reading(Weight(0, stable=False, fault="no answer")).code == "scale_fault"
    assert svc.record_reading(Weight(440, stable=False)).code == "scale_unstable"
    assert svc.session.current.actual_g is None  # an unstable reading is never recorded
    assert svc.record_reading(Weight(440, stable=True)).code == "parcel_ready"
    [ready] = svc.ready_parcels()
    assert (ready.box_code, ready.length_mm, ready.parcel_count) == ("BOX-S", 200, 1)
    paper = PaperLabels(svc)
    first = paper.label(1)
    again = paper.step.print_parcel(svc.session.order, 1, 1, "B-PACKER")
    assert again.tracking == first and len(paper.printer.jobs) == 1  # printed once, not twice
    assert svc.ready_parcels() == []
    paper.void(1)  # a lead voided it: the parcel waits for a new label
    assert svc.finish_order().code == "labels_missing"
    second = paper.label(1)
    assert second != first
    assert svc.finish_order().code == "order_packed"
    with engine.connect() as conn:
        done = json.loads(conn.execute(text(
            "SELECT payload FROM outbox WHERE kind='pack_completed'")).scalar())
    assert done["parcels"] == [{"parcel_no": 1, "tracking_number": second, "weight_g": 440}]
    # The parcel's tracking number now finds its order (already packed: a clear refusal).
    v = svc.scan(second)
    assert (v.code, v.params["order"]) == ("order_not_packable", "SO-1005")


def test_held_order_voids_its_unlabelled_parcels(engine, svc):
    codes(svc, "B-PACKER", "T-02", LAMP, "CMD:NEW-PARCEL", "CMD:CONFIRM")
    svc.record_weight(svc.session.current.expected_g)
    assert [p.parcel_no for p in svc.ready_parcels()] == [1]
    codes(svc, MUG, "CMD:CLOSE")
    svc.decide_short_pick("hold", lead=LeadProof.scan("B-LEAD"))
    assert svc.ready_parcels() == []
    assert count(engine, "SELECT count(*) FROM parcels WHERE status='void'") == 1


def test_resume_without_the_order_data_is_a_clear_error(engine, svc):
    from station.services import ReferenceDataMissing

    codes(svc, "B-PACKER", "SO-1005", MUG)
    svc.close()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM orders WHERE order_id='SO-1005'"))
    again = PackingService(engine, "ST-1")
    with pytest.raises(ReferenceDataMissing) as err:
        again.resume()
    assert "SO-1005" in err.value.message
    again.close()


def test_lot_from_gs1_or_typed_by_hand(engine, svc):
    codes(svc, "B-PACKER", "T-04")
    v = svc.scan("]C1010950110153000310L-77\x1d17270131")
    assert v.code == "item_packed"  # the GS1 code carried the lot: no prompt
    assert svc.scan("09501101530003").code == "capture_lot"
    assert svc.capture("L-78").code == "item_packed"
    assert svc.scan("INNER-VIT-6").code == "over_scan_pack"  # 6 more would make 8 of 6
    lots = svc.session.current.lots
    assert lots == [("VIT-60", "L-77", 1), ("VIT-60", "L-78", 1)]
    with engine.connect() as conn:
        expiry = conn.execute(text("SELECT expiry FROM scans WHERE lot='L-77'")).scalar()
    assert expiry == "2027-01-31"


def test_a_stale_pull_never_reopens_an_order_packed_at_this_bench(engine, svc):
    codes(svc, "B-PACKER", "PL-1001", MUG, MUG, TEE, PHONE, "IMEI-1", "CMD:CLOSE", "CMD:CONFIRM")
    svc.record_weight(svc.session.current.expected_g)
    PaperLabels(svc).label_ready()
    svc.finish_order()
    order_id = next(o.order_id for o in demo_orders() if o.pick_list == "PL-1001")
    stale = next(o for o in demo_orders() if o.order_id == order_id)  # still "released"
    with engine.begin() as conn:  # central has not processed our pack_completed yet
        apply_changes(conn, ChangeSet(cursor="c9", orders=[stale]))
    v = svc.scan("PL-1001")
    assert (v.severity, v.code) == (Severity.STOP, "order_not_packable")
    cancelled = stale.model_copy(update={"status": OrderStatus.CANCELLED})
    with engine.begin() as conn:  # but central's cancel or intercept always wins
        apply_changes(conn, ChangeSet(cursor="c10", orders=[cancelled]))
    assert count(engine, "SELECT count(*) FROM orders WHERE order_id=:o AND status='cancelled'",
                 o=order_id) == 1
