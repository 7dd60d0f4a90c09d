"""Use cases the UI calls. Build one :class:`PackingService` per bench from an engine and the
station id; every method returns a :class:`~station.domain.Verdict` or raises a
:class:`ServiceError` whose ``message`` is a sentence for people.

The names below load on first use: the window imports small value modules of this package
(``bench_view``, ``lead_proof``) at start-up without pulling in SQLAlchemy and the core.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "InvalidInput": "errors", "LoginFailed": "errors", "NoOpenSession": "errors",
    "NotLoggedIn": "errors", "PermissionDenied": "errors", "ReferenceDataMissing": "errors",
    "ServiceError": "errors", "StoreUnavailable": "errors", "PackingService": "packing",
    "PackPolicy": "policy", "ReadyParcel": "policy",
}

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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'station.services' has no attribute {name!r}")
    return getattr(importlib.import_module(f"station.services.{_WHERE[name]}"), name)
