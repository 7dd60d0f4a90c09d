"""Reference data central sends to stations: products, packaging, carriers, operators,
orders, number-pool segments and locations (``GET /v1/changes``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field

from contract.base import BarcodeKind, Contract, Role


class Barcode(Contract):
    """A code printed on a product or its pack. ``inner``/``case`` count ``units`` each."""

    code: str = Field(min_length=1, max_length=128)
    kind: BarcodeKind = "unit"
    units: int = Field(default=1, ge=1, le=100_000)


class Product(Contract):
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=200)
    name_zh: str | None = Field(default=None, max_length=200)
    barcodes: list[Barcode] = []
    unit_weight_g: int = Field(ge=0, le=1_000_000)
    length_mm: int = Field(ge=0, le=10_000)
    width_mm: int = Field(ge=0, le=10_000)
    height_mm: int = Field(ge=0, le=10_000)
    requires_lot: bool = False
    requires_serial: bool = False
    bulk: bool = False  # manual quantity entry allowed (for roles that may)
    weight_tolerance_g: int | None = Field(default=None, ge=0)
    weight_tolerance_pct: Decimal | None = Field(default=None, ge=0, le=100)
    active: bool = True


class Packaging(Contract):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=200)
    barcode: str = Field(min_length=1, max_length=128)
    inner_length_mm: int = Field(gt=0, le=10_000)
    inner_width_mm: int = Field(gt=0, le=10_000)
    inner_height_mm: int = Field(gt=0, le=10_000)
    tare_g: int = Field(ge=0)
    max_load_g: int = Field(gt=0)
    filler_g: int = Field(default=0, ge=0)  # expected filler/void-fill allowance
    active: bool = True


TrackingFormat = Literal["s10", "ups", "usps", "fedex", "none"]


class CarrierService(Contract):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(max_length=100)


class Carrier(Contract):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(max_length=100)
    name_zh: str | None = None
    tracking_format: TrackingFormat = "none"
    services: list[CarrierService] = []
    mask_recipient: bool = False  # mask name/phone on the label (e.g. Chinese e-waybills)
    staging_lane: str | None = None
    # Volumetric (DIM) divisor in cm³ per kg, e.g. 6000 for Chinese express, 5000 for EMS;
    # None: the carrier bills by actual weight only.
    dim_divisor: int | None = Field(default=None, ge=1000, le=20_000)
    # "pool": offline, labels come from the station's segment of numbers. "online_only": the
    # carrier's API sells every number (SF, Cainiao): offline the parcel waits for its label.
    offline_policy: Literal["pool", "online_only"] = "pool"


class Operator(Contract):
    badge: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=100)
    role: Role
    pin_hash: str | None = None  # argon2id hash; the PIN itself never travels
    active: bool = True


class Address(Contract):
    name: str = Field(max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    line1: str = Field(max_length=300)
    line2: str | None = Field(default=None, max_length=300)
    city: str = Field(max_length=100)
    region: str | None = Field(default=None, max_length=100)
    postcode: str | None = Field(default=None, max_length=20)
    country: str = Field(min_length=2, max_length=2)


class OrderStatus(StrEnum):
    RELEASED = "released"
    CANCELLED = "cancelled"
    INTERCEPTED = "intercepted"
    PACKED = "packed"
    SHIPPED = "shipped"


class OrderLine(Contract):
    line_no: int = Field(ge=1)
    sku: str
    quantity: int = Field(ge=1, le=100_000)


class Order(Contract):
    order_id: str = Field(min_length=1, max_length=64)
    warehouse: str
    status: OrderStatus = OrderStatus.RELEASED
    carrier: str
    service: str
    recipient: Address
    sender: Address | None = None
    tote: str | None = None
    pick_list: str | None = None
    cutoff: datetime | None = None
    lines: list[OrderLine] = Field(min_length=1)
    weight_tolerance_g: int | None = Field(default=None, ge=0)
    weight_tolerance_pct: Decimal | None = Field(default=None, ge=0, le=100)


class PoolSegment(Contract):
    """Tracking numbers ``start``..``end`` (inclusive) of a carrier, allocated to one station.

    The printed number is ``prefix + str(n).zfill(width) [+ check digit] + suffix``; whether a
    check digit is appended follows the carrier's ``tracking_format``.
    """

    segment_id: str
    carrier: str
    station: str
    prefix: str = ""
    suffix: str = ""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    width: int = Field(ge=1, le=30)


class Location(Contract):
    """A storage location of the warehouse: a bin stock is put away to, a quarantine area
    (returned or failed goods that may not be sold) or a QC hold (received goods waiting for
    a quality check). Only bins count as available stock."""

    code: str = Field(min_length=1, max_length=32)
    kind: Literal["bin", "quarantine", "qc_hold"] = "bin"
    name: str | None = Field(default=None, max_length=100)
    active: bool = True
MAX_PARCEL_G = 1_000_000  # one tonne: no parcel at a packing bench weighs more


class ChangeSet(Contract):
    """Answer to ``GET /v1/changes?since=<cursor>``: everything changed after the cursor."""

    cursor: str
    more: bool = False
    orders: list[Order] = []
    products: list[Product] = []
    packaging: list[Packaging] = []
    carriers: list[Carrier] = []
    operators: list[Operator] = []
    pool_segments: list[PoolSegment] = []
    locations: list[Location] = []
