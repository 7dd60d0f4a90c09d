"""Entities and rules of the bench, pure Python (no I/O, no Qt, no database)."""

from station.domain.events import EventType, SessionEvent
from station.domain.model import (
    Dimensions,
    Operator,
    Order,
    OrderLine,
    OrderStatus,
    Packaging,
    PackKind,
    Permission,
    Role,
    Sku,
    SkuBarcode,
    Tolerance,
)
from station.domain.packing import check_weight, expected_weight_g, suggest_box
from station.domain.session import LineProgress, Outcome, PackSession, PackState, Parcel
from station.domain.verdict import Severity, Sound, Verdict

__all__ = [
    "Dimensions",
    "EventType",
    "LineProgress",
    "Operator",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Outcome",
    "PackKind",
    "PackSession",
    "PackState",
    "Packaging",
    "Parcel",
    "Permission",
    "Role",
    "SessionEvent",
    "Severity",
    "Sku",
    "SkuBarcode",
    "Sound",
    "Tolerance",
    "Verdict",
    "check_weight",
    "expected_weight_g",
    "suggest_box",
]
