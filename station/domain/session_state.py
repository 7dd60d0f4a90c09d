"""The pack session's data: states, parcels, pending items, and the shared core of the
state machine (fields, read-only views for the UI). Pure Python, no I/O."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from station.domain.events import SessionEvent
from station.domain.model import Order, Packaging, Sku
from station.domain.packing import DEFAULT_TOLERANCE, Tolerance, suggest_box
from station.domain.verdict import Verdict, needs_action, stop

MAX_WEIGHT_G = 1_000_000  # a reading above a tonne is a broken scale, not a parcel
MAX_CAPTURE_LEN = 64


class PackState(StrEnum):
    NEW = "new"
    SCANNING = "scanning"
    AWAITING_LOT = "awaiting_lot"
    AWAITING_SERIAL = "awaiting_serial"
    WRONG_ITEM = "wrong_item"
    SHORT_PICK = "short_pick"
    BOXING = "boxing"
    WEIGHING = "weighing"
    WEIGHT_STOP = "weight_stop"
    READY_TO_FINISH = "ready_to_finish"
    FINISHED = "finished"
    HELD = "held"
    RETURNED_TO_PICK = "returned_to_pick"
    ORDER_STOPPED = "order_stopped"
    LABEL_WAITING = "label_waiting"  # packed; its labels print when central is back


TERMINAL = frozenset(
    {PackState.FINISHED, PackState.HELD, PackState.RETURNED_TO_PICK, PackState.ORDER_STOPPED,
     PackState.LABEL_WAITING}
)
SHORT_PICK_DECISIONS = ("ship_partial", "hold", "return_to_pick")


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    events: tuple[SessionEvent, ...] = ()


@dataclass
class Parcel:
    """One box of the order. ``closed`` means weighed (or overridden) and ready to label."""

    parcel_no: int
    items: dict[str, int] = field(default_factory=dict)
    lots: list[tuple[str, str, int]] = field(default_factory=list)  # (sku, lot, units)
    serials: list[tuple[str, str]] = field(default_factory=list)  # (sku, serial)
    box_code: str | None = None
    expected_g: int | None = None
    actual_g: int | None = None
    within: bool | None = None
    override_by: str | None = None
    override_reason: str | None = None
    closed: bool = False

    @property
    def empty(self) -> bool:
        return not self.items

    def snapshot(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items()}


@dataclass
class PendingItem:
    sku: str
    units: int
    raw: str | None
    lot: str | None
    serial: str | None
    expiry: str | None


@dataclass(frozen=True, slots=True)
class LineProgress:
    sku: str
    name: str
    ordered: int
    packed: int

    @property
    def remaining(self) -> int:
        return self.ordered - self.packed


class SessionCore(ABC):
    """Fields and views shared by the rule mixins of :class:`PackSession`."""

    def __init__(
        self,
        order: Order,
        skus: Mapping[str, Sku],
        packaging: Iterable[Packaging],
        default_tolerance: Tolerance = DEFAULT_TOLERANCE,
    ) -> None:
        self.order = order
        self.skus = dict(skus)
        self.packaging = {p.code: p for p in packaging}
        self.default_tolerance = default_tolerance
        self.ordered = order.ordered()
        self.state = PackState.NEW
        self.opened_by: str | None = None
        self.parcels: list[Parcel] = []
        self.packed: dict[str, int] = dict.fromkeys(self.ordered, 0)
        self.pending: PendingItem | None = None
        self.wrong_item: SessionEvent | None = None
        self.then_new = False
        self.short_pick_decision: str | None = None
        self.events_applied = 0

    @property
    def current(self) -> Parcel | None:
        return self.parcels[-1] if self.parcels and not self.parcels[-1].closed else None

    @property
    def remaining(self) -> dict[str, int]:
        return {s: q - self.packed[s] for s, q in self.ordered.items() if q > self.packed[s]}

    @property
    def complete(self) -> bool:
        return not self.remaining

    def lines(self) -> list[LineProgress]:
        return [
            LineProgress(s, self.skus[s].name if s in self.skus else s, q, self.packed[s])
            for s, q in self.ordered.items()
        ]

    def suggested_box(self) -> Packaging | None:
        parcel = self.current
        if parcel is None or parcel.empty:
            return None
        return suggest_box(parcel.items, self.skus, self.packaging.values())

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the session, for comparison after a store round trip."""
        return {
            "order": self.order.order_id,
            "state": str(self.state),
            "opened_by": self.opened_by,
            "packed": dict(self.packed),
            "parcels": [p.snapshot() for p in self.parcels],
            "pending": vars(self.pending).copy() if self.pending else None,
            "wrong_item": self.wrong_item,
            "then_new": self.then_new,
            "short_pick": self.short_pick_decision,
        }

    @abstractmethod
    def apply(self, event: SessionEvent) -> None:
        """Change the state by one stored event (implemented by ``PackSession``)."""

    def accept(self, outcome: Outcome) -> Verdict:
        """Apply an outcome's events and return its verdict (for callers without a store)."""
        for event in outcome.events:
            self.apply(event)
        return outcome.verdict

    def _open_parcel(self) -> Parcel:
        parcel = self.current
        assert parcel is not None, "event needs an open parcel"
        return parcel

    def _not_now(self) -> Verdict:
        texts = {
            PackState.NEW: "Open an order first.",
            PackState.SCANNING: "Finish scanning this parcel first: scan CLOSE or NEW-PARCEL.",
            PackState.AWAITING_LOT: "Scan the lot of the last item first, or CANCEL.",
            PackState.AWAITING_SERIAL: "Scan the serial number of the last item first, or "
            "CANCEL.",
            PackState.SHORT_PICK: "Waiting for a lead to decide about the missing items.",
            PackState.BOXING: "Choose the box first: scan a box barcode or CONFIRM.",
            PackState.WEIGHING: "Put the parcel on the scale.",
            PackState.WEIGHT_STOP: "The weight is out of tolerance: weigh again or ask a lead.",
            PackState.WRONG_ITEM: "A wrong item is waiting: scan the order barcode or call a "
            "lead.",
            PackState.READY_TO_FINISH: "All parcels are closed: finish the order.",
        }
        if self.state in TERMINAL:
            return stop("session_ended", "This pack session has ended.")
        text = texts.get(self.state, "That is not possible now.")
        return needs_action("not_now", text)

def shorten(text: str, limit: int = 40) -> str:
    shown = text.replace("\x1d", "<GS>")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
