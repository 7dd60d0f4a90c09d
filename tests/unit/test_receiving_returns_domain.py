"""Receipt and return rules, and their replay (what a restart rebuilds)."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import given

from station.domain.receiving import DiscrepancyKind, Receipt
from station.domain.returns import Return


def _receipt() -> Receipt:
    return Receipt("r1" * 8, "ASN-1", {"MUG": 3, "TEA": 2})


def _apply(receipt: Receipt, outcome) -> None:
    for fact in outcome.facts:
        receipt.apply(fact)


def test_counting_past_the_notice_is_over_delivery_not_received():
    r = _receipt()
    _apply(r, r.count("MUG", 2))
    out = r.count("MUG", 12)  # a case of 12 when one unit is left
    assert out.verdict.code == "over_notice" and out.verdict.sound == "wrong_item"
    _apply(r, out)
    assert r.counted["MUG"] == 3 and r.over["MUG"] == 11
    kinds = {(d.kind, d.item, d.quantity) for d in r.discrepancies()}
    assert kinds == {(DiscrepancyKind.UNDER, "TEA", 2), (DiscrepancyKind.OVER, "MUG", 11)}


def test_unknown_items_and_skus_not_on_the_notice_are_discrepancies():
    r = _receipt()
    out = r.count("LAMP", 1)
    assert out.verdict.code == "not_on_notice"
    _apply(r, out)
    _apply(r, r.unknown_item("XYZ-1"))
    kinds = {(d.kind, d.item) for d in r.discrepancies()}
    assert (DiscrepancyKind.OVER, "LAMP") in kinds and (DiscrepancyKind.UNKNOWN, "XYZ-1") in kinds
    assert "LAMP" not in r.counted


def test_put_away_needs_a_known_bin_and_a_counted_item():
    r = _receipt()
    assert r.put_away("A-1", "bin").verdict.code == "count_first"
    _apply(r, r.count("MUG", 1))
    assert r.put_away("Z-9", None).verdict.code == "unknown_location"
    assert r.put_away("Q", "quarantine").verdict.code == "not_a_bin"
    _apply(r, r.put_away("A-1", "bin"))
    again = r.put_away("A-1", "bin")
    assert again.verdict.code == "already_put_away" and not again.facts
    assert r.finish().verdict.code == "finished_with_discrepancies"


def test_finish_asks_for_missing_locations_and_is_idempotent():
    r = _receipt()
    _apply(r, r.count("MUG", 3))
    assert r.finish().verdict.code == "location_missing"
    _apply(r, r.put_away("A-1", "bin"))
    _apply(r, r.count("TEA", 2))
    _apply(r, r.put_away("A-2", "bin"))
    done = r.finish()
    assert done.verdict.code == "finished"
    _apply(r, done)
    assert r.finish().facts == () and r.count("MUG", 1).verdict.code == "receipt_closed"


@given(st.lists(st.tuples(st.sampled_from(["MUG", "TEA", "LAMP", "?"]),
                          st.integers(min_value=1, max_value=14)), max_size=30))
def test_replaying_recorded_facts_rebuilds_the_same_receipt(scans):
    live, facts = _receipt(), []
    for sku, units in scans:
        out = live.unknown_item(sku) if sku == "?" else live.count(sku, units)
        facts += out.facts
        _apply(live, out)
        assert live.counted.get(sku, 0) <= live.expected.get(sku, 0)  # never above the notice
    replayed = _receipt()
    for fact in facts:
        replayed.apply(fact)
    assert (replayed.counted, replayed.over, replayed.unknown) == (
        live.counted, live.over, live.unknown)
    total = sum(units for sku, units in scans if sku != "?")
    assert sum(live.counted.values()) + sum(live.over.values()) == total


def _return() -> Return:
    return Return("x" * 16, "SO-1", {"MUG": 2, "TEA": 1})


def test_return_needs_reason_and_condition_and_never_exceeds_shipped():
    r = _return()
    assert r.item("MUG", 1).verdict.code == "reason_first"
    for out in (r.choose_reason("damaged"), r.choose_condition("damaged")):
        _apply(r, out)
    _apply(r, r.item("MUG", 2))
    assert r.item("MUG", 1).verdict.code == "more_than_shipped"
    assert r.item("LAMP", 1).verdict.code == "not_in_order"
    assert r.place("A-1", "bin").verdict.code == "wrong_location_kind"
    _apply(r, r.place("QUARANTINE", "quarantine"))
    assert r.lines[0].location == "QUARANTINE" and r.lines[0].disposition == "quarantine"
    assert r.finish().verdict.code == "decide_first"
    _apply(r, r.decide("refund", "L1"))
    assert r.finish().verdict.code == "return_finished"


_RETURN_STEPS = st.lists(st.one_of(
    st.tuples(st.just("reason"), st.sampled_from(["unwanted", "damaged", "bogus"])),
    st.tuples(st.just("condition"), st.sampled_from(["resellable", "damaged"])),
    st.tuples(st.just("item"), st.sampled_from(["MUG", "TEA", "LAMP"])),
    st.tuples(st.just("place"), st.sampled_from([("A-1", "bin"), ("Q", "quarantine"),
                                                  ("Z", None)])),
), max_size=40)


@given(_RETURN_STEPS)
def test_a_return_replays_exactly_and_never_takes_back_more_than_shipped(steps):
    live, facts = _return(), []
    for kind, arg in steps:
        if kind == "reason":
            out = live.choose_reason(arg)
        elif kind == "condition":
            out = live.choose_condition(arg)
        elif kind == "item":
            out = live.item(arg, 1)
        else:
            out = live.place(*arg)
        facts += out.facts
        _apply(live, out)
        for sku, n in live.returnable.items():
            assert live.returned(sku) <= n
        for line in live.lines:  # a placed line sits where its condition belongs
            if line.location is not None:
                assert (line.location == "Q") == (line.condition == "damaged")
    replayed = _return()
    for fact in facts:
        replayed.apply(fact)
    assert replayed.lines == live.lines and replayed.reason == live.reason


def test_two_bins_for_one_sku_keep_each_quantity_where_it_was_put():
    """14 mugs to A-01-01, then LOC:A-01-02 and 10 more: before, all 24 were booked to the
    last bin (central stock A-01-02 = 24, A-01-01 = 0)."""
    r = Receipt("r2" * 8, "ASN-2", {"MUG": 30})
    for _ in range(14):
        _apply(r, r.count("MUG", 1))
    _apply(r, r.put_away("A-01-01", "bin"))
    _apply(r, r.put_away("A-01-02", "bin"))
    for _ in range(10):
        _apply(r, r.count("MUG", 1))
    assert r.put_away_lines() == [("MUG", "A-01-01", 14), ("MUG", "A-01-02", 10)]


@given(st.lists(st.one_of(
    st.tuples(st.just("count"), st.sampled_from(["MUG", "TEA"]), st.integers(1, 4)),
    st.tuples(st.just("bin"), st.sampled_from(["A-1", "A-2", "B-1"]), st.just(0))),
    max_size=40))
def test_put_away_is_exact_per_bin_and_survives_a_replay(steps):
    live, facts = Receipt("r3" * 8, "ASN-3", {"MUG": 20, "TEA": 20}), []
    expected: dict[tuple[str, str], int] = {}
    waiting: dict[str, int] = {}
    bin_of: dict[str, str] = {}
    for kind, what, units in steps:
        out = live.count(what, units) if kind == "count" else live.put_away(what, "bin")
        facts += out.facts
        _apply(live, out)
        for fact in out.facts:  # the model: units go to the bin of the moment
            if fact.type.name == "COUNTED":
                if fact.sku in bin_of:
                    key = (fact.sku, bin_of[fact.sku])
                    expected[key] = expected.get(key, 0) + fact.units
                else:
                    waiting[fact.sku] = waiting.get(fact.sku, 0) + fact.units
            elif fact.type.name == "PUT_AWAY":
                bin_of[fact.sku] = fact.location
                if waiting.get(fact.sku):
                    key = (fact.sku, fact.location)
                    expected[key] = expected.get(key, 0) + waiting.pop(fact.sku)
    got = {(s, loc): n for s, loc, n in live.put_away_lines() if loc is not None}
    assert got == {k: v for k, v in expected.items() if v}
    assert sum(n for _s, _l, n in live.put_away_lines()) == sum(live.counted.values())
    replayed = Receipt("r3" * 8, "ASN-3", {"MUG": 20, "TEA": 20})
    for fact in facts:
        replayed.apply(fact)
    assert replayed.put_away_lines() == live.put_away_lines()
