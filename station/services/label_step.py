"""The label step of the bench: a tracking number for a closed parcel, its label, the printer.

All label state lives in the store (``parcels`` and ``parcel_labels``), never only in memory:
after a restart a printed label can be reprinted or voided, and a number taken for a label
that did not come out is printed again, never replaced by a second one.

Rules a warehouse buys this for:
- A number comes from central when it answers; only a *network* failure falls back to the
  local pool. Any refusal from central (order intercepted or cancelled, unknown service...)
  is a stop on screen and nothing prints.
- Each central request carries an attempt key. A request whose answer was lost (timeout) is
  reported abandoned, so central voids the number it may have issued; the parcel is then
  labelled from the pool.
- A voided number is retired at once, locally: it can never be printed again, whatever
  central answers before its void event has been sent.
- Central is asked only when it is believed reachable (the shared sync status), with a short
  connect timeout and no retries, so an offline label comes from the pool within a second.

Network and printer I/O run outside the store lock; every write is one unit of work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row

from contract import (
    Carrier,
    EventKind,
    LabelPrinted,
    LabelVoided,
    Shipment,
)
from station.devices import Printer, PrintJob, PrintResult
from station.domain.dim_weight import BilledWeight, billed_weight
from station.domain.model import Dimensions, Order, OrderStatus
from station.domain.verdict import Sound, needs_action, ok, stop
from station.i18n import _
from station.labels.api import render_label, render_preview_png
from station.labels.carrier_labels import carrier_print_job
from station.labels.choice import LabelSetup
from station.labels.data import ParcelLabelData
from station.labels.model import LabelError
from station.labels.options import DEFAULT_OPTIONS
from station.labels.samples import carrier_label_data
from station.services.bench_view import HELD_PREFIX
from station.services.label_numbers import (
    LabelNumber,
    LabelNumbers,
    LabelResult,
    ShipmentClient,
    billed_dims,
)
from station.services.parcel_size import Measure, ParcelSizer, stored_size
from station.store import label_store as labels_db
from station.store.catalog import Catalog
from station.store.outbox import audit, enqueue_event
from station.store.pack_store import WAITING_PREFIX
from station.store.pool import TrackingPool
from station.store.uow import StationStore
from station.sync.status import SyncStatus

log = logging.getLogger(__name__)


class LabelStep(LabelNumbers):
    """Numbers (:class:`LabelNumbers`), labels and the printer for one bench; state in the
    station store."""

    def __init__(
        self,
        store: StationStore,
        printer: Printer,
        *,
        printer_language: str = "zpl",
        pool: TrackingPool | None = None,
        client: ShipmentClient | None = None,
        status: SyncStatus | None = None,
        setup_for: Callable[[Carrier], LabelSetup] | None = None,
        language: str = "en",
        pass_through: Callable[[Shipment, str, int], bytes | None] | None = carrier_print_job,
        pool_budget_s: float = 0.8,
        clock: Callable[[], float] = time.monotonic,
        measure: Measure | None = None,
        platform_printer: Printer | None = None,
    ) -> None:
        super().__init__(store, pool=pool, client=client, status=status,
                         setup_for=setup_for or (lambda _carrier: LabelSetup(
                             "carrier_100x150", 203, DEFAULT_OPTIONS)),
                         pool_budget_s=pool_budget_s, clock=clock)
        # platform e-waybills (Cainiao…): print data the platform's print component renders
        self.platform_printer = platform_printer
        self.printer = printer
        self.printer_language = printer_language
        self.language = language
        self.pass_through = pass_through
        self.catalog = Catalog(store.conn)
        self.sizer = ParcelSizer(store, measure)

    # ------------------------------------------------------------------ print
    def print_parcel(
        self, order: Order, parcel_no: int, parcel_count: int, operator: str | None,
        came_out: bool = False,
    ) -> LabelResult:
        """Print parcel ``parcel_no``'s label once: the same number on a retry after a
        printer fault, a new one only after a void. A label that did not come out, for
        whatever reason, waits for an explicit REPRINT (never a retry loop). ``came_out``:
        the packer confirmed that the label the printer held came out once it was fixed,
        so it is recorded as printed without sending it again."""
        result = self._print_parcel(order, parcel_no, parcel_count, operator, came_out)
        if not result.printed and result.stopped is None:
            message = result.verdict.message[:500]
            if result.verdict.code == "label_waiting":  # PRINT-WAITING finds it by this
                message = (WAITING_PREFIX + message)[:500]
            self.store.run(lambda conn: labels_db.note_waiting(
                conn, order.order_id, parcel_no, message))
        return result

    def _print_parcel(
        self, order: Order, parcel_no: int, parcel_count: int, operator: str | None,
        came_out: bool = False,
    ) -> LabelResult:
        row = self._parcel(order.order_id, parcel_no)
        if row is None or row.status == "void":
            return LabelResult(parcel_no, False, stop(
                "no_such_parcel", "Parcel {n} is not waiting for a label.", n=parcel_no))
        if row.status == "labelled":
            return LabelResult(parcel_no, True, ok(
                "label_already_printed", "Label already printed.", Sound.ACCEPT),
                row.tracking_number)
        status = self.store.read(lambda _c: self.catalog.order_status(order.order_id))
        if status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
            return self._stopped(parcel_no, OrderStatus(status))
        carrier = self.carrier(order.carrier)
        measured = self.sizer.size_for_label(row, operator)
        billed = self._billed(carrier, row.actual_g or 0, row.box_code, measured)
        if row.tracking_number:
            number = LabelNumber(row.tracking_number, row.label_source or "pool",
                             self._shipment_of(row.tracking_number, order))
        else:
            got = self._assign(order, parcel_no, parcel_count, billed, operator)
            if isinstance(got, LabelResult):
                return got
            number = got
        return self._print(order, carrier, parcel_no, parcel_count, billed, number,
                           operator, reprint=False, came_out=came_out)

    def _billed(self, carrier: Carrier, actual_g: int, box_code: str | None,
                measured: Dimensions | None = None) -> BilledWeight:
        """What the carrier bills: max(actual, DIM), by the measured size when there is one,
        else by the chosen box's size."""
        box = self.store.read(lambda _c: self.catalog.box(box_code)) if box_code else None
        return billed_weight(actual_g, carrier.dim_divisor, measured=measured, box=box)

    def reprint(self, order: Order, parcel_no: int, parcel_count: int,
                operator: str | None) -> LabelResult:
        """An explicit reprint of a printed label: same number, audited with the operator."""
        row = self._parcel(order.order_id, parcel_no)
        if row is None or row.status not in ("labelled", "shipped") or not row.tracking_number:
            return LabelResult(parcel_no, False, needs_action(
                "nothing_to_reprint", "Parcel {n} has no printed label to reprint.",
                n=parcel_no))
        carrier = self.carrier(order.carrier)
        number = LabelNumber(row.tracking_number, row.label_source or "pool",
                         self._shipment_of(row.tracking_number, order))
        billed = self._billed(carrier, row.actual_g or 0, row.box_code, stored_size(row))
        return self._print(order, carrier, parcel_no, parcel_count, billed, number,
                           operator, reprint=True)

    def void(self, order_id: str, parcel_no: int, reason: str, lead: str) -> LabelResult:
        """Retire the parcel's live number for good; the parcel waits for a new label.
        The caller has checked that ``lead`` may void (see the bench)."""
        reason = (reason or "").strip()
        if len(reason) < 3:
            return LabelResult(parcel_no, True, needs_action(
                "reason_required", "Give a reason to void the label."))

        def write(conn: Connection) -> LabelResult:
            row = labels_db.live_parcel(conn, order_id, parcel_no)
            if row is None or not row.tracking_number:
                return LabelResult(parcel_no, False, needs_action(
                    "nothing_to_void", "Parcel {n} has no label to void.", n=parcel_no))
            number = row.tracking_number
            if labels_db.retire(conn, row, reason, lead) == "taken" and self.pool is not None:
                self.pool.void(number, reason, lead, conn)
            if row.status == "labelled" or row.label_source == "central":
                enqueue_event(conn, EventKind.LABEL_VOIDED, LabelVoided(
                    order_id=order_id, parcel_no=parcel_no, tracking_number=number,
                    reason=reason), order_id=order_id)
            audit(conn, "label_voided", lead, order_id, parcel_no=parcel_no, tracking=number,
                  reason=reason)
            return LabelResult(parcel_no, False, needs_action(
                "label_voided",
                "Label {tracking} voided: take it off the parcel, then scan REPRINT: the new "
                "label has a new number.", Sound.PROMPT, tracking=number))

        return self.store.run(write)

    # ------------------------------------------------------------------ printing
    def _print(self, order: Order, carrier: Carrier, parcel_no: int, parcel_count: int,
               billed: BilledWeight, number: LabelNumber, operator: str | None,
               reprint: bool, came_out: bool = False) -> LabelResult:
        weight_g = billed.actual_g
        setup = self.setup_for(carrier)
        data = ParcelLabelData(
            order=order, carrier=carrier, tracking_number=number.tracking,
            parcel_no=parcel_no, parcel_count=parcel_count, weight_g=weight_g,
            printed_at=datetime.now(UTC),
        )
        printer, language = self.printer, self.printer_language
        platform = number.shipment is not None and number.shipment.label_format == "platform"
        if platform and self.platform_printer is None:
            return self._failed(order.order_id, parcel_no, number.tracking, _(
                "{carrier} labels print through the platform's print component, and this "
                "station has none set up ([platform_printer] in the settings).").format(
                    carrier=order.carrier), None)
        try:
            job = None
            if platform and number.shipment is not None and self.platform_printer is not None:
                job = number.shipment.label_data.encode()
                printer, language = self.platform_printer, "platform"
            elif number.shipment is not None and self.pass_through is not None:
                job = self.pass_through(number.shipment, self.printer_language, setup.dpi)
            if job is None:
                job = render_label(setup.template, data, self.language, setup.dpi,
                                   setup.options, printer_language=self.printer_language)
            png = render_preview_png(setup.template, data, self.language, setup.dpi)
        except LabelError as exc:
            return self._failed(order.order_id, parcel_no, number.tracking, str(exc), None)
        if came_out:  # the held label came out by itself: sending it again would be a second
            result = PrintResult(True, "came out after the printer was fixed")
        else:
            result = printer.send(PrintJob(job, language, f"{order.order_id} {parcel_no}"))
        if not result.ok and result.held:
            return self._held(order.order_id, parcel_no, number.tracking, result.message, png)
        if not result.ok:
            return self._failed(order.order_id, parcel_no, number.tracking, result.message, png)

        length, width, height = billed_dims(billed)

        def record(conn: Connection) -> None:
            labels_db.record_printed(conn, order.order_id, parcel_no, number.tracking,
                                     reprint=reprint, billed_g=billed.billed_g,
                                     billed_by=str(billed.dims_source))
            if reprint:
                audit(conn, "label_reprinted", operator, order.order_id, parcel_no=parcel_no,
                      tracking=number.tracking)
                return
            enqueue_event(conn, EventKind.LABEL_PRINTED, LabelPrinted(
                order_id=order.order_id, parcel_no=parcel_no, tracking_number=number.tracking,
                carrier=order.carrier, service=order.service, weight_g=weight_g,
                source="central" if number.source == "central" else "pool",
                length_mm=length, width_mm=width, height_mm=height,
                dim_weight_g=billed.dim_weight_g, billed_weight_g=billed.billed_g,
            ), order_id=order.order_id)
            audit(conn, "label_printed", operator, order.order_id, parcel_no=parcel_no,
                  tracking=number.tracking, held_then_came_out=came_out)

        self.store.run(record)
        lane = carrier.staging_lane or "—"
        if billed.by_volume and not reprint:  # the packer sees what the carrier will bill
            return LabelResult(parcel_no, True, ok(
                "label_printed",
                "Label printed for parcel {n}: {tracking}. Put the parcel in lane {lane}. "
                "Billed by size: {billed} kg for {actual} kg on the scale.",
                Sound.DONE, n=parcel_no, tracking=number.tracking, lane=lane,
                billed=f"{billed.billed_g / 1000:.1f}", actual=f"{billed.actual_g / 1000:.1f}"),
                number.tracking, png)
        return LabelResult(parcel_no, True, ok(
            "label_printed",
            "Label printed for parcel {n}: {tracking}. Put the parcel in lane {lane}.",
            Sound.DONE, n=parcel_no, tracking=number.tracking, lane=lane),
            number.tracking, png)

    def _failed(self, order_id: str, parcel_no: int, tracking: str, message: str,
                png: bytes | None) -> LabelResult:
        self.store.run(lambda conn: labels_db.note_failure(
            conn, order_id, parcel_no, tracking, message))
        return LabelResult(parcel_no, False, stop(
            "label_failed",
            "Label NOT printed for parcel {n}: {message} Fix the printer, then scan REPRINT "
            "(same number {tracking}).", n=parcel_no, message=message, tracking=tracking),
            tracking, png)

    def _held(self, order_id: str, parcel_no: int, tracking: str, message: str,
              png: bytes | None) -> LabelResult:
        """The printer faulted with the label in its buffer: it will print by itself once the
        fault is fixed, so it is neither printed nor to be printed again blindly."""
        self.store.run(lambda conn: labels_db.note_failure(
            conn, order_id, parcel_no, tracking, HELD_PREFIX + message))
        return LabelResult(parcel_no, False, stop(
            "label_held",
            "The printer holds the label of parcel {n} ({tracking}): {message} Do not "
            "reprint: fix the printer and the label comes out. Scan REPRINT only if it does "
            "not.", n=parcel_no, message=message, tracking=tracking), tracking, png)

    def _parcel(self, order_id: str, parcel_no: int) -> Row[Any] | None:
        return self.store.read(lambda conn: labels_db.parcel(conn, order_id, parcel_no))

    def print_test_label(self) -> LabelResult:
        """Devices page self-test: a sample carrier label on the configured printer."""
        data = carrier_label_data()
        setup = self.setup_for(data.carrier)
        job = render_label(setup.template, data, "en", setup.dpi, setup.options,
                           printer_language=self.printer_language)
        png = render_preview_png(setup.template, data, "en", setup.dpi)
        result = self.printer.send(PrintJob(job, self.printer_language, "test label"))
        verdict = (ok("test_label_printed", "Test label printed.") if result.ok
                   else stop("test_label_failed", "{message}", message=result.message))
        return LabelResult(0, result.ok, verdict, None, png)
