"""One interface for every carrier central buys labels from.

An adapter turns our shipment into the carrier's request and the carrier's answer into a
:class:`CarrierResult`; it never raises for a carrier's refusal or a network fault. Results
carry an outcome: ``ok``, ``refused`` (the carrier said no: do not ask again the same way) or
``unknown`` (a timeout, a 5xx, a reset after sending: the carrier may have created the
shipment, so look it up by our key before anything is retried). Errors are normalised
(:data:`ERRORS`) and keep the carrier's own code for support.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Outcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"
    UNKNOWN = "unknown"


# Normalised error codes, the same for every carrier (the raw code travels beside them).
ERRORS = {
    "not_serviceable": "The carrier does not serve this address or service.",
    "rate_limited": "The carrier asks us to slow down.",
    "bad_credentials": "The carrier refused our credentials or signature.",
    "invalid_request": "The carrier refused the shipment's data.",
    "void_refused": "The carrier cannot void this label any more (collected or closed out).",
    "not_found": "The carrier knows no shipment under our key.",
    "label_does_not_fit": "The carrier's label does not fit the printer's label size.",
    "carrier_error": "The carrier answered with an error.",
    "no_answer": "The carrier did not answer (timeout, connection lost, server error).",
}


@dataclass(frozen=True)
class Party:
    name: str
    phone: str
    address: str
    city: str
    region: str | None = None
    postcode: str | None = None
    country: str = "CN"


@dataclass(frozen=True)
class LabelSpec:
    """The label the station's printer takes: size in mm, dots per inch, and whether it has
    a resident CJK font (otherwise Chinese text must come as a bitmap)."""

    width_mm: int = 100
    height_mm: int = 150
    dpi: int = 203
    resident_cjk: bool = False

    @property
    def width_dots(self) -> int:
        return round(self.width_mm / 25.4 * self.dpi)

    @property
    def height_dots(self) -> int:
        return round(self.height_mm / 25.4 * self.dpi)


@dataclass(frozen=True)
class ShipmentOrder:
    """What central asks a carrier for: our key is the idempotency key at the carrier."""

    key: str  # the station's attempt key: SF orderId, EasyPost reference, Cainiao object_id
    order_id: str
    parcel_no: int
    parcel_count: int
    service: str
    weight_g: int
    sender: Party
    recipient: Party
    label: LabelSpec = LabelSpec()
    length_mm: int | None = None
    width_mm: int | None = None
    height_mm: int | None = None


@dataclass(frozen=True)
class CarrierLabel:
    """``zpl`` (raw printer commands at the asked dpi), ``pdf`` (to rasterise), or
    ``platform`` (print data + template for the platform's print component)."""

    format: str
    data: str
    template: str | None = None


@dataclass(frozen=True)
class CarrierResult:
    outcome: Outcome
    tracking_numbers: tuple[str, ...] = ()
    labels: tuple[CarrierLabel, ...] = ()
    sort_codes: dict[str, str] = field(default_factory=dict)
    carrier_ref: str | None = None  # the carrier's own id (EasyPost shp_…), if any
    error: str | None = None  # a key of ERRORS
    raw_code: str | None = None  # the carrier's own code (SF A1006, 8016, …)
    message: str | None = None  # the carrier's words

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @classmethod
    def refused(cls, error: str, raw_code: str | None, message: str | None) -> CarrierResult:
        return cls(Outcome.REFUSED, error=error, raw_code=raw_code, message=message)

    @classmethod
    def unknown(cls, message: str, raw_code: str | None = None) -> CarrierResult:
        return cls(Outcome.UNKNOWN, error="no_answer", raw_code=raw_code, message=message)


class CarrierAdapter(Protocol):
    """What central needs of a carrier. Every call returns a result, never raises."""

    code: str

    def create(self, order: ShipmentOrder) -> CarrierResult: ...

    def lookup(self, key: str) -> CarrierResult:
        """The shipment created under our key, after an unknown outcome (REFUSED with
        ``not_found`` when the carrier has none: then it is safe to create)."""
        ...

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult: ...

    def void(self, key: str, tracking_number: str) -> CarrierResult: ...
