"""Shipments (``POST /v1/shipments``), close-outs, tracking and order history."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from contract.base import Contract
from contract.reference import MAX_PARCEL_G, OrderStatus


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
    label_format: Literal["zpl", "pdf", "platform", "station"]
    # ZPL text, base64 of the PDF, or (platform: Cainiao and the e-commerce platforms shaped
    # like it) JSON {platform, documentID, templateURL, data} for the bench's print component.
    # "station" (empty data): a number from central's own ranges, no carrier label; the station
    # draws its own template at its printer's size and dpi (the e-waybill for Chinese carriers,
    # Chinese text as bitmaps or the printer's resident CJK font).
    label_data: str = Field(default="", max_length=8_000_000)


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
