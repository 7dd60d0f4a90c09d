"""Values the packing service takes and gives: the site's pack policy and the parcels it
hands to the label step."""

from __future__ import annotations

from dataclasses import dataclass, field

from station.domain.model import Role, Tolerance
from station.domain.packing import DEFAULT_TOLERANCE
from station.scan import ScanConfig
from station.services.pins import PinLockPolicy


@dataclass(frozen=True)
class PackPolicy:
    """Site rules the lead engineer's config feeds in."""

    default_tolerance: Tolerance = DEFAULT_TOLERANCE
    manual_quantity_roles: frozenset[Role] = frozenset({Role.LEAD, Role.ADMIN})
    scan: ScanConfig = field(default_factory=ScanConfig)
    pin_lock: PinLockPolicy = field(default_factory=PinLockPolicy)
    min_pin_length: int = 4  # the site's ``min_pin_length`` setting


@dataclass(frozen=True)
class ReadyParcel:
    """A closed parcel waiting for its label: the seam to the label step."""

    order_id: str
    parcel_no: int
    parcel_count: int | None  # known once every parcel of the order is closed
    box_code: str | None
    expected_g: int | None
    actual_g: int | None
    carrier: str
    service: str
    length_mm: int | None = None  # the box's inner size, for the carrier's shipment request
    width_mm: int | None = None
    height_mm: int | None = None
