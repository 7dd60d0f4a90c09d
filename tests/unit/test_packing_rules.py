"""Box suggestion, expected weight and the tolerance decision (integers and Decimal only)."""

from __future__ import annotations

from decimal import Decimal

from core_builders import BOXES, box, order, sku
from hypothesis import given, settings
from hypothesis import strategies as st

from station.domain import Dimensions, Tolerance, check_weight, expected_weight_g, suggest_box
from station.domain.packing import box_fits, effective_tolerance


def test_item_fits_only_when_some_orientation_fits():
    assert Dimensions(300, 20, 270).fits_in(Dimensions(260, 350, 200)) is False
    assert Dimensions(300, 20, 250).fits_in(Dimensions(260, 350, 200))
    assert Dimensions(20, 250, 300).fits_in(Dimensions(350, 260, 200))
    assert not Dimensions(400, 10, 10).fits_in(Dimensions(350, 350, 350))


def test_smallest_box_that_fits_every_item_and_the_volume():
    skus = {"A": sku("A", 300, (120, 90, 100)), "B": sku("B", 180, (300, 250, 20))}
    assert suggest_box({"A": 1}, skus, BOXES).code == "S"
    assert suggest_box({"A": 1, "B": 1}, skus, BOXES).code == "M"  # B is too long for S
    assert suggest_box({"A": 40}, skus, BOXES).code == "L"  # volume, not only one item


def test_weight_limit_rules_out_a_box_and_nothing_fits_gives_none():
    skus = {"H": sku("H", 2900, (50, 50, 50)), "X": sku("X", 10, (900, 10, 10))}
    # 2900 g + 10 g filler > 3000 g? no: 2910 fits; two of them need M.
    assert suggest_box({"H": 1}, skus, BOXES).code == "S"
    assert suggest_box({"H": 2}, skus, BOXES).code == "M"
    assert suggest_box({"X": 1}, skus, BOXES) is None


def test_inactive_box_is_never_suggested():
    from dataclasses import replace

    skus = {"A": sku("A", 300, (120, 90, 100))}
    boxes = [replace(BOXES[0], active=False), *BOXES[1:]]
    assert suggest_box({"A": 1}, skus, boxes).code == "M"


def test_expected_weight_is_items_plus_tare_plus_filler():
    skus = {"A": sku("A", 350), "B": sku("B", 180)}
    assert expected_weight_g({"A": 2, "B": 1}, skus, box("M", (1, 1, 1), 180, filler=20)) == 1080


def test_tolerance_bounds_are_exact_at_the_edge():
    tol = Tolerance(grams=20, percent=Decimal("2.5"))
    # 2.5 % of 2000 g = 50 g: 2050 passes, 2051 does not; the 20 g floor is the smaller here.
    assert check_weight(2000, 2050, tol).within
    assert not check_weight(2000, 2051, tol).within
    assert check_weight(2000, 1950, tol).within
    # Light parcel: 2.5 % of 100 g = 2.5 g, the 20 g floor rules.
    assert check_weight(100, 120, tol).within and not check_weight(100, 121, tol).within
    assert check_weight(2000, 2051, tol).allowed_g == 50


def test_percent_is_decimal_exact_not_float():
    # 0.1 % of 3000 g is exactly 3 g; float maths would make 3.0000000000000004.
    tol = Tolerance(grams=0, percent=Decimal("0.1"))
    assert check_weight(3000, 3003, tol).within
    assert not check_weight(3000, 3004, tol).within


def test_tolerance_precedence_order_then_strictest_sku_then_default():
    skus = {"A": sku("A", tol_g=5), "B": sku("B", tol_g=15, tol_pct="3"), "C": sku("C")}
    assert effective_tolerance(order({"A": 1}, tol_g=50), ["A"], skus).grams == 50
    got = effective_tolerance(order({"A": 1, "B": 1}), ["A", "B"], skus)
    assert (got.grams, got.percent) == (5, Decimal("3"))
    default = Tolerance(7, Decimal("1"))
    assert effective_tolerance(order({"C": 1}), ["C"], skus, default) == default


@settings(max_examples=200, deadline=None)
@given(
    expected=st.integers(1, 200_000),
    delta=st.integers(-5_000, 5_000),
    grams=st.integers(0, 500),
    percent=st.decimals(0, 20, places=2),
)
def test_tolerance_is_symmetric_and_matches_the_allowed_bound(expected, delta, grams, percent):
    tol = Tolerance(grams, percent)
    above = check_weight(expected, expected + abs(delta), tol)
    below = check_weight(expected, max(1, expected - abs(delta)), tol)
    if expected - abs(delta) >= 1:
        assert above.within == below.within
    # Exact rule: within <=> |d| <= grams or |d| * 100 <= expected * percent
    d = abs(delta)
    assert above.within == (d <= grams or Decimal(d) * 100 <= expected * percent)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 700), st.integers(1, 700), st.integers(1, 700),
                          st.integers(1, 3)), min_size=1, max_size=4))
def test_a_suggested_box_really_holds_the_items(items):
    skus = {f"S{i}": sku(f"S{i}", 50, (a, b, c)) for i, (a, b, c, _) in enumerate(items)}
    qty = {f"S{i}": n for i, (*_, n) in enumerate(items)}
    chosen = suggest_box(qty, skus, BOXES)
    if chosen is None:
        assert not any(box_fits(b, qty, skus) for b in BOXES)
    else:
        assert box_fits(chosen, qty, skus)
        smaller = [b for b in BOXES if b.inner.volume_mm3 < chosen.inner.volume_mm3]
        assert not any(box_fits(b, qty, skus) for b in smaller)
