"""Use cases the UI calls. Build one :class:`PackingService` per bench from an engine and the
station id; every method returns a :class:`~station.domain.Verdict` or raises a
:class:`ServiceError` whose ``message`` is a sentence for people."""

from station.services.errors import (
    InvalidInput,
    LoginFailed,
    NoOpenSession,
    NotLoggedIn,
    PermissionDenied,
    ReferenceDataMissing,
    ServiceError,
    StoreUnavailable,
)
from station.services.packing import PackingService
from station.services.policy import PackPolicy, ReadyParcel

__all__ = [
    "InvalidInput",
    "LoginFailed",
    "NoOpenSession",
    "NotLoggedIn",
    "PackPolicy",
    "PackingService",
    "PermissionDenied",
    "ReadyParcel",
    "ReferenceDataMissing",
    "ServiceError",
    "StoreUnavailable",
]
