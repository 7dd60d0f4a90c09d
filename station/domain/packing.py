"""Box suggestion, expected parcel weight and the weight tolerance decision.

Integers for grams and millimetres, ``Decimal`` for percentages: no float ever decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from station.domain.model import Order, Packaging, Sku, Tolerance

# Used when neither the order nor any SKU in the parcel sets a tolerance.
DEFAULT_TOLERANCE = Tolerance(grams=20, percent=Decimal("5"))


def items_weight_g(items: Mapping[str, int], skus: Mapping[str, Sku]) -> int:
    """Total weight of ``items`` (units per SKU) in grams."""
    return sum(skus[sku].unit_weight_g * units for sku, units in items.items())


def expected_weight_g(items: Mapping[str, int], skus: Mapping[str, Sku], box: Packaging) -> int:
    """Expected parcel weight: items + box tare + the box's filler allowance."""
    return items_weight_g(items, skus) + box.tare_g + box.filler_g


def box_fits(box: Packaging, items: Mapping[str, int], skus: Mapping[str, Sku]) -> bool:
    """Every item fits in some orientation, total volume fits, content is within max load."""
    volume = 0
    for sku, units in items.items():
        dims = skus[sku].dimensions
        if not dims.known:
            continue  # no dimensions on file: only the weight limit can judge this item
        if not dims.fits_in(box.inner):
            return False
        volume += dims.volume_mm3 * units
    load = items_weight_g(items, skus) + box.filler_g
    return volume <= box.inner.volume_mm3 and load <= box.max_load_g


def suggest_box(
    items: Mapping[str, int], skus: Mapping[str, Sku], catalogue: Iterable[Packaging]
) -> Packaging | None:
    """The smallest active box (by inner volume, then tare, then code) that fits, or None."""
    fitting = [b for b in catalogue if b.active and box_fits(b, items, skus)]
    if not fitting:
        return None
    return min(fitting, key=lambda b: (b.inner.volume_mm3, b.tare_g, b.code))


def effective_tolerance(
    order: Order,
    items: Iterable[str],
    skus: Mapping[str, Sku],
    default: Tolerance = DEFAULT_TOLERANCE,
) -> Tolerance:
    """The tolerance for a parcel: the order's override, else the strictest of the SKUs in it
    (a per-SKU tolerance usually exists to catch a missing high-value item), else ``default``.
    Grams and percent are resolved independently."""
    grams = order.tolerance.grams
    percent = order.tolerance.percent
    sku_tols = [skus[s].tolerance for s in items]
    if grams is None:
        set_g = [t.grams for t in sku_tols if t.grams is not None]
        grams = min(set_g) if set_g else default.grams
    if percent is None:
        set_p = [t.percent for t in sku_tols if t.percent is not None]
        percent = min(set_p) if set_p else default.percent
    return Tolerance(grams=grams, percent=percent)


@dataclass(frozen=True, slots=True)
class WeightCheck:
    expected_g: int
    actual_g: int
    allowed_g: int  # the larger of the gram bound and the percent bound, rounded down
    within: bool

    @property
    def deviation_g(self) -> int:
        return self.actual_g - self.expected_g


def check_weight(expected_g: int, actual_g: int, tolerance: Tolerance) -> WeightCheck:
    """Compare a stable reading with the expected weight. Exact integer/Decimal arithmetic."""
    diff = abs(actual_g - expected_g)
    grams = tolerance.grams or 0
    percent = tolerance.percent if tolerance.percent is not None else Decimal(0)
    within = diff <= grams or Decimal(diff) * 100 <= Decimal(expected_g) * percent
    pct_bound = int((Decimal(expected_g) * percent / 100).to_integral_value(rounding="ROUND_FLOOR"))
    return WeightCheck(expected_g, actual_g, max(grams, pct_bound), within)
