"""Carrier and service catalogue and tracking-number formats (with their check digits, from
the contract). The local number pool lives in ``station.store.pool`` and is named here on first
use, so label code that only needs the formats does not pay for the database layer."""

from typing import TYPE_CHECKING, Any

from contract.tracking import (
    FORMATS,
    TrackingFormat,
    TrackingNumberError,
    tracking_format,
    validate_tracking_number,
)
from station.carriers.catalogue import CarrierCatalogue, UnknownCarrierError

if TYPE_CHECKING:
    from station.store.pool import PoolEmptyError, PoolError, PoolLevel, TrackingPool

_POOL_NAMES = {"PoolEmptyError", "PoolError", "PoolLevel", "TrackingPool"}


def __getattr__(name: str) -> Any:
    if name in _POOL_NAMES:
        from station.store import pool

        return getattr(pool, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "CarrierCatalogue",
    "PoolEmptyError",
    "PoolError",
    "PoolLevel",
    "TrackingFormat",
    "TrackingNumberError",
    "TrackingPool",
    "UnknownCarrierError",
    "tracking_format",
    "validate_tracking_number",
]
