"""Tracking numbers for the label step: from central when it answers (one attempt key per
request, stored before the call; an unanswered attempt is reported abandoned so central voids
what it may have issued), else from the local pool (offline, within a second), never a made-up
number for a carrier that sells every number through its API; a number this station used
before is refused. The carrier's own label is kept with its number."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection

from contract import (
    Carrier,
    EventKind,
    Shipment,
    ShipmentAbandoned,
    ShipmentRequest,
)
from station.domain.dim_weight import BilledWeight
from station.domain.model import Order, OrderStatus
from station.domain.verdict import Sound, Verdict, needs_action, stop
from station.labels.choice import LabelSetup
from station.store import label_store as labels_db
from station.store.outbox import audit, enqueue_event
from station.store.pool import PoolError, TrackingPool
from station.store.uow import StationStore
from station.sync.errors import CentralAuthError, CentralRejected, CentralUnavailable
from station.sync.status import SyncStatus


class ShipmentClient(Protocol):
    """The one central call the label step makes (``station.sync.client.CentralClient``)."""

    def create_shipment(self, request: ShipmentRequest,
                        timeout_s: float | None = None) -> Shipment: ...


@dataclass(frozen=True)
class LabelResult:
    """What the label step did for one parcel. ``printed`` only when the printer confirmed."""

    parcel_no: int
    printed: bool
    verdict: Verdict
    tracking: str | None = None
    png: bytes | None = None
    stopped: OrderStatus | None = None  # central says the order must not ship


@dataclass(frozen=True)
class LabelNumber:
    tracking: str
    source: str  # central | pool
    shipment: Shipment | None = None


def billed_dims(billed: BilledWeight) -> tuple[int | None, int | None, int | None]:
    """Length, width, height (mm) of the parcel as billed; None where unknown."""
    dims = billed.dims
    if dims is None:
        return None, None, None
    return dims.length_mm or None, dims.width_mm or None, dims.height_mm or None


_STOPPING = {"order_intercepted": OrderStatus.INTERCEPTED, "order_cancelled": OrderStatus.CANCELLED}


class LabelNumbers:
    """Where a parcel's number comes from, and the state that decides it (central believed
    reachable or quiet after a failure, the pool's levels)."""

    def __init__(
        self,
        store: StationStore,
        *,
        pool: TrackingPool | None,
        client: ShipmentClient | None,
        status: SyncStatus | None,
        setup_for: Callable[[Carrier], LabelSetup],
        pool_budget_s: float,
        clock: Callable[[], float],
    ) -> None:
        self.store = store
        self.pool = pool
        self.client = client
        self.status = status
        self.setup_for = setup_for
        self._carrier_labels: dict[str, Shipment] = {}  # by number, this run only
        # A carrier with numbers in the local pool waits at most this long for central: the
        # label prints within a second whatever the network path does.
        self.pool_budget_s = pool_budget_s
        self._clock = clock
        # After central's shipment call failed (hung, swallowed, down) labels skip it for a
        # while, whatever the pull loop finds: /v1/changes answering says nothing about
        # /v1/shipments. Doubles per failure up to 2 minutes; a success clears it.
        self._quiet_until = 0.0
        self._quiet_s = 0.0

    # ------------------------------------------------------------------ reads
    def carrier(self, code: str) -> Carrier:
        return self.store.read(lambda conn: labels_db.carrier(conn, code))

    def staging_lane(self, carrier_code: str) -> str | None:
        """Where parcels of this carrier wait for pickup."""
        return self.store.read(lambda conn: labels_db.staging_lane(conn, carrier_code))

    # ------------------------------------------------------------------ numbers
    def _assign(self, order: Order, parcel_no: int, parcel_count: int,
                billed: BilledWeight, operator: str | None = None) -> LabelNumber | LabelResult:
        key = uuid.uuid4().hex
        online_only = self.carrier(order.carrier).offline_policy == "online_only"
        pooled = not online_only and self._pool_has(order.carrier)
        if self.client is not None and (self._central_reachable() or not pooled):
            self.store.run(lambda conn: labels_db.record_attempt(
                conn, order.order_id, parcel_no, key))
            length, width, height = billed_dims(billed)
            label_w, label_h, dpi, cjk = self._printer_label(order.carrier)
            request = ShipmentRequest(
                order_id=order.order_id, parcel_no=parcel_no, parcel_count=parcel_count,
                carrier=order.carrier, service=order.service, weight_g=billed.actual_g,
                attempt_key=key, length_mm=length, width_mm=width, height_mm=height,
                dim_weight_g=billed.dim_weight_g, billed_weight_g=billed.billed_g,
                label_width_mm=label_w, label_height_mm=label_h, printer_dpi=dpi,
                resident_cjk=cjk,
            )
            budget = self.pool_budget_s if pooled else None
            try:
                shipment = self.client.create_shipment(request, timeout_s=budget)
            except CentralAuthError as exc:
                # The station's token, not the order, was refused (revoked, expired): like
                # central being away, so a pool carrier still labels; the status says why.
                self._mark_offline(str(exc), exc.reason)
                self.store.run(lambda conn: labels_db.close_attempt(conn, key, "refused"))
                key = uuid.uuid4().hex
            except CentralRejected as exc:
                self.store.run(lambda conn: labels_db.close_attempt(conn, key, "refused"))
                return self._refused(order, parcel_no, exc.code, str(exc), operator)
            except CentralUnavailable as exc:
                self._mark_offline(str(exc), exc.reason)
                self.store.run(lambda conn: self._abandon(conn, order.order_id, parcel_no, key,
                                                          "no answer"))
                key = uuid.uuid4().hex  # the pool attempt is a new one
            else:
                self._mark_online()
                return self.store.run(lambda conn: self._central_number(
                    conn, order.order_id, parcel_no, key, shipment))
        if online_only:
            # The carrier sells every number through its API: a pool number would be one it
            # never issued. The parcel waits; REPRINT asks again (with a new attempt key).
            return LabelResult(parcel_no, False, needs_action(
                "label_waiting",
                "{carrier} labels come only from {carrier}'s system, and the central server "
                "cannot be reached now: nothing printed. Put parcel {n} on the waiting shelf; "
                "scan PRINT-WAITING when the network is back.", Sound.PROMPT,
                carrier=order.carrier, n=parcel_no))
        if self.pool is None:
            return LabelResult(parcel_no, False, stop(
                "no_number",
                "The central server cannot be reached and this station has no number pool."))
        pool = self.pool

        def take(conn: Connection) -> LabelNumber:
            number = pool.take(order.carrier, f"{order.order_id}/{parcel_no}", conn)
            labels_db.keep_pool_number(conn, order.order_id, parcel_no, key, number)
            labels_db.set_live(conn, order.order_id, parcel_no, number, "pool")
            return LabelNumber(number, "pool")

        try:
            return self.store.run(take)
        except PoolError as exc:
            return LabelResult(parcel_no, False, stop("pool_empty", "{reason}",
                                                      reason=str(exc)))

    def _printer_label(self, carrier_code: str) -> tuple[int, int, int, bool]:
        """The label this printer takes for the carrier: a carrier's API is asked for exactly
        this size and dpi (a 203 dpi label on a 300 dpi printer prints at two thirds)."""
        setup = self.setup_for(self.carrier(carrier_code))
        size = re.search(r"(\d+)x(\d+)$", setup.template)
        width, height = (int(size.group(1)), int(size.group(2))) if size else (100, 150)
        return width, height, setup.dpi, bool(setup.options.zpl_cjk_font)

    def _central_reachable(self) -> bool:
        """False when the sync loop found central down, or the last label call failed a
        moment ago (then the pool labels without waiting on central again)."""
        if self._clock() < self._quiet_until:
            return False
        return self.status is None or self.status.snapshot.online is not False

    def _pool_has(self, carrier: str) -> bool:
        return self.pool is not None and self.pool.level(carrier).remaining > 0

    def _mark_offline(self, why: str, reason: str = "unreachable") -> None:
        if reason != "unreachable":
            # Central's address answers (the pull loop may well say "online") but the label
            # call hung, was swallowed or answered garbage: do not trust "online" for a while.
            self._quiet_s = min(120.0, max(15.0, self._quiet_s * 2))
            self._quiet_until = self._clock() + self._quiet_s
        if self.status is not None:
            self.status.update(online=False, reason=reason, last_error=why)

    def _mark_online(self) -> None:
        self._quiet_s, self._quiet_until = 0.0, 0.0
        if self.status is not None:
            self.status.update(online=True, reason=None)

    @staticmethod
    def _abandon(conn: Connection, order_id: str, parcel_no: int, key: str,
                 reason: str) -> None:
        """Central may have issued a number we never saw: have it voided there."""
        labels_db.close_attempt(conn, key, "abandoned")
        enqueue_event(conn, EventKind.SHIPMENT_ABANDONED, ShipmentAbandoned(
            order_id=order_id, parcel_no=parcel_no, attempt_key=key, reason=reason),
            order_id=order_id)

    def abandon_unanswered(self) -> int:
        """After a restart: requests that never got an answer are reported abandoned."""
        def write(conn: Connection) -> int:
            rows = labels_db.unanswered(conn)
            for r in rows:
                self._abandon(conn, r.order_id, r.parcel_no, r.attempt_key, "station restarted")
            return len(rows)

        return self.store.run(write)

    def _central_number(self, conn: Connection, order_id: str, parcel_no: int, key: str,
                        shipment: Shipment) -> LabelNumber | LabelResult:
        number = shipment.tracking_number
        known = labels_db.number_status(conn, number)
        if known is not None:
            # A number this station already used (voided, or another parcel's): never again.
            labels_db.close_attempt(conn, key, "refused")
            audit(conn, "central_number_refused", None, order_id, parcel_no=parcel_no,
                  tracking=number, was=known)
            return LabelResult(parcel_no, False, stop(
                "number_reused",
                "Central sent tracking number {tracking}, which this station already used "
                "or voided. Nothing printed: ask IT to check the central server.",
                tracking=number))
        labels_db.keep_central_number(conn, key, shipment)
        labels_db.set_live(conn, order_id, parcel_no, number, "central")
        if shipment.label_format == "station":  # central's own range: our template draws it
            return LabelNumber(number, "central")
        self._carrier_labels[number] = shipment
        return LabelNumber(number, "central", shipment)

    def _shipment_of(self, number: str, order: Order) -> Shipment | None:
        """The label the carrier sent with ``number``: this run's, else the one kept with the
        number (after a restart), else None (a pool number: the station draws it)."""
        cached = self._carrier_labels.get(number)
        if cached is not None:
            return cached
        row = self.store.read(lambda conn: labels_db.carrier_label(conn, number))
        if row is None or not row.carrier_label or row.carrier_label_format not in (
                "zpl", "pdf", "platform"):
            return None
        shipment = Shipment(tracking_number=number, carrier=order.carrier, service=order.service,
                            label_format=row.carrier_label_format, label_data=row.carrier_label)
        self._carrier_labels[number] = shipment
        return shipment

    def _refused(self, order: Order, parcel_no: int, code: str | None,
                 message: str, operator: str | None = None) -> LabelResult:
        stopped = _STOPPING.get(code or "")
        if stopped is not None:
            def write(conn: Connection) -> None:
                labels_db.set_order_status(conn, order.order_id, stopped.value)
                audit(conn, "central_refused_label", operator, order.order_id,
                      parcel_no=parcel_no, code=code)

            self.store.run(write)
            return self._stopped(parcel_no, stopped)
        return LabelResult(parcel_no, False, stop(
            "central_refused", "Central refused the label: {message} Nothing printed: take "
            "the parcel to the lead.", message=message))

    @staticmethod
    def _stopped(parcel_no: int, status: OrderStatus) -> LabelResult:
        return LabelResult(parcel_no, False, stop(
            "order_stopped_at_label",
            "STOP: order is {status}. Do not ship it: no label printed. Take it to the lead.",
            Sound.WRONG_ITEM, status=str(status)), stopped=status)

