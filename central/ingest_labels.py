"""``label_printed`` events ingested a batch at a time: one query per table per batch.

Row by row, a label cost ~10 statements (carrier, pool ownership, owner, attempt, insert,
tracking event, webhook join, shipped check...), and building them was most of the CPU. Here
the batch reads what it needs up front (carriers, the station's pool segments, the numbers'
owners and attempts, their tracking-event keys, the orders' sellers), checks each event in
memory, and writes the new rows with one ``executemany`` per table.

The rules are the row-by-row ones (``ingest._label_printed``); the writes of a run of labels
are flushed before any other kind of event is applied, so an event later in the batch (a
manifest naming these numbers) reads them from the database as before.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select, update

from central import tables as t
from central.clock import now_iso
from central.ownership import in_segment
from contract import Event, EventKind, LabelPrinted


class Rejected(Exception):
    """Raised to the ingest loop (it is ``ingest.Rejected``; set there to avoid a cycle)."""


@dataclass
class _Owner:
    order_id: str | None
    warehouse: str | None
    source: str
    carrier: str


@dataclass
class LabelBatch:
    """What one batch's ``label_printed`` events need, read once, and their pending writes."""

    carriers: dict[str, str] = field(default_factory=dict)  # code -> tracking format
    segments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # carrier -> segs
    owners: dict[str, _Owner] = field(default_factory=dict)
    attempts: dict[str, bool] = field(default_factory=dict)  # number -> abandoned
    attempt_keys: dict[str, str] = field(default_factory=dict)
    event_keys: set[str] = field(default_factory=set)
    sellers: dict[str, tuple[str, str]] = field(default_factory=dict)  # order -> (seller, url)
    new_numbers: list[dict[str, Any]] = field(default_factory=list)
    new_events: list[dict[str, Any]] = field(default_factory=list)
    new_webhooks: list[dict[str, Any]] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    packed: list[str] = field(default_factory=list)  # orders to move to packed at the end

    @classmethod
    def read(cls, conn: Connection, station: str, events: list[Event]) -> LabelBatch:
        labels = [e for e in events if e.kind == EventKind.LABEL_PRINTED]
        batch = cls()
        if not labels:
            return batch
        numbers = sorted({n for e in labels
                          if isinstance(n := e.payload.get("tracking_number"), str)})
        orders = sorted({o for e in labels if isinstance(o := e.payload.get("order_id"), str)})
        for code, data in conn.execute(select(t.carriers.c.code, t.carriers.c.data)):
            batch.carriers[code] = str(json.loads(data).get("tracking_format", "none"))
        for carrier, data in conn.execute(select(t.pool_segments.c.carrier,
                                                 t.pool_segments.c.data)
                                          .where(t.pool_segments.c.station == station)):
            batch.segments.setdefault(carrier, []).append(json.loads(data))
        for chunk in _chunks(numbers):
            for r in conn.execute(select(t.tracking_numbers.c.number,
                                         t.tracking_numbers.c.order_id,
                                         t.tracking_numbers.c.warehouse,
                                         t.tracking_numbers.c.source,
                                         t.tracking_numbers.c.carrier)
                                  .where(t.tracking_numbers.c.number.in_(chunk))):
                batch.owners[r.number] = _Owner(r.order_id, r.warehouse, r.source, r.carrier)
            for a in conn.execute(select(t.shipment_attempts.c.number,
                                         t.shipment_attempts.c.attempt_key,
                                         t.shipment_attempts.c.abandoned)
                                  .where(t.shipment_attempts.c.number.in_(chunk))):
                batch.attempts[a.number] = bool(a.abandoned)
                batch.attempt_keys[a.number] = a.attempt_key
            keys = [f"{n}:{s}" for n in chunk for s in ("label_created", "shipped")]
            batch.event_keys |= set(conn.scalars(
                select(t.tracking_events.c.event_key)
                .where(t.tracking_events.c.event_key.in_(keys))))
        for chunk in _chunks(orders):
            for o in conn.execute(select(t.orders.c.order_id, t.sellers.c.code,
                                         t.sellers.c.webhook_url)
                                  .select_from(t.orders.join(
                                      t.sellers, t.sellers.c.code == t.orders.c.seller))
                                  .where(t.orders.c.order_id.in_(chunk))):
                if o.webhook_url:
                    batch.sellers[o.order_id] = (o.code, o.webhook_url)
        return batch

    # ------------------------------------------------------------------ checks
    def check_carrier(self, carrier: str) -> None:
        if carrier not in self.carriers:
            raise Rejected(f"Carrier {carrier[:40]} is not known to the central server.")

    def issued_to(self, number: str, warehouse: str | None) -> bool:
        owner = self.owners.get(number)
        return owner is not None and owner.source == "central" and owner.warehouse == warehouse

    def in_own_pool(self, carrier: str, number: str) -> bool:
        fmt = self.carriers.get(carrier)
        if fmt is None:
            return False
        return any(in_segment(number, fmt, s.get("prefix", ""), s.get("suffix", ""),
                              int(s["width"]), int(s["start"]), int(s["end"]))
                   for s in self.segments.get(carrier, ()))

    # ------------------------------------------------------------------ the event
    def label_printed(self, p: LabelPrinted, warehouse: str | None, at: str) -> str:
        """Check and stage one label. Returns "" when done, or a reason for the row-by-row
        path (a number a manifest reported before its label: rare, and it updates rows)."""
        number = p.tracking_number
        owner = self.owners.get(number)
        if owner is not None and (owner.order_id not in (None, p.order_id)
                                  or owner.warehouse not in (None, warehouse)):
            raise Rejected(f"Tracking number {number} already belongs to another order.")
        if owner is not None and owner.order_id is None:
            return "known_from_manifest"
        abandoned = self.attempts.get(number)
        if abandoned:
            raise Rejected(
                f"Tracking number {number} belongs to label attempt "
                f"{self.attempt_keys.get(number)}, which this station reported abandoned; it "
                "was voided and cannot be printed.")
        if abandoned is not None:
            self.printed.append(number)
        if owner is None:
            self.new_numbers.append({
                "number": number, "carrier": p.carrier, "order_id": p.order_id,
                "warehouse": warehouse, "parcel_no": p.parcel_no, "source": p.source,
                "voided": False, "created_at": now_iso()})
            self.owners[number] = _Owner(p.order_id, warehouse, p.source, p.carrier)
        key = f"{number}:label_created"
        if key not in self.event_keys:
            self.event_keys.add(key)
            note = f"{p.carrier} {p.service}"
            self.new_events.append({"number": number, "event_key": key, "at": at,
                                    "status": "label_created", "location": None,
                                    "note": note})
            seller = self.sellers.get(p.order_id)
            if seller is not None:
                carrier = self.owners[number].carrier  # the number's, as stored
                body = {"event_key": key, "tracking_number": number, "carrier": carrier,
                        "order_id": p.order_id, "status": "label_created", "at": at,
                        "location": None, "note": note}
                self.new_webhooks.append({
                    "event_key": key, "seller": seller[0], "url": seller[1],
                    "body": json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                    "attempts": 0, "next_attempt_at": time.time()})
        return ""

    def shipped(self, number: str) -> bool:
        return f"{number}:shipped" in self.event_keys

    def flush(self, conn: Connection) -> None:
        """Write what the staged labels add: one statement per table."""
        if self.printed:
            for chunk in _chunks(self.printed):
                conn.execute(update(t.shipment_attempts)
                             .where(t.shipment_attempts.c.number.in_(chunk))
                             .values(printed=True))
        if self.new_numbers:
            conn.execute(insert(t.tracking_numbers), self.new_numbers)
        if self.new_events:
            conn.execute(insert(t.tracking_events), self.new_events)
        if self.new_webhooks:
            conn.execute(insert(t.webhook_deliveries), self.new_webhooks)
        self.printed, self.new_numbers, self.new_events, self.new_webhooks = [], [], [], []

    @property
    def pending(self) -> bool:
        return bool(self.printed or self.new_numbers or self.new_events or self.new_webhooks)


def _chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or []
