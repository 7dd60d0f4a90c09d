"""Item rules of the pack session (step 3): right item, over-scan, packs of N, lot and
serial capture, manual quantity for bulk lines."""

from __future__ import annotations

from station.domain.events import EventType, SessionEvent
from station.domain.model import PackKind
from station.domain.session_state import (
    MAX_CAPTURE_LEN,
    Outcome,
    PackState,
    SessionCore,
    shorten,
)
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop


class ItemRules(SessionCore):
    """Deciding what an item scan, a typed count or a captured lot/serial does."""

    def scan_item(
        self,
        sku: str,
        units: int = 1,
        raw: str | None = None,
        *,
        lot: str | None = None,
        serial: str | None = None,
        expiry: str | None = None,
        pack: PackKind = PackKind.UNIT,
    ) -> Outcome:
        """Step 3: a scan resolved to ``units`` of ``sku`` (a case/inner pack counts N)."""
        blocked = self._blocked_for_items()
        if blocked is not None:
            return Outcome(blocked)
        if sku not in self.ordered:
            name = self.skus[sku].name if sku in self.skus else sku
            event = SessionEvent(EventType.WRONG_ITEM, raw=raw, sku=sku, units=units)
            return Outcome(
                stop(
                    "wrong_item",
                    "Wrong item: {name} is not in order {order}. Put it aside, then scan the "
                    "order barcode or call a lead.",
                    Sound.WRONG_ITEM,
                    name=name,
                    order=self.order.order_id,
                ),
                (event,),
            )
        return self._add_units(sku, units, raw, lot, serial, expiry, pack)

    def enter_quantity(self, sku: str, quantity: int) -> Outcome:
        """Manual count for a bulk line (the service has checked the operator may do this)."""
        blocked = self._blocked_for_items()
        if blocked is not None:
            return Outcome(blocked)
        if sku not in self.ordered:
            return Outcome(
                stop("not_in_order", "{sku} is not in this order.", sku=sku)
            )
        if not self.skus[sku].bulk:
            return Outcome(
                stop(
                    "not_bulk",
                    "{sku} must be scanned; typing a quantity is only for bulk goods.",
                    sku=sku,
                )
            )
        if self.skus[sku].requires_serial:
            return Outcome(
                stop("serial_needs_scan", "{sku} needs a serial per unit: scan each unit.", sku=sku)
            )
        return self._add_units(sku, quantity, None, None, None, None, PackKind.UNIT)

    def scan_text(self, raw: str) -> Outcome:
        """A scan that is no known code: a lot/serial when one is awaited, else unknown."""
        if self.state in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
            return self._capture(raw)
        return Outcome(
            stop(
                "unknown_code",
                "Unknown code {code}: it is not an item, box, order or command.",
                code=shorten(raw),
            )
        )

    def _blocked_for_items(self) -> Verdict | None:
        s = self.state
        if s is PackState.SCANNING:
            return None
        if s is PackState.WRONG_ITEM:
            return stop(
                "wrong_item_pending",
                "A wrong item is waiting: put it aside, then scan the order barcode or call a "
                "lead.",
                Sound.WRONG_ITEM,
            )
        if s in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
            what = "lot" if s is PackState.AWAITING_LOT else "serial number"
            return needs_action(
                "capture_first", "Scan the {what} of the last item first, or CANCEL.", what=what
            )
        if s is PackState.READY_TO_FINISH:
            return stop("over_scan", "Everything is packed: this item is one too many.")
        return self._not_now()

    def _add_units(
        self,
        sku: str,
        units: int,
        raw: str | None,
        lot: str | None,
        serial: str | None,
        expiry: str | None,
        pack: PackKind,
    ) -> Outcome:
        item = self.skus[sku]
        left = self.ordered[sku] - self.packed[sku]
        if not isinstance(units, int) or units <= 0:
            return Outcome(stop("bad_quantity", "A quantity must be a whole number above 0."))
        if units > left:
            if left == 0:
                return Outcome(
                    stop(
                        "over_scan",
                        "All {ordered} of {name} are already packed: this one is too many.",
                        ordered=self.ordered[sku],
                        name=item.name,
                    )
                )
            return Outcome(
                stop(
                    "over_scan_pack" if pack is not PackKind.UNIT else "over_quantity",
                    "{units} units of {name} is more than the {left} still needed. Nothing was "
                    "counted.",
                    units=units,
                    name=item.name,
                    left=left,
                )
            )
        if item.requires_serial and units > 1:
            return Outcome(
                needs_action(
                    "serial_per_unit",
                    "{name} needs a serial number per unit: open the pack and scan each unit.",
                    name=item.name,
                )
            )
        if serial and self._serial_packed(sku, serial):
            return Outcome(
                stop("duplicate_serial", "Serial {serial} is already packed.", serial=serial)
            )
        need_lot = item.requires_lot and not lot
        need_serial = item.requires_serial and not serial
        if need_lot or need_serial:
            event = SessionEvent(
                EventType.ITEM_PENDING, raw=raw, sku=sku, units=units, lot=lot, serial=serial,
                expiry=expiry,
            )
            what = "lot" if need_lot else "serial number"
            return Outcome(
                needs_action(
                    "capture_" + ("lot" if need_lot else "serial"),
                    "Scan or type the {what} of {name}.",
                    what=what,
                    name=item.name,
                ),
                (event,),
            )
        event = SessionEvent(
            EventType.ITEM_PACKED, raw=raw, sku=sku, units=units, lot=lot, serial=serial,
            expiry=expiry,
        )
        return Outcome(self._packed_verdict(sku, units), (event,))

    def _packed_verdict(self, sku: str, units: int) -> Verdict:
        packed = self.packed[sku] + units
        if packed == self.ordered[sku] and sum(self.remaining.values()) == units:
            return ok(
                "order_complete", "All items packed: scan CLOSE to choose the box.", Sound.DONE
            )
        return ok(
            "item_packed",
            "{name}: {packed} of {ordered}.",
            name=self.skus[sku].name,
            packed=packed,
            ordered=self.ordered[sku],
        )

    def _serial_packed(self, sku: str, serial: str) -> bool:
        return any((sku, serial) in p.serials for p in self.parcels)

    def _capture(self, raw: str) -> Outcome:
        text = raw.strip()  # a typed/scanned lot is plain text, no GS1 separators to keep
        pending = self.pending
        assert pending is not None
        lot: str | None
        serial: str | None
        if not text or len(text) > MAX_CAPTURE_LEN or not text.isprintable():
            return Outcome(
                stop(
                    "bad_capture",
                    "That does not look like a lot or serial number (1 to 64 printable "
                    "characters).",
                )
            )
        if self.state is PackState.AWAITING_LOT:
            if self.skus[pending.sku].requires_serial and not pending.serial:
                return Outcome(
                    needs_action(
                        "capture_serial",
                        "Lot {lot} noted. Scan or type the serial number.",
                        lot=text,
                    ),
                    (SessionEvent(EventType.LOT_CAPTURED, raw=raw, lot=text),),
                )
            lot, serial = text, pending.serial
        else:
            if self._serial_packed(pending.sku, text):
                return Outcome(
                    stop("duplicate_serial", "Serial {serial} is already packed.", serial=text)
                )
            lot, serial = pending.lot, text
        event = SessionEvent(
            EventType.ITEM_PACKED, raw=pending.raw, sku=pending.sku, units=pending.units,
            lot=lot, serial=serial, expiry=pending.expiry,
        )
        return Outcome(self._packed_verdict(pending.sku, pending.units), (event,))

    def _count(self, sku: str, units: int, lot: str | None, serial: str | None) -> None:
        parcel = self._open_parcel()
        parcel.items[sku] = parcel.items.get(sku, 0) + units
        self.packed[sku] = self.packed.get(sku, 0) + units
        if lot:
            parcel.lots.append((sku, lot, units))
        if serial:
            parcel.serials.append((sku, serial))
