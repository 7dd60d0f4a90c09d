"""What stations send: the event kinds and their payloads (``POST /v1/events``)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from contract.base import Contract
from contract.reference import MAX_PARCEL_G


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
    QC_MOVED = "qc_moved"


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
