"""What the receiving, returns and stock use cases share: the logged-in operator (the bench's
one login, owned by the packing service), roles, one transaction per action, and what a
central answer means for the person at the bench.

Like the packing service, call the store-side methods from one thread (the UI's store lane);
the ``fetch_*`` methods only talk to central and may run on the HTTP lane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from sqlalchemy import Connection, Engine

from contract import InboundNotice, ReturnCheck, StockReport
from station.domain.model import Operator, Permission
from station.domain.verdict import Verdict, stop
from station.services.errors import NotLoggedIn, PermissionDenied, StoreUnavailable
from station.store.uow import StationStore, StoreError, as_store
from station.sync.errors import CentralError, CentralRejected, CentralUnavailable

T = TypeVar("T")

LOCATION_PREFIX = "LOC:"  # location labels may carry it; a plain known location code works too


def shaped_like(code: str, reference: str) -> bool:
    """``code`` starts as ``reference`` does up to its first dash (``ASN-2002`` like
    ``ASN-2001``, ``SO-1003`` like ``SO-1001``): another document of the same kind."""
    prefix = reference.split("-", 1)[0] + "-" if "-" in reference else ""
    return bool(prefix) and code.upper().startswith(prefix.upper())


class Central(Protocol):
    """The central calls these services make (``station.sync.client.CentralClient``)."""

    def inbound_notice(self, notice_id: str) -> InboundNotice: ...

    def claim_inbound_notice(self, notice_id: str) -> InboundNotice: ...

    def return_check(self, code: str) -> ReturnCheck: ...

    def stock(self, sku: str | None = None) -> StockReport: ...


class BenchUseCases:
    """Base of the inbound services: the bench's store, one operator provider, one client."""

    def __init__(
        self,
        store: StationStore | Engine,
        station_id: str,
        operator: Callable[[], Operator | None],
        client: Central | None = None,
    ) -> None:
        self.store = as_store(store)
        self.station_id = station_id
        self.client = client
        self._operator = operator

    @property
    def _conn(self) -> Connection:
        """The store's connection: only inside :meth:`_tx` (which holds the store's lock)."""
        return self.store.conn

    def close(self) -> None:
        """Nothing to release: the store is the bench's."""

    def _tx(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` as one unit of work on the bench's store; a database failure becomes
        StoreUnavailable."""
        try:
            return self.store.run(lambda _conn: fn())
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def _require(self, permission: Permission, action: str) -> Operator:
        """The logged-in operator, if they may do ``permission``; raises otherwise."""
        who = self._operator()
        if who is None:
            raise NotLoggedIn("Scan your badge to log in.")
        if not who.may(permission):
            raise PermissionDenied(
                "{name} ({role}) may not {action}.", name=who.name, role=str(who.role),
                action=action,
            )
        return who


def central_verdict(exc: CentralError, what: str) -> Verdict:
    """A refused or failed central call as a stop the bench can act on."""
    if isinstance(exc, CentralUnavailable):
        return stop("offline", "Central cannot be reached, so {what} cannot be checked now. "
                    "Nothing was recorded; scan it again when the network is back.", what=what)
    code = exc.code if isinstance(exc, CentralRejected) else None
    if code == "not_shipped":
        return stop("not_shipped", "{what} has not shipped: it cannot be returned.", what=what)
    if code == "other_warehouse":
        return stop("other_warehouse", "{what} was shipped by another warehouse: send the "
                    "parcel back there, do not restock it here.", what=what)
    if code == "notice_in_use":
        return stop("notice_in_use", "{what} is being received at another bench: count it "
                    "there, or ask the lead. ({message})", what=what, message=str(exc))
    if code == "already_received":
        return stop("already_received", "{what} was already received. Nothing is counted "
                    "twice.", what=what)
    if getattr(exc, "status", None) == 404:
        return stop("unknown_code", "{what} is not known to central.", what=what)
    return stop("central_refused", "Central refused {what}: {message}", what=what,
                message=str(exc))
