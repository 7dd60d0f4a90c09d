"""Receiving, returns and stock: inbound notices, receipts, returns, stock reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from contract.base import Contract
from contract.events import PAYLOADS, EventKind, ParcelItem
from contract.reference import OrderLine


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


class QcMoved(Contract):
    """Payload of a ``qc_moved`` event: units a lead checked at a QC hold, moved to a bin
    (passed) or to quarantine (failed)."""

    move_id: str = Field(min_length=8, max_length=64)
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=100_000)
    from_location: str = Field(min_length=1, max_length=32)
    to_location: str = Field(min_length=1, max_length=32)
    passed: bool
    operator: str = Field(min_length=1, max_length=64)


PAYLOADS[EventKind.RECEIPT] = ReceiptPosted
PAYLOADS[EventKind.RETURN] = ReturnPosted
PAYLOADS[EventKind.QC_MOVED] = QcMoved


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
