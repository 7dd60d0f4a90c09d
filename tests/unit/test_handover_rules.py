"""The handover rule (judge_scan) as a property: a parcel goes on the manifest exactly when
every condition holds, and every refusal names its own reason and sound."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from station.domain.handover import ManifestHead, ManifestStatus, ParcelFacts, judge_scan

WAREHOUSE = "WH1"
head_st = st.builds(
    ManifestHead, manifest_id=st.sampled_from(["MF-1", "MF-2"]),
    carrier=st.sampled_from(["SF", "EMS"]), pickup=st.just(""), warehouse=st.just(WAREHOUSE),
    status=st.sampled_from(list(ManifestStatus)), opened_by=st.just("L"),
    opened_at=st.just("t"),
)
facts_st = st.builds(
    ParcelFacts, tracking_number=st.just("SF100"),
    parcel_id=st.one_of(st.none(), st.integers(1, 9)),
    order_id=st.sampled_from(["SO-1", None]),
    status=st.sampled_from(["ready", "labelled", "shipped", "void", None]),
    carrier=st.sampled_from(["SF", "EMS", None]),
    warehouse=st.sampled_from([WAREHOUSE, "WH-BJS", None]),
    order_status=st.sampled_from(["released", "packed", "cancelled", "intercepted", None]),
    manifest_id=st.sampled_from([None, "MF-1", "MF-2"]),
    manifest_status=st.sampled_from([None, "open", "closed"]),
    voided_order=st.sampled_from([None, "SO-9"]),
).map(  # the store reads a manifest's status only through its id: no status without one
    lambda f: replace(f, manifest_status=None) if f.manifest_id is None else f)

SOUNDS = {
    "handover_accepted": "accept", "handover_unknown": "unknown_parcel",
    "handover_voided": "voided_label", "handover_scanned_twice": "scanned_twice",
    "handover_other_warehouse": "other_warehouse", "handover_already_shipped": "already_shipped",
    "handover_on_other_manifest": "already_shipped", "handover_other_carrier": "other_carrier",
    "handover_order_stopped": "order_stopped", "handover_not_labelled": "unknown_parcel",
    "handover_manifest_closed": "error",
}


@given(head_st, facts_st, st.integers(0, 50))
def test_a_parcel_goes_on_only_when_every_condition_holds(head, facts, scanned):
    verdict = judge_scan(head, facts, WAREHOUSE, scanned)
    should = (
        head.is_open and facts.parcel_id is not None and facts.manifest_id is None
        and facts.manifest_status is None and facts.status == "labelled"
        and facts.carrier == head.carrier and facts.warehouse in (WAREHOUSE, None)
        and facts.order_status not in ("cancelled", "intercepted")
    )
    assert (verdict.code == "handover_accepted") == should
    assert str(verdict.sound) == SOUNDS[verdict.code]
    assert verdict.ok == should and verdict.message
    if should:
        assert verdict.params["scanned"] == scanned + 1
    elif facts.manifest_id == head.manifest_id and head.is_open and facts.parcel_id:
        assert verdict.code == "handover_scanned_twice"  # harmless: amber, not red
        assert verdict.severity == "needs_action"
    else:
        assert verdict.severity == "stop"
