"""What the receiving and returns screens paint, as plain values the services build after every
action. The window imports this module while it builds its screens, before the services (and
the database and HTTP layers under them) are loaded on the store lane: it imports only the
domain."""

from __future__ import annotations

from dataclasses import dataclass

from station.domain.receiving import Discrepancy
from station.domain.returns import ReturnLine


@dataclass(frozen=True)
class ReceiptLineView:
    sku: str
    name: str
    name_zh: str | None
    expected: int
    counted: int
    over: int
    location: str | None
    needs_label: bool


@dataclass(frozen=True)
class ReceivingView:
    """What the receiving screen paints (plain data, rebuilt after every action)."""

    notice_id: str | None = None
    lines: tuple[ReceiptLineView, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    current: str | None = None
    finished: bool = False
    qc: QcView | None = None  # a QC release going on (no receipt is open then)

    @property
    def open(self) -> bool:
        return (self.notice_id is not None and not self.finished) or self.qc is not None


@dataclass(frozen=True)
class QcView:
    """A QC release: the hold, the unit waiting for its place, and the counts so far."""

    hold: str | None
    pending: str | None
    passed: int
    failed: int


@dataclass(frozen=True)
class ReturnView:
    """What the returns screen paints."""

    order_id: str | None = None
    tracking_number: str | None = None
    rma: str | None = None
    returnable: tuple[tuple[str, int, int], ...] = ()  # sku, may return, returned now
    lines: tuple[ReturnLine, ...] = ()
    reason: str | None = None
    condition: str | None = None
    decision: str | None = None
    label: str | None = None
    pending_decision: str | None = None
    finished: bool = False

    @property
    def open(self) -> bool:
        return self.order_id is not None and not self.finished
