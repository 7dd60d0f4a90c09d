"""Facts a pack session records. The store keeps them in order; replaying them through
``PackSession.apply`` rebuilds the session exactly (that is how a restart resumes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    OPENED = "opened"
    ITEM_PACKED = "item_packed"
    ITEM_PENDING = "item_pending"  # waits for a lot and/or serial
    LOT_CAPTURED = "lot_captured"  # lot known, serial still to come
    PENDING_CANCELLED = "pending_cancelled"
    WRONG_ITEM = "wrong_item"
    ACKNOWLEDGED = "acknowledged"
    PARCEL_CLOSING = "parcel_closing"  # items done for this parcel, box next
    BOXING_CANCELLED = "boxing_cancelled"
    BOX_CHOSEN = "box_chosen"
    WEIGHED = "weighed"
    WEIGHT_OVERRIDDEN = "weight_overridden"
    PARCEL_CLOSED = "parcel_closed"  # ready to label
    SHORT_PICK_RAISED = "short_pick_raised"
    SHORT_PICK_WITHDRAWN = "short_pick_withdrawn"  # items found before the lead decided
    SHORT_PICK_DECIDED = "short_pick_decided"
    ORDER_STOPPED = "order_stopped"
    PUT_ASIDE = "put_aside"  # a lead took the order off the bench (held), with a reason
    # Packed, but its carrier's labels come only through central, which cannot be reached:
    # the order leaves the bench with its parcels on the waiting shelf (PRINT-WAITING).
    LABEL_WAITING = "label_waiting"
    LABEL_RESUMED = "label_resumed"  # back on the bench to print its waiting labels
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """One fact, flat so it maps onto one row of the ``scans`` table."""

    type: EventType
    raw: str | None = None  # the scanned text that caused it, if any
    sku: str | None = None
    units: int = 0
    lot: str | None = None
    serial: str | None = None
    expiry: str | None = None  # ISO date from a GS1 scan
    box_code: str | None = None
    grams: int | None = None
    expected_g: int | None = None
    within: bool | None = None
    then_new: bool | None = None  # PARCEL_CLOSING: open another parcel afterwards
    by: str | None = None  # badge of the operator who did it (lead for overrides)
    reason: str | None = None
    decision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None and k != "type"}

    @classmethod
    def from_dict(cls, type_: str, data: dict[str, Any]) -> SessionEvent:
        names = {f.name for f in fields(cls)}
        return cls(EventType(type_), **{k: v for k, v in data.items() if k in names})
