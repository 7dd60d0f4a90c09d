"""The wire contract between a station and the central API (``/v1``).

One set of pydantic models serves both sides: the station's sync client validates what it
pulls and pushes with them, and the reference server in ``central/`` declares its endpoints
with them, so ``resources/api/openapi.yaml`` (exported from the server) describes exactly these.

Units: weights in grams, dimensions in millimetres, all integers. Times are timezone-aware UTC.
Unknown fields are rejected (``extra="forbid"``) so a typo in a client is a 422, not silence.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Contract(BaseModel):
    # defer_build: each model's validator is built when first used, not at import; the
    # ~40 models cost ~100 ms of the station's cold start otherwise (bench/bench_startup.py)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def build_validators() -> None:
    """Build every contract model's validator now and stop deferring. The central server calls
    it at import, before FastAPI wraps the models in its own (deferring) type adapters."""
    todo: list[type[Contract]] = [Contract]
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        model.model_config["defer_build"] = False
        if model is not Contract:
            model.model_rebuild(force=True)


Role = Literal["packer", "lead", "admin"]
BarcodeKind = Literal["unit", "inner", "case"]


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
    """A storage location of the warehouse: a bin stock is put away to, or a quarantine area
    (returned goods that may not be sold; never counted as available stock)."""

    code: str = Field(min_length=1, max_length=32)
    kind: Literal["bin", "quarantine"] = "bin"
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


class EventKind(StrEnum):
    PACK_STARTED = "pack_started"
    PACK_COMPLETED = "pack_completed"
    PARCEL_CREATED = "parcel_created"
    LABEL_PRINTED = "label_printed"
    LABEL_VOIDED = "label_voided"
    WEIGHT_OVERRIDE = "weight_override"
    SHORT_PICK = "short_pick"
    HANDOVER_SCANNED = "handover_scanned"
    MANIFEST_CLOSED = "manifest_closed"
    RECEIPT = "receipt"
    RETURN = "return"
    SHIPMENT_ABANDONED = "shipment_abandoned"


# Payloads of the event kinds the server acts on (others are stored as history only).
class ParcelItem(Contract):
    sku: str
    quantity: int = Field(ge=1)
    lots: list[str] = []
    serials: list[str] = []


class PackStarted(Contract):
    order_id: str
    operator: str


class ParcelCreated(Contract):
    order_id: str
    parcel_no: int = Field(ge=1)
    box_code: str | None = None
    items: list[ParcelItem]


class LabelPrinted(Contract):
    order_id: str
    parcel_no: int = Field(ge=1)
    tracking_number: str
    carrier: str
    service: str
    weight_g: int = Field(ge=0, le=MAX_PARCEL_G)
    source: Literal["central", "pool"]
    # DIM weight (optional, newer stations): measured or box size, DIM and billed weight.
    length_mm: int | None = Field(default=None, ge=1, le=10_000)
    width_mm: int | None = Field(default=None, ge=1, le=10_000)
    height_mm: int | None = Field(default=None, ge=1, le=10_000)
    dim_weight_g: int | None = Field(default=None, ge=0)
    billed_weight_g: int | None = Field(default=None, ge=0)


class LabelVoided(Contract):
    order_id: str
    parcel_no: int = Field(ge=1)
    tracking_number: str
    reason: str


class ShipmentAbandoned(Contract):
    """A ``POST /v1/shipments`` attempt whose answer never reached the station (timeout,
    dropped connection): the station labelled the parcel another way, so central voids any
    number it issued under ``attempt_key`` and never issues one for it later."""

    order_id: str
    parcel_no: int = Field(ge=1)
    attempt_key: str = Field(min_length=8, max_length=64)
    reason: str = Field(default="no answer", max_length=200)


class WeightOverride(Contract):
    order_id: str
    parcel_no: int = Field(ge=1)
    expected_g: int
    actual_g: int
    reason: str = Field(min_length=1)
    lead: str


class ShortPick(Contract):
    order_id: str
    decision: Literal["ship_partial", "hold", "return_to_pick"]
    lead: str
    missing: list[ParcelItem]


class PackedParcel(Contract):
    parcel_no: int
    tracking_number: str | None
    weight_g: int | None


class PackCompleted(Contract):
    order_id: str
    operator: str
    partial: bool = False
    parcels: list[PackedParcel]


class HandoverScanned(Contract):
    manifest_id: str
    carrier: str
    tracking_number: str


class ManifestClosed(Contract):
    manifest_id: str
    carrier: str
    closed_by: str
    tracking_numbers: list[str]


PAYLOADS: dict[EventKind, type[Contract]] = {
    EventKind.PACK_STARTED: PackStarted,
    EventKind.PACK_COMPLETED: PackCompleted,
    EventKind.PARCEL_CREATED: ParcelCreated,
    EventKind.LABEL_PRINTED: LabelPrinted,
    EventKind.LABEL_VOIDED: LabelVoided,
    EventKind.SHIPMENT_ABANDONED: ShipmentAbandoned,
    EventKind.WEIGHT_OVERRIDE: WeightOverride,
    EventKind.SHORT_PICK: ShortPick,
    EventKind.HANDOVER_SCANNED: HandoverScanned,
    EventKind.MANIFEST_CLOSED: ManifestClosed,
}


class Event(Contract):
    """One bench event. ``idempotency_key`` is made by the station; a replay changes nothing."""

    idempotency_key: str = Field(min_length=8, max_length=80)
    kind: EventKind
    station: str
    occurred_at: datetime
    order_id: str | None = None
    payload: dict[str, Any]


class AuditHead(Contract):
    """The last row of a station's audit hash chain. Central keeps the newest one it was sent,
    so a trail rewritten, cut short or emptied on the station no longer matches it."""

    row_id: int = Field(ge=0, le=10**15)
    row_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    received_at: str | None = None  # set by central


class EventBatch(Contract):
    events: list[Event] = Field(min_length=1, max_length=500)


class EventResult(Contract):
    idempotency_key: str
    status: Literal["accepted", "duplicate", "rejected"]
    error: str | None = None


class EventBatchResult(Contract):
    results: list[EventResult]


class ShipmentRequest(Contract):
    order_id: str
    parcel_no: int = Field(ge=1)
    parcel_count: int = Field(ge=1)
    carrier: str
    service: str
    weight_g: int = Field(ge=0, le=MAX_PARCEL_G)
    length_mm: int | None = Field(default=None, ge=1, le=10_000)
    width_mm: int | None = Field(default=None, ge=1, le=10_000)
    height_mm: int | None = Field(default=None, ge=1, le=10_000)
    # Only what the central server makes: a carrier integration that serves PDF adds it here.
    label_format: Literal["zpl"] = "zpl"
    # One key per label attempt of a parcel: a retry with the same key gets the same number,
    # a new key (after a void) a new one; a key reported abandoned never gets a number.
    attempt_key: str | None = Field(default=None, min_length=8, max_length=64)
    dim_weight_g: int | None = Field(default=None, ge=0, le=MAX_PARCEL_G * 10)  # volumetric
    billed_weight_g: int | None = Field(default=None, ge=0, le=MAX_PARCEL_G * 10)  # max(act, DIM)
    # The printer the label is for: a carrier's label is asked for at this size and dpi and
    # refused rather than printed small; CJK text as bitmap unless the printer has a font.
    label_width_mm: int | None = Field(default=None, ge=20, le=300)
    label_height_mm: int | None = Field(default=None, ge=20, le=600)
    printer_dpi: int | None = Field(default=None, ge=100, le=1200)
    resident_cjk: bool | None = None


class Shipment(Contract):
    tracking_number: str
    carrier: str
    service: str
    label_format: Literal["zpl", "pdf", "platform"]
    # ZPL text, base64 of the PDF, or (platform: Cainiao and the e-commerce platforms shaped
    # like it) JSON {platform, documentID, templateURL, data} for the bench's print component
    label_data: str


class ManifestCloseout(Contract):
    """The carrier's close-out of a closed manifest (EasyPost ScanForm): ``wanted`` or
    ``closing`` while central asks the carrier, then ``done`` with the form, or ``refused``."""

    manifest_id: str
    carrier: str
    state: Literal["wanted", "closing", "done", "refused"]
    form_id: str | None = None
    form_url: str | None = None
    error: str | None = None


class TrackingEvent(Contract):
    at: datetime
    status: str
    location: str | None = None
    note: str | None = None


class Tracking(Contract):
    tracking_number: str
    carrier: str
    order_id: str
    status: str
    events: list[TrackingEvent]


class ApiError(Contract):
    """Every 4xx body: a stable machine code and a human message."""

    code: str
    message: str


class OrderHistoryEntry(Contract):
    """One thing that happened to an order: a bench event or a central decision."""

    at: datetime
    kind: str
    station: str | None = None
    detail: dict[str, Any] = {}


class OrderHistory(Contract):
    """Answer to ``GET /v1/orders/{id}/history``: events in arrival order, plus tracking."""

    order_id: str
    status: OrderStatus
    events: list[OrderHistoryEntry]
    tracking: list[Tracking] = []


class InboundLine(Contract):
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=1_000_000)


class InboundNotice(Contract):
    """Goods announced to a warehouse (``GET /v1/inbound-notices/{id}``): what to receive."""

    notice_id: str = Field(min_length=1, max_length=64)
    warehouse: str = Field(min_length=1, max_length=32)
    supplier: str | None = Field(default=None, max_length=200)
    expected_at: datetime | None = None
    lines: list[InboundLine] = Field(min_length=1, max_length=5000)


# ---------------------------------------------------------------- receiving, returns, stock
class ReceivedLot(Contract):
    """Units of a lot-tracked SKU received from one lot (and its expiry date)."""

    lot: str = Field(min_length=1, max_length=64)
    expiry: date | None = None
    quantity: int = Field(ge=1, le=1_000_000)


class ReceivedLine(Contract):
    """One SKU of a receipt: announced, counted against the notice, set aside as over-delivery,
    and the location the counted units were put away to (with their lots, where tracked)."""

    sku: str = Field(min_length=1, max_length=64)
    expected: int = Field(ge=0, le=1_000_000)
    received: int = Field(ge=0, le=1_000_000)
    over: int = Field(default=0, ge=0, le=1_000_000)
    location: str | None = Field(default=None, max_length=32)
    lots: list[ReceivedLot] = Field(default_factory=list, max_length=1000)


class UnknownItem(Contract):
    """A code counted at receiving that names no product (a discrepancy for the WMS)."""

    code: str = Field(min_length=1, max_length=128)
    quantity: int = Field(ge=1, le=1_000_000)


class ReceiptPosted(Contract):
    """Payload of a ``receipt`` event: central adds ``received`` to stock at ``location``."""

    receipt_id: str = Field(min_length=8, max_length=64)
    notice_id: str = Field(min_length=1, max_length=64)
    operator: str
    lines: list[ReceivedLine] = Field(min_length=1, max_length=5000)
    unknown: list[UnknownItem] = []


ReturnReason = Literal["unwanted", "damaged", "wrong_item", "defective", "other"]


class ReturnedItem(Contract):
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=100_000)
    reason: ReturnReason
    condition: Literal["resellable", "damaged"]
    disposition: Literal["restock", "quarantine"]
    location: str = Field(min_length=1, max_length=32)
    # A like new, B opened or used, C damaged, missing parts (None: only the condition)
    grade: Literal["A", "B", "C", "missing_parts"] | None = None


class ReturnPosted(Contract):
    """Payload of a ``return`` event: restock or quarantine, and the seller's decision."""

    return_id: str = Field(min_length=8, max_length=64)
    order_id: str
    operator: str
    tracking_number: str | None = None
    rma: str | None = Field(default=None, max_length=64)
    items: list[ReturnedItem] = Field(min_length=1, max_length=1000)
    decision: Literal["refund", "exchange"]
    return_label: str | None = None


PAYLOADS[EventKind.RECEIPT] = ReceiptPosted
PAYLOADS[EventKind.RETURN] = ReturnPosted


class ReturnCheck(Contract):
    """Answer to ``GET /v1/returns/check/{code}``: the shipped order a return may be opened
    for (by tracking number, order number or RMA)."""

    order_id: str
    carrier: str
    tracking_numbers: list[str] = []
    rma: str | None = None
    lines: list[OrderLine]
    returned: list[ParcelItem] = []  # already returned earlier, per SKU


class StockLevel(Contract):
    sku: str
    location: str
    quantity: int


class ReplenishmentAlert(Contract):
    """Available units (bins only, never quarantine) below the WMS minimum."""

    sku: str
    available: int
    minimum: int
    shortfall: int = Field(ge=1)


class StockReport(Contract):
    """Answer to ``GET /v1/stock``: quantity by SKU and location, and replenishment alerts."""

    warehouse: str
    levels: list[StockLevel]
    alerts: list[ReplenishmentAlert]
