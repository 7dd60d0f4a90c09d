"""Dimensional (DIM, volumetric) weight and the weight a carrier bills. Pure, integers only.

Carriers bill ``max(actual weight, DIM weight)`` where DIM weight in kg = L×W×H (cm) divided by
the carrier's divisor (cm³ per kg: 6000 is usual for Chinese express, 5000 for EMS and most
international express). In grams and millimetres that is exactly ``ceil(L×W×H mm³ / divisor)``
(mm³ / 1000 = cm³, kg × 1000 = g), so no float and no rounding drift.

Dimensions come from a dimensioner when one measured the parcel, else from the chosen box.
Carriers' own rounding steps (to the next 0.5 kg, 1 kg...) are theirs to apply on the bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from station.domain.model import Dimensions, Packaging


class DimsSource(StrEnum):
    MEASURED = "measured"  # a dimensioner measured this parcel
    BOX = "box"  # the chosen packaging's catalogue size
    NONE = "none"  # nothing known: billed by actual weight


@dataclass(frozen=True, slots=True)
class BilledWeight:
    """What the label step sends with the shipment: actual, DIM and billed weight in grams."""

    actual_g: int
    billed_g: int
    dim_weight_g: int | None  # None: no divisor or no dimensions
    dims: Dimensions | None
    dims_source: DimsSource
    divisor: int | None

    @property
    def by_volume(self) -> bool:
        """True when the carrier bills this parcel by its volume, not its weight."""
        return self.dim_weight_g is not None and self.dim_weight_g > self.actual_g


def dim_weight_g(dims: Dimensions, divisor: int) -> int:
    """DIM weight in grams: ``ceil(L×W×H cm³ / divisor × 1000)`` = ``ceil(mm³ / divisor)``."""
    if divisor <= 0:
        raise ValueError("divisor must be positive")
    if not dims.known:
        raise ValueError("dimensions must all be known (non-zero)")
    return -(-dims.volume_mm3 // divisor)  # ceiling division on integers


def billed_weight(
    actual_g: int,
    divisor: int | None,
    *,
    measured: Dimensions | None = None,
    box: Packaging | Dimensions | None = None,
) -> BilledWeight:
    """Billed weight of a parcel: ``max(actual, DIM)``.

    ``measured`` (a dimensioner's reading) wins over ``box`` (the chosen packaging, or its
    size as the label step has it, e.g. ``ReadyParcel.length_mm``...); the catalogue keeps the
    boxes' inner size, which is what the fallback uses (a box's walls add a few mm the carrier
    may measure). Without a divisor or any known size the parcel is billed by actual weight.
    """
    box_size = box.inner if isinstance(box, Packaging) else box
    if actual_g < 0:
        raise ValueError("actual weight must not be negative")
    dims: Dimensions | None = None
    source = DimsSource.NONE
    if measured is not None and measured.known:
        dims, source = measured, DimsSource.MEASURED
    elif box_size is not None and box_size.known:
        dims, source = box_size, DimsSource.BOX
    if dims is None or divisor is None:
        return BilledWeight(actual_g, actual_g, None, dims, source, divisor)
    dim_g = dim_weight_g(dims, divisor)
    return BilledWeight(actual_g, max(actual_g, dim_g), dim_g, dims, source, divisor)
