"""``POST /v1/shipments``: a tracking number from the central range (no carrier label: the
station draws its own template, ``label_format="station"``).

Without an attempt key, asking twice for the same order and parcel returns the same number
and label; a new number is issued only after the old label was voided. With an attempt key
(one per label attempt of a parcel), a retry with the same key returns the same number, a new
key always gets a new number, and a key the station reported abandoned
(``shipment_abandoned``) never gets one.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import Connection, func, insert, select, update

from central import tables as t
from central.auth import Caller
from central.clock import now_iso
from central.errors import ApiProblem, conflict, not_found
from central.tracking import add_tracking_event
from central.trackno import format_number
from contract import OrderStatus, Shipment, ShipmentRequest

log = logging.getLogger(__name__)


def create_shipment(conn: Connection, caller: Caller, req: ShipmentRequest) -> Shipment:
    """Issue (or re-issue) the tracking number of one parcel. Central has no carrier label for
    its own ranges: the station draws its template at its printer's size and dpi (a 4x6 in
    ZPL drawn here printed ~69x103 mm on a 300 dpi printer, its Chinese names as boxes)."""
    if req.parcel_count > 9999:
        raise ApiProblem(422, "invalid_parcel", "An order has at most 9999 parcels.")
    if req.parcel_no > req.parcel_count:
        raise ApiProblem(422, "invalid_parcel", "The parcel number is above the parcel count.")
    # The order row is locked until commit (PostgreSQL; SQLite writers are serial anyway):
    # two requests for one parcel cannot both find no live number and both issue one, and a
    # cancellation cannot land between this status check and the number being issued.
    order = conn.execute(
        select(t.orders.c.status, t.orders.c.warehouse, t.orders.c.data).where(
            t.orders.c.order_id == req.order_id
        ).with_for_update()
    ).first()
    if order is None or order.warehouse != caller.warehouse:
        raise not_found(f"Order {req.order_id}")
    if order.status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
        raise ApiProblem(
            409,
            f"order_{order.status}",
            f"Order {req.order_id} is {order.status}: do not ship it. Take it to the lead.",
        )
    carrier_row = conn.scalar(select(t.carriers.c.data).where(t.carriers.c.code == req.carrier))
    if carrier_row is None:
        raise not_found(f"Carrier {req.carrier}")
    carrier = json.loads(carrier_row)
    if req.service not in {s["code"] for s in carrier["services"]}:
        raise ApiProblem(
            422, "unknown_service", f"Carrier {req.carrier} has no service {req.service}."
        )
    if req.attempt_key is None:
        number = _number_of_parcel(conn, caller, req, carrier["tracking_format"])
    else:
        number = _number_of_attempt(conn, caller, req, carrier["tracking_format"])
    return Shipment(tracking_number=number, carrier=req.carrier, service=req.service,
                    label_format="station", label_data="")


def _number_of_parcel(
    conn: Connection, caller: Caller, req: ShipmentRequest, tracking_format: str
) -> str:
    """Without an attempt key: the parcel's live central number, or a new one."""
    number = conn.scalar(
        select(t.tracking_numbers.c.number).where(
            t.tracking_numbers.c.order_id == req.order_id,
            t.tracking_numbers.c.parcel_no == req.parcel_no,
            t.tracking_numbers.c.carrier == req.carrier,
            t.tracking_numbers.c.source == "central",
            t.tracking_numbers.c.voided.is_(False),
        )
    )
    return number if number is not None else _issue(conn, caller, req, tracking_format)


def _number_of_attempt(
    conn: Connection, caller: Caller, req: ShipmentRequest, tracking_format: str
) -> str:
    """With an attempt key: the number already issued under it (a retry after a lost answer)
    or a new one. A parcel's older live number is never handed out again under a new key: the
    station may have voided it locally while its ``label_voided`` event is still queued."""
    attempt = conn.execute(
        select(
            t.shipment_attempts.c.number,
            t.shipment_attempts.c.abandoned,
        ).where(
            t.shipment_attempts.c.order_id == req.order_id,
            t.shipment_attempts.c.parcel_no == req.parcel_no,
            t.shipment_attempts.c.attempt_key == req.attempt_key,
        )
    ).first()
    if attempt is not None and attempt.abandoned:
        raise ApiProblem(
            409,
            "attempt_abandoned",
            f"The station gave up label attempt {req.attempt_key} of order {req.order_id} "
            f"parcel {req.parcel_no}: it gets no tracking number. Ask with a new attempt key.",
        )
    if attempt is not None and attempt.number is not None:
        issued = conn.execute(
            select(t.tracking_numbers.c.carrier, t.tracking_numbers.c.voided).where(
                t.tracking_numbers.c.number == attempt.number
            )
        ).one()
        if issued.carrier != req.carrier:
            raise ApiProblem(
                409,
                "attempt_key_reused",
                f"Attempt key {req.attempt_key} was used for a {issued.carrier} label; "
                "a label of another carrier needs a new attempt key.",
            )
        if issued.voided:
            raise ApiProblem(
                409,
                "attempt_voided",
                f"The number of attempt {req.attempt_key} ({attempt.number}) was voided; "
                "ask with a new attempt key.",
            )
        return str(attempt.number)
    _check_open_attempts(conn, caller, req)
    number = _issue(conn, caller, req, tracking_format)
    conn.execute(
        insert(t.shipment_attempts).values(
            order_id=req.order_id,
            parcel_no=req.parcel_no,
            attempt_key=req.attempt_key,
            warehouse=caller.warehouse,
            number=number,
            printed=False,
            abandoned=False,
            created_at=now_iso(),
        )
    )
    return number


MAX_OPEN_ATTEMPTS = 5  # live numbers of one parcel that no station reported printed


def _check_open_attempts(conn: Connection, caller: Caller, req: ShipmentRequest) -> None:
    """A parcel holds at most MAX_OPEN_ATTEMPTS live, unprinted central numbers: one station
    token asking again and again with fresh keys cannot burn a shared range (it got 400
    numbers for one parcel in 2 s). The refusal is logged as an alert for IT."""
    open_attempts = conn.execute(
        select(func.count()).select_from(t.shipment_attempts.join(
            t.tracking_numbers, t.tracking_numbers.c.number == t.shipment_attempts.c.number))
        .where(t.shipment_attempts.c.order_id == req.order_id,
               t.shipment_attempts.c.parcel_no == req.parcel_no,
               t.shipment_attempts.c.printed.is_(False),
               t.shipment_attempts.c.abandoned.is_(False),
               t.tracking_numbers.c.voided.is_(False))
    ).scalar_one()
    if open_attempts >= MAX_OPEN_ATTEMPTS:
        log.warning("ALERT station %s asked for more than %d live numbers of %s parcel %d",
                    caller.station, MAX_OPEN_ATTEMPTS, req.order_id, req.parcel_no)
        raise ApiProblem(
            409, "too_many_attempts",
            f"Parcel {req.parcel_no} of order {req.order_id} already has {open_attempts} "
            "unprinted live numbers: print one of them, or void them, before asking again.")


def _issue(conn: Connection, caller: Caller, req: ShipmentRequest, tracking_format: str) -> str:
    number = _allocate(conn, req.carrier, tracking_format)
    conn.execute(
        insert(t.tracking_numbers).values(
            number=number,
            carrier=req.carrier,
            order_id=req.order_id,
            warehouse=caller.warehouse,
            parcel_no=req.parcel_no,
            source="central",
            voided=False,
            created_at=now_iso(),
        )
    )
    add_tracking_event(conn, number, "label_created", note=f"{req.carrier} {req.service}")
    return number


def _allocate(conn: Connection, carrier: str, tracking_format: str) -> str:
    """The next number of the central range that nobody has recorded yet.

    A number already in ``tracking_numbers`` (reported by a station before central reached
    it, or left by older data) is skipped, never issued twice and never a reason to stop.
    """
    while True:
        number = _next_of_range(conn, carrier, tracking_format)
        taken = conn.scalar(
            select(t.tracking_numbers.c.number).where(t.tracking_numbers.c.number == number)
        )
        if taken is None:
            return number


def _next_of_range(conn: Connection, carrier: str, tracking_format: str) -> str:
    row = conn.execute(
        update(t.central_ranges)
        .where(
            t.central_ranges.c.carrier == carrier,
            t.central_ranges.c.next <= t.central_ranges.c.end,
        )
        .values(next=t.central_ranges.c.next + 1)
        .returning(
            t.central_ranges.c.next,
            t.central_ranges.c.prefix,
            t.central_ranges.c.suffix,
            t.central_ranges.c.width,
        )
    ).first()
    if row is None:
        raise conflict(
            f"The central range of {carrier} has no numbers left (or none is set up). "
            "Print from the station's pool and ask IT to add a range."
        )
    return format_number(tracking_format, row.prefix, int(row.next) - 1, row.width, row.suffix)
