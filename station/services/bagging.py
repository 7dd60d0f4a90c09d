"""Handover by bag or cage (集包): parcels go into a bag at the handover screen, the bag is
sealed with its seal number, and at the truck one scan of the bag hands every parcel in it
over onto the manifest.

The steps run inside :class:`~station.services.handover.HandoverService`'s one transaction
per scan, on the manifest open at the screen (its carrier is the bag's):

- a bag tag (``BAG-…`` or ``CAGE-…``) not seen before opens it for filling (one open bag per
  carrier; a second asks to seal the first); scanning an open bag resumes it;
- a parcel scanned while the carrier's bag is open goes into the bag (judged as a handover
  scan would judge it, and in no other bag), not yet onto the manifest;
- ``SEAL:<number>`` seals the open bag with that seal number;
- a sealed bag scanned at the truck: every parcel is judged again (an order may have been
  intercepted since it was bagged); all good, they all go onto the manifest at once and the
  bag with its seal is on the sheet; any that must not ship, the bag is opened again and the
  lead is told which to take out (``CMD:OUT-OF-BAG``, then the parcel), then seals it again.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from contract import EventKind, HandoverScanned
from station.domain.handover import ManifestHead, ParcelFacts, judge_scan
from station.domain.verdict import Sound, Verdict, needs_action, ok, stop
from station.store import bag_store
from station.store import handover_store as store
from station.store.outbox import audit, enqueue_event, utcnow_iso

BAG_CODE = re.compile(r"^(BAG|CAGE)-[0-9A-Z][0-9A-Z\-]{0,40}$")
SEAL_PREFIX = "SEAL:"
_SEAL = re.compile(r"^[0-9A-Z\-]{3,64}$")


def is_bag(code: str) -> bool:
    return bool(BAG_CODE.match(code))


def scan_bag(conn: Connection, lead: str, head: ManifestHead, warehouse: str,
             bag_code: str, reweigh: Callable[[], Verdict | None] | None = None) -> Verdict:
    """A bag tag scanned at the handover screen (see the module's docstring)."""
    bag = bag_store.get(conn, bag_code)
    if bag is None:
        current = bag_store.open_bag_of(conn, head.carrier)
        if current is not None:
            return needs_action("bag_seal_first",
                                "Bag {bag} is still open: seal it first (SEAL:<number>).",
                                Sound.ERROR, bag=current)
        bag_store.create(conn, bag_code, head.carrier, lead, utcnow_iso())
        audit(conn, "bag_opened", lead, bag_code, carrier=head.carrier)
        return ok("bag_opened", "Bag {bag} opened for {carrier}: scan its parcels, then "
                  "SEAL:<number>.", Sound.PROMPT, bag=bag_code, carrier=head.carrier)
    if bag.carrier != head.carrier:
        return stop("bag_other_carrier", "Bag {bag} goes with {carrier}, not {manifest_carrier}.",
                    Sound.OTHER_CARRIER, bag=bag_code, carrier=bag.carrier,
                    manifest_carrier=head.carrier)
    if bag.status == "open":
        current = bag_store.open_bag_of(conn, head.carrier)
        if current not in (None, bag_code):
            return needs_action("bag_seal_first",
                                "Bag {bag} is still open: seal it first (SEAL:<number>).",
                                Sound.ERROR, bag=current)
        return ok("bag_resumed", "Bag {bag} is open with {n} parcels: scan more, then "
                  "SEAL:<number>.", Sound.PROMPT, bag=bag_code, n=bag.parcels)
    if bag.status == "handed":
        return needs_action("bag_scanned_twice", "Bag {bag} was already handed over on "
                            "manifest {manifest}.", Sound.SCANNED_TWICE, bag=bag_code,
                            manifest=bag.manifest_id or "—")
    refused = reweigh() if reweigh is not None else None
    if refused is not None:  # re-weighing at the handover refused the sealed bag
        return refused
    return _hand_over(conn, lead, head, warehouse, bag_code, bag.seal)


def _hand_over(conn: Connection, lead: str, head: ManifestHead, warehouse: str, bag_code: str,
               seal: str | None) -> Verdict:
    parcels = bag_store.parcel_facts(conn, bag_code)
    scanned = store.count(conn, head.manifest_id)
    refused: list[tuple[str, Verdict]] = []
    for facts in parcels:
        verdict = judge_scan(head, facts, warehouse, scanned)
        if verdict.code != "handover_accepted":
            refused.append((facts.tracking_number, verdict))
    if refused:
        bag_store.set_status(conn, bag_code, "open")  # the seal is cut to take them out
        audit(conn, "handover_refused", lead, head.manifest_id, tracking=bag_code,
              code="bag_holds_refused", parcels=[n for n, _v in refused])
        return stop("bag_holds_refused",
                    "Bag {bag} must not go: {n} parcels in it must not ship ({parcels}). Open "
                    "it, take them out (CMD:OUT-OF-BAG, then each parcel), seal it again and "
                    "scan it again.", Sound.ORDER_STOPPED, bag=bag_code, n=len(refused),
                    parcels=", ".join(n for n, _v in refused[:10]))
    at = utcnow_iso()
    try:
        with conn.begin_nested():
            store.add_lines(conn, head.manifest_id, [
                (f.tracking_number, f.parcel_id or 0, f.weight_g) for f in parcels], lead, at)
    except (IntegrityError, sqlite3.IntegrityError):  # another bench took one meanwhile
        return stop("bag_parcel_taken", "A parcel of bag {bag} went onto another manifest "
                    "meanwhile: nothing of the bag is handed over. Scan the bag again.",
                    Sound.ALREADY_SHIPPED, bag=bag_code)
    for f in parcels:
        enqueue_event(conn, EventKind.HANDOVER_SCANNED, HandoverScanned(
            manifest_id=head.manifest_id, carrier=head.carrier, tracking_number=f.tracking_number,
        ), order_id=f.order_id)
    bag_store.set_status(conn, bag_code, "handed", seal=seal, at=at,
                         manifest_id=head.manifest_id)
    audit(conn, "bag_handed_over", lead, head.manifest_id, bag=bag_code, seal=seal,
          parcels=len(parcels))
    return ok("bag_handed_over", "Bag {bag} (seal {seal}) handed over: {n} parcels, {scanned} "
              "on the manifest.", Sound.DONE, bag=bag_code, seal=seal or "—", n=len(parcels),
              scanned=scanned + len(parcels))


def into_bag(conn: Connection, lead: str, bag_code: str, facts: ParcelFacts) -> Verdict:
    """A parcel the handover accepts, put into the open bag instead of onto the manifest."""
    assert facts.parcel_id is not None
    other = bag_store.bag_of_parcel(conn, facts.parcel_id)
    if other == bag_code:
        return needs_action("bag_parcel_twice", "{tracking} is in bag {bag} already.",
                            Sound.SCANNED_TWICE, tracking=facts.tracking_number, bag=bag_code)
    if other is not None:
        return stop("bag_parcel_elsewhere", "{tracking} is in bag {bag}. Take it back.",
                    Sound.ALREADY_SHIPPED, tracking=facts.tracking_number, bag=other)
    bag_store.add(conn, bag_code, facts.parcel_id, facts.tracking_number, facts.weight_g, lead,
                  utcnow_iso())
    bag = bag_store.get(conn, bag_code)
    return ok("bag_parcel_added", "{tracking} into bag {bag}: {n} parcels.", Sound.ACCEPT,
              tracking=facts.tracking_number, bag=bag_code, n=bag.parcels if bag else 1)


def seal(conn: Connection, lead: str, head: ManifestHead, raw: str) -> Verdict:
    number = raw[len(SEAL_PREFIX):].strip().upper()
    current = bag_store.open_bag_of(conn, head.carrier)
    if current is None:
        return stop("bag_none_open", "No bag is open: scan a bag tag first.", Sound.ERROR)
    if not _SEAL.match(number):
        return stop("bag_bad_seal", "That is not a seal number: scan the seal's barcode.",
                    Sound.ERROR)
    bag = bag_store.get(conn, current)
    if bag is None or bag.parcels == 0:
        return stop("bag_empty", "Bag {bag} is empty: scan its parcels before sealing it.",
                    Sound.ERROR, bag=current)
    bag_store.set_status(conn, current, "sealed", seal=number, at=utcnow_iso())
    audit(conn, "bag_sealed", lead, current, seal=number, parcels=bag.parcels)
    return ok("bag_sealed", "Bag {bag} sealed ({seal}) with {n} parcels: scan the bag when the "
              "driver takes it.", Sound.DONE, bag=current, seal=number, n=bag.parcels)


def out_of_bag(conn: Connection, lead: str, head: ManifestHead, facts: ParcelFacts) -> Verdict:
    """A parcel taken out of the carrier's open bag (CMD:OUT-OF-BAG, then the parcel)."""
    current = bag_store.open_bag_of(conn, head.carrier)
    if current is None or facts.parcel_id is None or not bag_store.remove(
            conn, current, facts.parcel_id):
        return stop("bag_not_in_bag", "{tracking} is not in the open bag.", Sound.ERROR,
                    tracking=facts.tracking_number)
    audit(conn, "bag_parcel_removed", lead, current, tracking=facts.tracking_number)
    return ok("bag_parcel_removed", "{tracking} taken out of bag {bag}.", Sound.ACCEPT,
              tracking=facts.tracking_number, bag=current)
