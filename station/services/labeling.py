"""The label step: a tracking number for a closed parcel, its label, the printer, the record.

The number comes from the central API when it answers (``POST /v1/shipments``), otherwise
from this station's local pool, so packing never stops when the network does. A number
is kept per parcel until its label is confirmed printed: a retry after "paper out" prints
the same number, never a second one. A reprint is explicit and audited; a void retires the
number for good (pool numbers are marked void in the pool and never handed out again).

Thread-safe for one caller at a time (the UI's print lane); it uses its own connections.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import SQLAlchemyError

from station.devices import Printer, PrintJob
from station.i18n import _
from station.store.outbox import audit, enqueue_event
from station.store.tables import carrier_services, carriers, operators, order_lines, orders
from station.sync.contract import (
    Address,
    Carrier,
    CarrierService,
    EventKind,
    LabelPrinted,
    LabelVoided,
    Order,
    OrderLine,
    ShipmentRequest,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelRequest:
    """One closed parcel to label (from the pack session's ready parcels)."""

    order_id: str
    parcel_no: int
    parcel_count: int
    weight_g: int


@dataclass(frozen=True)
class LabelResult:
    """``printed`` only when the printer confirmed the label came out."""

    parcel_no: int
    printed: bool
    message: str
    tracking: str | None = None
    png: bytes | None = None


@dataclass
class _Assigned:
    tracking: str
    source: str  # "central" | "pool"
    printed: bool = False
    voided: list[str] = field(default_factory=list)


class LabelService:
    def __init__(
        self,
        engine: Engine,
        station_id: str,
        printer: Printer,
        *,
        pool: Any | None = None,
        client: Any | None = None,
        printer_language: str = "zpl",
        language: str = "en",
        template: str = "carrier_100x150",
        dpi: int = 203,
        operator: str | None = None,
    ) -> None:
        self.engine = engine
        self.station_id = station_id
        self.printer = printer
        self.pool = pool
        self.client = client
        self.printer_language = printer_language
        self.language = language
        self.template = template
        self.dpi = dpi
        self.operator = operator
        self._assigned: dict[tuple[str, int], _Assigned] = {}

    # ------------------------------------------------------------------ reads
    def order(self, order_id: str) -> Order:
        with self.engine.connect() as conn:
            row = conn.execute(select(orders).where(orders.c.order_id == order_id)).one()
            lines = conn.execute(
                select(order_lines).where(order_lines.c.order_id == order_id)
            ).all()
        return Order(
            order_id=row.order_id,
            warehouse=row.warehouse,
            carrier=row.carrier,
            service=row.service,
            recipient=Address.model_validate(json.loads(row.recipient)),
            sender=Address.model_validate(json.loads(row.sender)) if row.sender else None,
            tote=row.tote,
            pick_list=row.pick_list,
            lines=[OrderLine(line_no=r.line_no, sku=r.sku, quantity=r.quantity) for r in lines],
        )

    def carrier(self, code: str) -> Carrier:
        with self.engine.connect() as conn:
            row = conn.execute(select(carriers).where(carriers.c.code == code)).one()
            services = conn.execute(
                select(carrier_services).where(carrier_services.c.carrier == code)
            ).all()
        return Carrier(
            code=row.code,
            name=row.name,
            name_zh=row.name_zh,
            tracking_format=row.tracking_format,
            services=[CarrierService(code=s.code, name=s.name) for s in services],
            mask_recipient=bool(row.mask_recipient),
            staging_lane=row.staging_lane,
        )

    def staging_lane(self, carrier_code: str) -> str | None:
        """Where parcels of this carrier wait for pickup."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(carriers.c.staging_lane).where(carriers.c.code == carrier_code)
            ).scalar_one_or_none()

    def _recorded(self, order_id: str, parcel_no: int) -> _Assigned | None:
        """What the store says about this parcel's label, e.g. after a restart: a printed,
        not voided number (never print it again unasked), or a pool number taken for it
        whose label never came out (print that one, never take a second)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT kind, json_extract(payload, '$.tracking_number') AS number, "
                    "json_extract(payload, '$.source') AS source FROM outbox "
                    "WHERE order_id = :o AND kind IN ('label_printed', 'label_voided') "
                    "AND json_extract(payload, '$.parcel_no') = :n ORDER BY id"
                ),
                {"o": order_id, "n": parcel_no},
            ).all()
            voided = {r.number for r in rows if r.kind == "label_voided"}
            printed = [r for r in rows if r.kind == "label_printed" and r.number not in voided]
            if printed:
                return _Assigned(printed[-1].number, printed[-1].source, printed=True)
            try:
                taken = conn.execute(
                    text(
                        "SELECT number FROM pool_number WHERE reference = :ref "
                        "AND status = 'taken' ORDER BY taken_at DESC LIMIT 1"
                    ),
                    {"ref": f"{order_id}/{parcel_no}"},
                ).scalar()
            except SQLAlchemyError:  # no pool table on this station
                taken = None
        if taken and taken not in voided:
            return _Assigned(taken, "pool")
        return None

    def tracking_of(self, order_id: str, parcel_no: int) -> str | None:
        found = self._assigned.get((order_id, parcel_no))
        return found.tracking if found else None

    # ------------------------------------------------------------------ print
    def print_parcel(self, req: LabelRequest, reprint: bool = False) -> LabelResult:
        """Print the label of one parcel; the same number on a retry, audited on a reprint."""
        key = (req.order_id, req.parcel_no)
        assigned = self._assigned.get(key) or self._recorded(req.order_id, req.parcel_no)
        if assigned is not None:
            self._assigned[key] = assigned
        if assigned is not None and assigned.printed and not reprint:
            # Printed before (e.g. before a restart): say so, print nothing.
            return LabelResult(
                req.parcel_no, True, _("Label already printed."), assigned.tracking
            )
        order = self.order(req.order_id)
        carrier = self.carrier(order.carrier)
        if assigned is None:
            try:
                assigned = self._assign(order, req)
            except Exception as exc:  # pool empty, central refused...: say so, print nothing
                return LabelResult(req.parcel_no, False, str(exc))
            self._assigned[key] = assigned
        from station.labels.api import render_label, render_preview_png
        from station.labels.data import ParcelLabelData

        data = ParcelLabelData(
            order=order,
            carrier=carrier,
            tracking_number=assigned.tracking,
            parcel_no=req.parcel_no,
            parcel_count=req.parcel_count,
            weight_g=req.weight_g,
            printed_at=datetime.now(UTC),
        )
        try:
            job = render_label(
                self.template, data, self.language, self.dpi,
                printer_language=self.printer_language,
            )
            png = render_preview_png(self.template, data, self.language, self.dpi)
        except Exception as exc:
            return LabelResult(req.parcel_no, False, str(exc), assigned.tracking)
        result = self.printer.send(
            PrintJob(job, self.printer_language, f"{req.order_id} {req.parcel_no}")
        )
        if not result.ok:
            return LabelResult(req.parcel_no, False, result.message, assigned.tracking, png)
        first = not assigned.printed
        assigned.printed = True
        with self.engine.begin() as conn:
            if first:
                enqueue_event(
                    conn,
                    EventKind.LABEL_PRINTED,
                    LabelPrinted(
                        order_id=req.order_id, parcel_no=req.parcel_no,
                        tracking_number=assigned.tracking, carrier=order.carrier,
                        service=order.service, weight_g=req.weight_g,
                        source=assigned.source,  # type: ignore[arg-type]
                    ),
                    order_id=req.order_id,
                )
            audit(
                conn, "label_reprinted" if not first else "label_printed", self.operator,
                req.order_id, parcel_no=req.parcel_no, tracking=assigned.tracking,
            )
        return LabelResult(req.parcel_no, True, result.message, assigned.tracking, png)

    def _assign(self, order: Order, req: LabelRequest) -> _Assigned:
        if self.client is not None:
            try:
                shipment = self.client.create_shipment(
                    ShipmentRequest(
                        order_id=order.order_id, parcel_no=req.parcel_no,
                        parcel_count=req.parcel_count, carrier=order.carrier,
                        service=order.service, weight_g=req.weight_g,
                    )
                )
                return _Assigned(shipment.tracking_number, "central")
            except Exception as exc:  # offline or refused: the pool keeps the bench going
                log.info("central shipment failed, labelling from the pool: %s", exc)
        if self.pool is None:
            raise RuntimeError(
                _("The central server cannot be reached and this station has no number pool.")
            )
        number = self.pool.take(order.carrier, reference=f"{order.order_id}/{req.parcel_no}")
        return _Assigned(number, "pool")

    def print_test_label(self) -> LabelResult:
        """Devices page self-test: a sample carrier label on the configured printer."""
        from station.labels.api import render_label, render_preview_png
        from station.labels.samples import carrier_label_data

        data = carrier_label_data()
        job = render_label("carrier_100x150", data, "en", self.dpi,
                           printer_language=self.printer_language)
        png = render_preview_png("carrier_100x150", data, "en", self.dpi)
        result = self.printer.send(PrintJob(job, self.printer_language, "test label"))
        return LabelResult(0, result.ok, result.message, None, png)

    # ------------------------------------------------------------------ void
    def void_parcel(
        self, order_id: str, parcel_no: int, reason: str, lead: str | None = None
    ) -> LabelResult:
        """Retire the parcel's number (never reused); the next print takes a new one.
        Only a lead or an admin may void (checked here, not only in the UI)."""
        with self.engine.connect() as conn:
            role = conn.execute(
                select(operators.c.role).where(
                    operators.c.badge == (lead or ""), operators.c.active.is_(True)
                )
            ).scalar_one_or_none()
        if role not in ("lead", "admin"):
            return LabelResult(
                parcel_no, True, _("Only a lead can void a label: scan a lead's badge."),
                self.tracking_of(order_id, parcel_no),
            )
        assigned = self._assigned.pop((order_id, parcel_no), None)
        if assigned is None:
            return LabelResult(parcel_no, False, _("This parcel has no label to void."))
        if assigned.source == "pool" and self.pool is not None:
            self.pool.void(assigned.tracking, reason, lead)
        with self.engine.begin() as conn:
            enqueue_event(
                conn,
                EventKind.LABEL_VOIDED,
                LabelVoided(
                    order_id=order_id, parcel_no=parcel_no,
                    tracking_number=assigned.tracking, reason=reason,
                ),
                order_id=order_id,
            )
            audit(conn, "label_voided", lead, order_id, parcel_no=parcel_no,
                  tracking=assigned.tracking, reason=reason)
        return LabelResult(
            parcel_no, False, _("Label {tracking} voided.").format(tracking=assigned.tracking),
            None,
        )
