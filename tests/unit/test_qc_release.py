"""The QC release state machine: whatever a scanner sends, a move leaves only the chosen QC
hold, goes to a bin exactly when it passed, and the counts say what moved."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from station.domain.qc import QcRelease

KINDS = {"QC-1": "qc_hold", "QC-2": "qc_hold", "A-01": "bin", "B-02": "bin",
         "QUAR": "quarantine", "NOWHERE": None}
scan = st.one_of(
    st.tuples(st.just("loc"), st.sampled_from(sorted(KINDS))),
    st.tuples(st.just("item"), st.sampled_from(["MUG", "TEA"])),
)


@given(st.lists(scan, max_size=40))
def test_every_move_leaves_the_hold_for_a_bin_or_the_quarantine(scans):
    qc = QcRelease()
    moved = []
    for what, value in scans:
        if what == "item":
            qc.item(value)
            continue
        hold_before, pending_before = qc.hold, qc.pending
        verdict, move = qc.location(value, KINDS[value])
        if move is None:
            assert verdict.code != "qc_passed" and verdict.code != "qc_failed"
            continue
        moved.append(move)
        assert move.from_location == hold_before and KINDS[hold_before] == "qc_hold"
        assert move.sku == pending_before
        assert move.passed == (KINDS[value] == "bin")
        assert qc.pending is None
    assert qc.moves == moved
    assert qc.passed == sum(m.passed for m in moved)
    assert qc.failed == sum(not m.passed for m in moved)


def test_a_scripted_release_by_scanner():
    qc = QcRelease()
    assert qc.item("MUG").code == "qc_hold_first"
    assert qc.location("A-01", "bin")[0].code == "not_a_qc_hold"
    assert qc.location("QC-1", "qc_hold")[0].code == "qc_hold_chosen"
    assert qc.location("A-01", "bin")[0].code == "qc_item_first"
    assert qc.item("MUG").code == "qc_where"
    assert qc.item("TEA").code == "qc_place_first"  # one unit at a time: place the mug first
    assert qc.location("QC-2", "qc_hold")[0].code == "qc_bin_or_quarantine"
    verdict, move = qc.location("A-01", "bin")
    assert verdict.code == "qc_passed" and move is not None and move.passed
    qc.item("TEA")
    verdict, move = qc.location("QUAR", "quarantine")
    assert verdict.code == "qc_failed" and move is not None and not move.passed
    qc.item("TEA")
    end = qc.end()
    assert end.code == "qc_release_ended_pending" and end.params["sku"] == "TEA"
    assert (qc.passed, qc.failed) == (1, 1)
