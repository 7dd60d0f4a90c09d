"""The carriers and services this station may ship with, as pulled from the central API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from contract import Carrier, CarrierService
from contract.tracking import TrackingFormat, tracking_format
from station.i18n import _


class UnknownCarrierError(LookupError):
    """A carrier or service code is not in the catalogue. ``str()`` is for people."""


class CarrierCatalogue:
    """Carriers by code, with their services and tracking-number format."""

    def __init__(self, carriers: Iterable[Carrier] = ()) -> None:
        self._carriers: dict[str, Carrier] = {}
        for carrier in carriers:
            self.put(carrier)

    def put(self, carrier: Carrier) -> None:
        """Add or replace a carrier (a newer pull from the central API wins)."""
        tracking_format(carrier.tracking_format)  # an unknown format fails here, not at print
        self._carriers[carrier.code] = carrier

    def carrier(self, code: str) -> Carrier:
        """The carrier ``code``; raises :class:`UnknownCarrierError` with a readable message."""
        try:
            return self._carriers[code]
        except KeyError:
            raise UnknownCarrierError(
                _(
                    "Carrier {code!r} is not set up on this station: ask IT to sync carriers."
                ).format(code=code)
            ) from None

    def service(self, carrier_code: str, service_code: str) -> CarrierService:
        """The service ``service_code`` of a carrier."""
        carrier = self.carrier(carrier_code)
        for service in carrier.services:
            if service.code == service_code:
                return service
        raise UnknownCarrierError(
            _("Carrier {carrier} has no service {service!r}: check the order's service.").format(
                carrier=carrier.name, service=service_code
            )
        )

    def tracking_format(self, carrier_code: str) -> TrackingFormat:
        """How tracking numbers of this carrier look and are checked."""
        return tracking_format(self.carrier(carrier_code).tracking_format)

    def __iter__(self) -> Iterator[Carrier]:
        return iter(sorted(self._carriers.values(), key=lambda c: c.code))

    def __len__(self) -> int:
        return len(self._carriers)
