"""A lead's REPRINT and VOID from Lookup, for any parcel this station labelled: the same
label step and the same void rule as the pack screen (:meth:`Bench.lookup_label`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from station.domain.model import Order
from station.services.errors import InvalidInput
from station.services.label_step import LabelResult, LabelStep
from station.services.lead_roles import require_lead
from station.store import parcel_reads
from station.store.catalog import Catalog
from station.store.uow import StationStore


def reprint_from_lookup(
    store: StationStore, labels: LabelStep, by: str | None, order_id: str, parcel_no: int
) -> LabelResult:
    """A lead reprints a parcel's label from Lookup: the same number, audited by the label
    step with the lead's badge."""
    def read(conn: Connection) -> tuple[list[dict[str, Any]], Order | None]:
        require_lead(conn, by)
        return parcel_reads.order_parcels(conn, order_id), Catalog(conn).order(order_id)

    parcels, order = store.read(read)
    mine = [p for p in parcels if p["parcel_no"] == parcel_no]
    if order is None or not mine:
        raise InvalidInput("Parcel {n} of {order} has no label to reprint.", n=parcel_no,
                           order=order_id)
    count = len({p["parcel_no"] for p in parcels})
    if mine[-1]["status"] == "ready":  # voided (or never printed): a new label, a new number
        return labels.print_parcel(order, parcel_no, count, by)
    if not mine[-1]["tracking_number"]:
        raise InvalidInput("Parcel {n} of {order} has no label to reprint.", n=parcel_no,
                           order=order_id)
    return labels.reprint(order, parcel_no, count, by)


def void_from_lookup(
    store: StationStore, labels: LabelStep, by: str | None, order_id: str, parcel_no: int,
    reason: str,
) -> LabelResult:
    """A lead voids a parcel's label from Lookup; a shipped parcel's label stays. The label
    step retires the number for good and the parcel waits for a new label, so it can never
    be handed over under the dead number; ``relabel_from_lookup`` (or REPRINT) prints it."""
    lead, parcels = store.read(lambda conn: (
        require_lead(conn, by), parcel_reads.order_parcels(conn, order_id)))
    mine = [p for p in parcels if p["parcel_no"] == parcel_no]
    if not mine or mine[-1]["status"] != "labelled":
        raise InvalidInput("Parcel {n} of {order} has no label that can be voided.",
                           n=parcel_no, order=order_id)
    return labels.void(order_id, parcel_no, reason, lead)


def void_and_relabel(
    store: StationStore, labels: LabelStep, by: str | None, order_id: str, parcel_no: int,
    reason: str,
) -> tuple[LabelResult, LabelResult | None]:
    """Lookup's VOID in one step: the label voided, then the new label with a new number
    (the parcel is never left without one). The relabel is None when the void failed."""
    voided = void_from_lookup(store, labels, by, order_id, parcel_no, reason)
    if voided.verdict.code != "label_voided":
        return voided, None
    return voided, reprint_from_lookup(store, labels, by, order_id, parcel_no)
