"""The label step's SQL: parcels' live numbers, every number a parcel ever had, attempts.

``parcels`` holds each parcel's live number (source, last failure, print count);
``parcel_labels`` every number a parcel ever had, with its attempt key, status (requested,
assigned, printed, voided, refused, abandoned) and the carrier's own label. The rules (when a
number is taken, when it is retired) live in ``station.services.label_step``; each function
here is one step of a unit of work the service opens through ``StationStore``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Row, insert, select, text, update

from contract import Carrier, CarrierService, Shipment
from station.store.outbox import utcnow_iso
from station.store.tables import carrier_services, carriers, orders, parcel_labels, parcels


def carrier(conn: Connection, code: str) -> Carrier:
    row = conn.execute(select(carriers).where(carriers.c.code == code)).one()
    services = conn.execute(
        select(carrier_services).where(carrier_services.c.carrier == code)
    ).all()
    return Carrier(
        code=row.code, name=row.name, name_zh=row.name_zh,
        tracking_format=row.tracking_format,
        services=[CarrierService(code=s.code, name=s.name) for s in services],
        mask_recipient=bool(row.mask_recipient), staging_lane=row.staging_lane,
        dim_divisor=row.dim_divisor, offline_policy=row.offline_policy or "pool",
    )


def staging_lane(conn: Connection, carrier_code: str) -> str | None:
    return conn.execute(
        select(carriers.c.staging_lane).where(carriers.c.code == carrier_code)
    ).scalar_one_or_none()


def parcel(conn: Connection, order_id: str, parcel_no: int) -> Row[Any] | None:
    """The parcel's newest row (a voided parcel keeps its old rows)."""
    return conn.execute(select(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
    ).order_by(parcels.c.id.desc())).first()


def live_parcel(conn: Connection, order_id: str, parcel_no: int) -> Row[Any] | None:
    """The parcel row that can still carry a live number (ready or labelled)."""
    return conn.execute(select(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.status.in_(("ready", "labelled")),
    ).order_by(parcels.c.id.desc())).first()


def note_waiting(conn: Connection, order_id: str, parcel_no: int, message: str) -> None:
    """Why a ready parcel has no label yet (kept until something else is said)."""
    conn.execute(update(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.status == "ready", parcels.c.label_error.is_(None),
    ).values(label_error=message[:500]))


def note_failure(conn: Connection, order_id: str, parcel_no: int, tracking: str,
                 message: str) -> None:
    """The label with ``tracking`` did not come out: why, for the screen and REPRINT."""
    conn.execute(update(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.tracking_number == tracking,
    ).values(label_error=message[:500]))


def retire(conn: Connection, row: Row[Any], reason: str, lead: str) -> str:
    """Void the parcel's live number for good and free the parcel for a new one; returns
    whether the number came from the local pool ("taken" there) or not ("")."""
    number = row.tracking_number
    now = utcnow_iso()
    retired = conn.execute(
        update(parcel_labels).where(parcel_labels.c.tracking_number == number)
        .values(status="voided", voided_at=now, voided_by=lead, reason=reason)
    ).rowcount
    if not retired:  # labelled before this table kept every number: keep it now
        conn.execute(insert(parcel_labels).values(
            order_id=row.order_id, parcel_no=row.parcel_no, attempt_key=uuid.uuid4().hex,
            tracking_number=number, source=row.label_source or "central",
            status="voided", created_at=now, voided_at=now, voided_by=lead, reason=reason))
    in_pool = conn.execute(text("SELECT status FROM pool_number WHERE number = :n"),
                           {"n": number}).scalar_one_or_none()
    conn.execute(update(parcels).where(parcels.c.id == row.id).values(
        status="ready", tracking_number=None, label_source=None, label_error=None,
        printed_at=None))
    return str(in_pool or "")


def record_attempt(conn: Connection, order_id: str, parcel_no: int, key: str) -> None:
    """Recorded before the request: a crash during it leaves a trace to abandon."""
    conn.execute(insert(parcel_labels).values(
        order_id=order_id, parcel_no=parcel_no, attempt_key=key, tracking_number=None,
        source="central", status="requested", created_at=utcnow_iso()))


def close_attempt(conn: Connection, key: str, status: str) -> None:
    conn.execute(update(parcel_labels).where(parcel_labels.c.attempt_key == key)
                 .values(status=status))


def unanswered(conn: Connection) -> list[Row[Any]]:
    """Attempts still waiting for central's answer (a restart abandons them)."""
    return list(conn.execute(select(parcel_labels).where(
        parcel_labels.c.status == "requested")).all())


def number_status(conn: Connection, number: str) -> str | None:
    """What this station did with ``number`` before, if anything."""
    return conn.execute(select(parcel_labels.c.status).where(
        parcel_labels.c.tracking_number == number)).scalar_one_or_none()


def keep_central_number(conn: Connection, key: str, shipment: Shipment) -> None:
    """Central's answer to attempt ``key``: its number and the carrier's own label."""
    conn.execute(update(parcel_labels).where(parcel_labels.c.attempt_key == key)
                 .values(tracking_number=shipment.tracking_number, status="assigned",
                         carrier_label_format=shipment.label_format,
                         carrier_label=shipment.label_data))


def keep_pool_number(conn: Connection, order_id: str, parcel_no: int, key: str,
                     number: str) -> None:
    conn.execute(insert(parcel_labels).values(
        order_id=order_id, parcel_no=parcel_no, attempt_key=key, tracking_number=number,
        source="pool", status="assigned", created_at=utcnow_iso()))


def carrier_label(conn: Connection, number: str) -> Any:
    """The label document the carrier sent with ``number`` (format, data), if kept."""
    return conn.execute(select(
        parcel_labels.c.carrier_label_format, parcel_labels.c.carrier_label).where(
        parcel_labels.c.tracking_number == number)).first()


def set_live(conn: Connection, order_id: str, parcel_no: int, number: str,
             source: str) -> None:
    conn.execute(update(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.status == "ready",
    ).values(tracking_number=number, label_source=source, label_error=None))


def set_order_status(conn: Connection, order_id: str, status: str) -> None:
    conn.execute(update(orders).where(orders.c.order_id == order_id).values(status=status))


def record_printed(conn: Connection, order_id: str, parcel_no: int, number: str, *,
                   reprint: bool, billed_g: int, billed_by: str) -> str:
    """The label with ``number`` came out; returns the time recorded. A reprint leaves the
    parcel where it is (labelled or shipped) and counts one more print."""
    now = utcnow_iso()
    done: dict[str, Any] = {"printed_at": now, "label_error": None,
                            "print_count": parcels.c.print_count + 1}
    if not reprint:
        done.update(status="labelled", billed_g=billed_g, billed_by=billed_by)
    conn.execute(update(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.tracking_number == number,
    ).values(**done))
    if not reprint:
        conn.execute(update(parcel_labels).where(
            parcel_labels.c.tracking_number == number,
        ).values(status="printed", printed_at=now))
    return now


def mark_waiting_after_void(conn: Connection, order_id: str, parcel_no: int) -> None:
    """After a void the new label waits for REPRINT: the packer takes the old one off first."""
    conn.execute(update(parcels).where(
        parcels.c.order_id == order_id, parcels.c.parcel_no == parcel_no,
        parcels.c.status == "ready",
    ).values(label_error="voided"))


def voided_numbers(conn: Connection, order_id: str) -> dict[int, list[str]]:
    """Every number voided on each parcel of the order, oldest first."""
    voided: dict[int, list[str]] = {}
    for r in conn.execute(select(parcel_labels.c.parcel_no, parcel_labels.c.tracking_number)
                          .where(parcel_labels.c.order_id == order_id,
                                 parcel_labels.c.status == "voided")
                          .order_by(parcel_labels.c.id)):
        voided.setdefault(r.parcel_no, []).append(r.tracking_number)
    return voided


def session_parcels(conn: Connection, session_id: int) -> list[Row[Any]]:
    """The live parcels of one pack session."""
    return list(conn.execute(select(parcels).where(parcels.c.session_id == session_id,
                                                   parcels.c.status != "void")).all())


def set_size(conn: Connection, parcel_id: int, length_mm: int | None, width_mm: int | None,
             height_mm: int | None) -> None:
    """The parcel's measured size (the dimensioner's), kept with it."""
    conn.execute(update(parcels).where(parcels.c.id == parcel_id).values(
        length_mm=length_mm, width_mm=width_mm, height_mm=height_mm))
