"""The open pack session of a bench and its record in the store: open an order, commit each
outcome's events (with their outbox and audit rows) before applying them, and rebuild the
session from the store after a restart or a refused commit, so the screen never shows what
the disk does not hold."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from station.domain.events import EventType
from station.domain.model import OrderStatus, SkuBarcode
from station.domain.session import TERMINAL, Outcome, PackSession, PackState
from station.domain.verdict import Verdict, ok, stop
from station.services.errors import NoOpenSession, ReferenceDataMissing, StoreUnavailable
from station.services.login import BenchLogin
from station.services.pack_effects import record_side_effects
from station.services.policy import PackPolicy
from station.store import pack_store
from station.store.db import describe_db_error
from station.store.uow import StationStore, StoreError

_ENDED = {
    PackState.FINISHED, PackState.HELD, PackState.RETURNED_TO_PICK, PackState.ORDER_STOPPED,
    PackState.LABEL_WAITING,
}


class PackRecord(BenchLogin):
    """The bench's open pack session, kept in step with the store."""

    def __init__(self, store: StationStore | Engine, station_id: str,
                 policy: PackPolicy | None = None) -> None:
        super().__init__(store, station_id, policy)
        self.session: PackSession | None = None
        self.session_id: int | None = None
        self._seq = 0
        self._index: dict[str, SkuBarcode] = {}

    def resume(self) -> PackSession | None:
        """Rebuild this station's unfinished session from the store (after a restart)."""

        def load() -> tuple[int, PackSession, int] | None:
            found = pack_store.open_session(self._conn, self.station_id)
            return None if found is None else self._load_session(*found)

        try:
            loaded = self._in_transaction(load)
        except KeyError as exc:
            raise ReferenceDataMissing(
                "The open pack session needs {what}, which this station no longer knows. "
                "Ask IT to check the product and order sync.",
                what=str(exc.args[0]),
            ) from None
        if loaded is None:
            self.session, self.session_id, self._seq = None, None, 0
            return None
        self.session_id, self.session, self._seq = loaded
        self._index = self._barcode_index(self.session)
        return self.session

    def _load_session(self, sid: int, order_id: str) -> tuple[int, PackSession, int]:
        session = self._new_session(order_id)
        events = pack_store.load_events(self._conn, sid)
        for event in events:
            session.apply(event)
        return sid, session, len(events)

    def _open(self, order_id: str) -> Verdict:
        operator = self._require_login()
        active = self._active()
        if active is not None:
            if active.order.order_id == order_id:
                return ok("already_open", "Order {order} is open.", order=order_id)
            return active.scan_other_order(order_id).verdict
        try:
            session = self._in_transaction(lambda: self._new_session(order_id))
        except KeyError as exc:
            return stop(
                "unknown_product",
                "Order {order} holds item {sku} that this station does not know yet. Ask IT "
                "to check the product sync.",
                order=order_id,
                sku=str(exc.args[0]),
            )
        outcome = session.open(operator.badge)
        if not outcome.events:
            return outcome.verdict
        self.session, self.session_id, self._seq = session, None, 0
        self._index = self._barcode_index(session)
        return self._record(outcome)

    def _new_session(self, order_id: str) -> PackSession:
        order = self.catalog.order(order_id)
        if order is None:
            raise KeyError(order_id)
        wanted = {line.sku for line in order.lines}
        skus = self.catalog.skus(wanted)
        for sku in wanted:
            if sku not in skus:
                raise KeyError(sku)
        return PackSession(order, skus, self.catalog.packaging(),
                           default_tolerance=self.policy.default_tolerance)

    @staticmethod
    def _barcode_index(session: PackSession) -> dict[str, SkuBarcode]:
        return {b.code: b for sku in session.skus.values() for b in sku.barcodes}

    def _guarded(self, decide: Callable[[], Outcome]) -> Verdict:
        """Check the order was not cancelled/intercepted before a step towards a label."""
        session = self._require_session()
        order_id = session.order.order_id
        status = self._in_transaction(lambda: self.catalog.order_status(order_id))
        if status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
            return self._record(session.order_stopped(status))
        return self._record(decide())

    def _record(
        self,
        outcome: Outcome,
        audit_as: str | None = None,
        extra: Callable[[Connection], None] | None = None,
    ) -> Verdict:
        """Commit the outcome's events (+ outbox/audit) and only then apply them."""
        if not outcome.events:
            return outcome.verdict
        session = self.session
        assert session is not None
        who = audit_as or (self.operator.badge if self.operator else None)
        state_before = session.state
        try:
            with self.store.transaction():
                if outcome.events[0].type is EventType.OPENED:
                    self.session_id = pack_store.create_session(
                        self._conn, session.order.order_id, self.station_id, who or "?"
                    )
                    self._seq = 0
                assert self.session_id is not None
                pack_store.insert_events(self._conn, self.session_id, self._seq,
                                         outcome.events, who)
                for event in outcome.events:
                    closing = session.current
                    session.apply(event)
                    record_side_effects(self._conn, session, self.session_id, event,
                                        closing, who)
                if extra is not None:
                    extra(self._conn)
                if session.state is not state_before:
                    pack_store.set_state(self._conn, self.session_id, session.state.value,
                                         ended=session.state in _ENDED)
        except (SQLAlchemyError, sqlite3.Error, StoreError) as exc:  # scan INSERT: raw sqlite3
            self._rebuild()
            message = str(exc) if isinstance(exc, StoreError) else describe_db_error(exc)
            raise StoreUnavailable(message) from exc
        self._seq += len(outcome.events)
        return outcome.verdict

    def _rebuild(self) -> None:
        """After a failed commit: forget in-memory changes, reload what the store holds."""
        try:
            self.resume()
        except (SQLAlchemyError, StoreUnavailable):
            self.session, self.session_id = None, None

    def _session_id(self) -> int:
        """The stored id of the open pack session (after its first committed event)."""
        if self.session_id is None:
            raise NoOpenSession("No order is open. Scan an order, tote or pick list.")
        return self.session_id

    def _active(self) -> PackSession | None:
        s = self.session
        return s if s is not None and s.state not in TERMINAL else None

    def _require_session(self) -> PackSession:
        session = self._active()
        if session is None:
            raise NoOpenSession("No order is open. Scan an order, tote or pick list.")
        return session

