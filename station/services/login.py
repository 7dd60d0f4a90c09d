"""Who is at the bench: log in by badge scan or badge + PIN, log out, come back after a crash,
and who may do what (a lead proven by a scanned badge or badge + PIN). Every login is audited
with how it came; wrong PINs back off, then lock the badge."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from station.domain.model import Operator, Permission
from station.i18n import _
from station.services.errors import (
    InvalidInput,
    LoginFailed,
    NotLoggedIn,
    PermissionDenied,
    StoreUnavailable,
)
from station.services.pins import LeadProof, PinGuard, pin_matches
from station.services.policy import PackPolicy
from station.store.catalog import Catalog
from station.store.db import describe_db_error
from station.store.outbox import audit, last_logged_in
from station.store.uow import StationStore, StoreError

T = TypeVar("T")


class BenchLogin:
    """The operator of one bench, on the station's store."""

    def __init__(self, store: StationStore | Engine, station_id: str,
                 policy: PackPolicy | None = None) -> None:
        self._own_store = not isinstance(store, StationStore)
        self.store = store if isinstance(store, StationStore) else StationStore(store)
        self.engine = self.store.engine
        self.station_id = station_id
        self.policy = policy or PackPolicy()
        self.catalog = Catalog(self.store.conn)
        self.pins = PinGuard(self.policy.pin_lock)
        self.operator: Operator | None = None

    @property
    def _conn(self) -> Connection:
        return self.store.conn

    def close(self) -> None:
        """Release the database connection (when this service opened it)."""
        if self._own_store:
            self.store.close()

    def login_badge(self, badge: str) -> Operator:
        """Log in by badge scan."""
        operator = self._operator(badge)
        self._set_operator(operator, via="scan")
        return operator

    def login_pin(self, badge: str, pin: str) -> Operator:
        """Log in with badge id and PIN (argon2 hash check; failures back off, then lock)."""
        operator = self._verify_pin(badge, pin)
        self._set_operator(operator, via="typed+pin")
        return operator

    def _verify_pin(self, badge: str, pin: str) -> Operator:
        if not isinstance(badge, str) or not isinstance(pin, str):
            raise InvalidInput("A badge and a PIN must be text.")
        if len(pin) < self.policy.min_pin_length:
            raise LoginFailed(
                "A PIN has at least {n} characters here.", n=self.policy.min_pin_length
            )
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        wait = self._in_transaction(lambda: self.pins.wait_s(self._conn, badge))
        if wait > 0:
            raise LoginFailed(
                "Too many wrong PINs for badge {badge}: try again in {seconds} s, or scan "
                "the badge.", badge=badge, seconds=int(wait + 0.999),
            )
        if found is None or not found[0].active or not found[1] or not pin_matches(found[1], pin):
            failures = self._in_transaction(lambda: self.pins.failed(self._conn, badge))
            left = self.pins.policy.lock_after - failures
            if left > 0:
                raise LoginFailed("Badge or PIN is wrong: {left} more tries before the badge "
                                  "is locked.", left=left)
            raise LoginFailed("Badge or PIN is wrong.")
        self._in_transaction(lambda: self.pins.cleared(self._conn, badge))
        return found[0]

    def logout(self) -> None:
        """End the operator's turn (button, badge or the idle lock); audited, so a restart
        after a crash knows nobody was logged in."""
        if self.operator is not None:
            badge = self.operator.badge
            try:
                with self.store.transaction():
                    audit(self._conn, "logout", badge, None)
            except (SQLAlchemyError, sqlite3.Error, StoreError):
                pass  # the turn ends anyway; the login screen shows
        self.operator = None

    def resume_login(self) -> Operator | None:
        """After the window crashed and was restarted: whoever was logged in when it died
        (the last login not followed by a logout), if that badge is still active. Audited."""
        badge = self._in_transaction(lambda: last_logged_in(self._conn))
        if badge is None:
            return None
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        if found is None or not found[0].active:
            return None
        self._set_operator(found[0], via="crash-restart")
        return found[0]

    def _in_transaction(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in one transaction; a database failure becomes StoreUnavailable."""
        try:
            with self.store.transaction(immediate=False):
                return fn()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreUnavailable(describe_db_error(exc)) from exc
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def _require_login(self) -> Operator:
        if self.operator is None:
            raise NotLoggedIn("Scan your badge to log in.")
        return self.operator

    def _operator(self, badge: str) -> Operator:
        found = self._in_transaction(lambda: self.catalog.operator(badge))
        if found is None or not found[0].active:
            raise LoginFailed("Badge {badge} is not known or not active.", badge=badge)
        return found[0]

    def _set_operator(self, operator: Operator, via: str) -> None:
        """Every login is audited with how it came: scan, typed (packers only), typed+pin."""

        def log() -> None:
            audit(self._conn, "login", operator.badge, None, via=via, role=str(operator.role))

        try:
            with self.store.transaction():
                log()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreUnavailable(describe_db_error(exc)) from exc
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
        self.operator = operator

    def authorise(self, permission: Permission, lead: LeadProof | None, action: str) -> Operator:
        """Who may do ``action``: the logged-in operator, or a lead proven by a scanned
        badge or by badge + PIN. A typed badge number alone proves nothing."""
        if lead is None:
            who = self._require_login()
        elif lead.pin:
            who = self._verify_pin(lead.badge, lead.pin)
        elif lead.scanned:
            who = self._operator(lead.badge)
        else:
            raise PermissionDenied(
                "Scan the lead's badge, or type the badge number with the lead's PIN."
            )
        if not who.may(permission):
            raise PermissionDenied(
                "{name} ({role}) may not {action}: a lead must do this.",
                name=who.name, role=str(who.role), action=_(action),
            )
        return who


    _authorise = authorise
