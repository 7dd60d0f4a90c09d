"""Carrier and service catalogue, tracking-number formats and check digits, local pools."""

from station.carriers.catalogue import CarrierCatalogue, UnknownCarrierError
from station.carriers.pool import PoolEmptyError, PoolError, PoolLevel, TrackingPool
from station.carriers.tracking import (
    FORMATS,
    TrackingFormat,
    TrackingNumberError,
    tracking_format,
    validate_tracking_number,
)

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
