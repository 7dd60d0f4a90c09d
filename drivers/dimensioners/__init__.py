"""Dimensioners (cubing devices): parcel length × width × height in millimetres."""

from drivers.dimensioners.cubing import (
    DimensionerError,
    DimensionerFault,
    DimensionerLines,
    Measurement,
    encode_measurement,
    parse_line,
)
from drivers.dimensioners.device import Dimensioner
from drivers.dimensioners.owner import DimensionerOwner

__all__ = [
    "Dimensioner",
    "DimensionerError",
    "DimensionerFault",
    "DimensionerLines",
    "DimensionerOwner",
    "Measurement",
    "encode_measurement",
    "parse_line",
]
