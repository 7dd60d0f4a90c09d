"""The pack session state machine (pack steps 2-5), pure: no database."""

from __future__ import annotations

import pytest
from core_builders import BOXES, order, sku

from station.domain import (
    EventType,
    OrderStatus,
    PackKind,
    PackSession,
    PackState,
    SessionEvent,
    Severity,
    Sound,
)


def make(lines=None, **skus_kw):
    skus = {
        "MUG": sku("MUG", 350, (120, 90, 100), case_units=12),
        "TEE": sku("TEE", 180, (300, 250, 20)),
        "VIT": sku("VIT", 90, (60, 60, 110), lot=True),
        "PHONE": sku("PHONE", 210, (170, 90, 60), serial=True),
        "SCREW": sku("SCREW", 2, (20, 4, 4), bulk=True),
        "LAMP": sku("LAMP", 4200, (560, 300, 300)),
    }
    s = PackSession(order(lines or {"MUG": 2, "TEE": 1}), skus, BOXES)
    s.accept(s.open("B-PACKER"))
    return s


def test_open_refuses_cancelled_and_intercepted_orders():
    for status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
        s = PackSession(order({"MUG": 1}, status=status), {"MUG": sku("MUG")}, BOXES)
        outcome = s.open("B-PACKER")
        assert outcome.verdict.severity is Severity.STOP and not outcome.events
        assert outcome.verdict.code == "order_stopped"


def test_decide_does_not_change_state_until_applied():
    s = make()
    outcome = s.scan_item("MUG", 1)
    assert s.packed["MUG"] == 0
    s.accept(outcome)
    assert s.packed["MUG"] == 1


def test_wrong_item_is_a_hard_stop_until_acknowledged():
    s = make()
    v = s.accept(s.scan_item("LAMP", 1, "EAN-LAMP"))
    assert (v.severity, v.sound, s.state) == (Severity.STOP, Sound.WRONG_ITEM, PackState.WRONG_ITEM)
    # Nothing else moves: a right item is refused while the stop stands.
    assert s.accept(s.scan_item("MUG", 1)).code == "wrong_item_pending"
    assert s.packed["MUG"] == 0
    assert s.accept(s.scan_order_code("T-SO-1")).code == "wrong_item_acknowledged"
    assert s.state is PackState.SCANNING
    s.accept(s.scan_item("LAMP", 1))
    assert s.accept(s.acknowledge("B-LEAD")).ok and s.state is PackState.SCANNING


def test_over_scan_is_blocked_and_a_case_counts_n_units_or_nothing():
    s = make({"MUG": 13})
    v = s.accept(s.scan_item("MUG", 12, pack=PackKind.CASE))
    assert v.ok and s.packed["MUG"] == 12
    v = s.accept(s.scan_item("MUG", 12, pack=PackKind.CASE))
    assert v.code == "over_scan_pack" and s.packed["MUG"] == 12  # blocked whole
    assert s.accept(s.scan_item("MUG", 1)).code == "order_complete"
    assert s.accept(s.scan_item("MUG", 1)).code == "over_scan"
    assert s.packed["MUG"] == 13


def test_lot_is_prompted_captured_and_cancel_drops_the_item():
    s = make({"VIT": 2})
    v = s.accept(s.scan_item("VIT", 1))
    assert v.code == "capture_lot" and s.state is PackState.AWAITING_LOT
    assert s.accept(s.scan_item("VIT", 1)).code == "capture_first"
    s.accept(s.scan_text("L-2024-07"))
    assert s.packed["VIT"] == 1 and s.current.lots == [("VIT", "L-2024-07", 1)]
    s.accept(s.scan_item("VIT", 1))
    s.accept(s.cancel())
    assert s.packed["VIT"] == 1 and s.state is PackState.SCANNING
    # A GS1 scan carrying the lot needs no prompt.
    assert s.accept(s.scan_item("VIT", 1, lot="L9")).code == "order_complete"


def test_serial_is_captured_once_per_unit_and_duplicates_refused():
    s = make({"PHONE": 2})
    s.accept(s.scan_item("PHONE", 1))
    s.accept(s.scan_text("SN1"))
    s.accept(s.scan_item("PHONE", 1))
    assert s.accept(s.scan_text("SN1")).code == "duplicate_serial"
    assert s.packed["PHONE"] == 1
    assert s.accept(s.scan_text("SN2")).code == "order_complete"
    assert s.current.serials == [("PHONE", "SN1"), ("PHONE", "SN2")]


def test_bad_capture_text_is_refused():
    s = make({"VIT": 1})
    s.accept(s.scan_item("VIT", 1))
    assert s.accept(s.scan_text("x" * 65)).code == "bad_capture"
    assert s.state is PackState.AWAITING_LOT


def test_manual_quantity_only_for_bulk_and_never_beyond_the_order():
    s = make({"SCREW": 100, "MUG": 1})
    assert s.accept(s.enter_quantity("MUG", 1)).code == "not_bulk"
    for absurd in (0, -5, 10**9):
        assert s.accept(s.enter_quantity("SCREW", absurd)).severity is Severity.STOP
    assert s.packed["SCREW"] == 0
    assert s.accept(s.enter_quantity("SCREW", 60)).ok
    assert s.accept(s.enter_quantity("SCREW", 41)).code == "over_quantity"
    assert s.packed["SCREW"] == 60


def test_full_single_parcel_flow_with_weight_stop_and_override():
    s = make()
    for code in ("MUG", "MUG", "TEE"):
        s.accept(s.scan_item(code, 1))
    v = s.accept(s.close_parcel())
    assert v.code == "choose_box" and v.params["box_code"] == "M"
    v = s.accept(s.confirm())
    assert v.code == "weigh" and v.params["grams"] == 2 * 350 + 180 + 180 + 20
    v = s.accept(s.record_weight(800))
    assert v.code == "weight_out_of_tolerance" and s.state is PackState.WEIGHT_STOP
    assert s.accept(s.override_weight("B-LEAD", " ")).code == "reason_required"
    assert s.accept(s.override_weight("B-LEAD", "mug box lighter")).ok
    assert s.state is PackState.READY_TO_FINISH
    assert s.parcels[0].override_reason == "mug box lighter" and s.parcels[0].closed
    assert s.accept(s.finish("B-PACKER")).code == "order_packed"
    assert s.state is PackState.FINISHED


def test_absurd_weights_are_refused():
    s = make({"MUG": 1})
    s.accept(s.scan_item("MUG", 1))
    s.accept(s.close_parcel())
    s.accept(s.confirm())
    for grams in (0, -1, 2_000_000):
        assert s.accept(s.record_weight(grams)).code == "absurd_weight"
    assert s.state is PackState.WEIGHING


def test_another_box_can_be_scanned_instead_of_the_suggestion():
    s = make({"MUG": 1})
    s.accept(s.scan_item("MUG", 1))
    s.accept(s.close_parcel())
    s.accept(s.choose_box(BOXES[2]))
    assert s.current.box_code == "L" and s.current.expected_g == 350 + 450 + 40


def test_box_scan_when_everything_is_packed_closes_with_that_box():
    s = make({"MUG": 1})
    s.accept(s.scan_item("MUG", 1))
    assert s.accept(s.choose_box(BOXES[0])).code == "weigh"
    assert s.state is PackState.WEIGHING


def test_multi_parcel_items_go_to_the_current_parcel():
    s = make({"LAMP": 1, "MUG": 2})
    s.accept(s.scan_item("LAMP", 1))
    assert s.accept(s.new_parcel()).code == "choose_box"
    s.accept(s.confirm())
    s.accept(s.record_weight(4200 + 450 + 40))
    assert s.state is PackState.SCANNING and len(s.parcels) == 2
    s.accept(s.scan_item("MUG", 2))
    s.accept(s.close_parcel())
    s.accept(s.confirm())
    s.accept(s.record_weight(700 + 80 + 10))
    assert [p.items for p in s.parcels] == [{"LAMP": 1}, {"MUG": 2}]
    assert s.state is PackState.READY_TO_FINISH


def test_new_parcel_refused_when_empty_or_when_all_is_packed():
    s = make({"MUG": 1})
    assert s.accept(s.new_parcel()).code == "parcel_empty"
    s.accept(s.scan_item("MUG", 1))
    assert s.accept(s.new_parcel()).code == "all_packed"


@pytest.mark.parametrize(
    ("decision", "state"),
    [("ship_partial", PackState.BOXING), ("hold", PackState.HELD),
     ("return_to_pick", PackState.RETURNED_TO_PICK)],
)
def test_short_pick_goes_to_a_lead(decision, state):
    s = make()
    s.accept(s.scan_item("MUG", 1))
    v = s.accept(s.close_parcel())
    assert v.code == "short_pick" and s.state is PackState.SHORT_PICK
    assert s.accept(s.scan_item("MUG", 1)).severity is not Severity.OK
    s.accept(s.decide_short_pick(decision, "B-LEAD"))
    assert s.state is state


def test_ship_partial_with_nothing_packed_is_refused():
    s = make()
    assert s.accept(s.close_parcel()).code == "nothing_packed"


def test_cancelled_mid_session_is_a_hard_stop():
    s = make()
    s.accept(s.scan_item("MUG", 1))
    v = s.accept(s.order_stopped("intercepted"))
    assert v.severity is Severity.STOP and s.state is PackState.ORDER_STOPPED
    assert s.accept(s.scan_item("MUG", 1)).code == "session_ended"


def test_replaying_the_events_rebuilds_the_same_session():
    s = make({"LAMP": 1, "VIT": 2, "MUG": 1})
    log = []

    def do(outcome):
        log.extend(outcome.events)
        return s.accept(outcome)

    do(s.scan_item("LAMP", 1))
    do(s.new_parcel())
    do(s.confirm())
    do(s.record_weight(10))
    do(s.override_weight("B-LEAD", "scale checked"))
    do(s.scan_item("VIT", 1))
    do(s.scan_text("L1"))
    do(s.scan_item("VIT", 1))
    twin = PackSession(s.order, s.skus, BOXES)
    twin.apply(SessionEvent(EventType.OPENED, by="B-PACKER"))
    for event in log:
        twin.apply(event)
    assert twin.snapshot() == s.snapshot()


def test_packer_can_withdraw_a_short_pick_when_the_item_turns_up():
    s = make()
    s.accept(s.scan_item("MUG", 1))
    s.accept(s.close_parcel())
    assert s.accept(s.cancel()).code == "short_pick_withdrawn"
    assert s.state is PackState.SCANNING
    s.accept(s.scan_item("MUG", 1))
    s.accept(s.scan_item("TEE", 1))
    assert s.accept(s.close_parcel()).code == "choose_box"
