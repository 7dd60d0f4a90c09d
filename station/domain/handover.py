"""The carrier handover as plain values: a manifest (交接单) of one pickup, the parcels it
expects and the parcels the driver took, and what one handover scan means.

No I/O: the store builds :class:`ParcelFacts` from its tables and :class:`Manifest` from a
manifest's rows; :func:`judge_scan` decides, and the service records what it decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from station.domain.verdict import Sound, Verdict, needs_action, ok, stop


class ManifestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class ParcelFacts:
    """What the station knows about a scanned tracking number (built by the store).

    ``parcel_id`` is None when the number is not the live label of any parcel here;
    ``voided_order`` then says whether it was a label of ours that a lead voided.
    """

    tracking_number: str
    parcel_id: int | None = None
    order_id: str | None = None
    parcel_no: int | None = None
    status: str | None = None  # parcels.status: ready / labelled / shipped / void
    carrier: str | None = None
    warehouse: str | None = None
    order_status: str | None = None
    weight_g: int | None = None
    manifest_id: str | None = None  # the manifest it is on, if any
    manifest_status: str | None = None
    voided_order: str | None = None


@dataclass(frozen=True, slots=True)
class ManifestLine:
    """One parcel on a manifest (scanned) or expected on it."""

    tracking_number: str
    order_id: str
    parcel_no: int
    weight_g: int | None
    scanned_by: str | None = None
    scanned_at: str | None = None


@dataclass(frozen=True, slots=True)
class ManifestHead:
    """A manifest's own row: which carrier, which pickup, open or closed, by whom."""

    manifest_id: str
    carrier: str
    pickup: str
    warehouse: str
    status: ManifestStatus
    opened_by: str
    opened_at: str
    closed_by: str | None = None
    closed_at: str | None = None
    reopened: int = 0

    @property
    def is_open(self) -> bool:
        return self.status is ManifestStatus.OPEN


@dataclass(frozen=True)
class Manifest:
    """One pickup of one carrier: what was expected, what the driver took."""

    head: ManifestHead
    scanned: tuple[ManifestLine, ...] = ()
    waiting: tuple[ManifestLine, ...] = field(default=())  # labelled, not on any manifest

    @property
    def manifest_id(self) -> str:
        return self.head.manifest_id

    @property
    def carrier(self) -> str:
        return self.head.carrier

    @property
    def is_open(self) -> bool:
        return self.head.is_open

    @property
    def expected(self) -> int:
        """Labelled parcels of this carrier that should leave with this pickup."""
        return len(self.scanned) + len(self.waiting)

    @property
    def missing(self) -> tuple[ManifestLine, ...]:
        """Expected but not (yet) scanned: still in the staging lane, or lost."""
        return self.waiting

    @property
    def total_weight_g(self) -> int:
        return sum(line.weight_g or 0 for line in self.scanned)


STOPPED_ORDER_STATUSES = frozenset({"cancelled", "intercepted"})


def judge_scan(
    manifest: ManifestHead, facts: ParcelFacts, warehouse: str, scanned: int
) -> Verdict:
    """What a handover scan of ``facts.tracking_number`` onto ``manifest`` means
    (``scanned``: parcels on the manifest before this scan).

    Only the first verdict (``handover_accepted``) puts the parcel on the manifest; every
    other one is a foreign or repeated parcel the driver must not take, each with its own
    code and sound.
    """
    number = facts.tracking_number
    if not manifest.is_open:
        return stop("handover_manifest_closed",
                    "Manifest {manifest} is closed. A lead reopens it to add parcels.",
                    Sound.ERROR, manifest=manifest.manifest_id)
    if facts.parcel_id is None:
        if facts.voided_order is not None:
            return stop("handover_voided",
                        "VOIDED label {tracking} (order {order}): take it back, it must not "
                        "ship.", Sound.VOIDED_LABEL, tracking=number, order=facts.voided_order)
        return stop("handover_unknown",
                    "Unknown parcel {tracking}: not labelled at this warehouse. Take it back.",
                    Sound.UNKNOWN_PARCEL, tracking=number)
    if facts.manifest_id == manifest.manifest_id:
        return needs_action("handover_scanned_twice",
                            "{tracking} was already scanned onto this manifest.",
                            Sound.SCANNED_TWICE, tracking=number)
    if facts.warehouse is not None and facts.warehouse != warehouse:
        return stop("handover_other_warehouse",
                    "{tracking} belongs to warehouse {warehouse}, not this one. Take it back.",
                    Sound.OTHER_WAREHOUSE, tracking=number, warehouse=facts.warehouse)
    if facts.status == "shipped" or facts.manifest_status == ManifestStatus.CLOSED:
        return stop("handover_already_shipped",
                    "{tracking} was already shipped on manifest {manifest}.",
                    Sound.ALREADY_SHIPPED, tracking=number, manifest=facts.manifest_id or "—")
    if facts.manifest_id is not None:
        return stop("handover_on_other_manifest",
                    "{tracking} is on open manifest {manifest} already. Take it back.",
                    Sound.ALREADY_SHIPPED, tracking=number, manifest=facts.manifest_id)
    if facts.status in ("void", "voided"):
        return stop("handover_voided",
                    "VOIDED label {tracking} (order {order}): take it back, it must not ship.",
                    Sound.VOIDED_LABEL, tracking=number, order=facts.order_id or "—")
    if facts.carrier != manifest.carrier:
        return stop("handover_other_carrier",
                    "{tracking} goes with {carrier}, not {manifest_carrier}. Take it back.",
                    Sound.OTHER_CARRIER, tracking=number, carrier=facts.carrier or "—",
                    manifest_carrier=manifest.carrier)
    if facts.order_status in STOPPED_ORDER_STATUSES:
        return stop("handover_order_stopped",
                    "Order {order} is {status}: {tracking} must not ship. Take it back.",
                    Sound.ORDER_STOPPED, order=facts.order_id or "—",
                    status=facts.order_status or "", tracking=number)
    if facts.status != "labelled":
        return stop("handover_not_labelled",
                    "{tracking} has no printed label on record. Take it back.",
                    Sound.UNKNOWN_PARCEL, tracking=number)
    return ok("handover_accepted", "{tracking} handed over: {scanned} on the manifest.",
              Sound.ACCEPT, tracking=number, scanned=scanned + 1)
