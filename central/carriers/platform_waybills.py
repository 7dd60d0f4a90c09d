"""What the e-commerce platforms' e-waybill APIs have in common (Cainiao on Taobao's TOP
gateway, PDD's open platform): one signed form POST per call, a waybill per package where
the same package asked again gets the waybill issued first (so an unknown outcome is resolved
by asking again), the print data of an issued waybill for a reprint, and a cancel.

A platform adapter says how it signs a call (``_call``) and how its parameters and answers
are named (``_get_params``, ``_query_params``, ``_cancel_params`` and its protocol module:
``GET``, ``QUERY``, ``CANCEL``, ``waybill_result``, ``modules``, ``platform_label``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import requests

from central.carriers.base import CarrierLabel, CarrierResult, LabelSpec, Outcome, ShipmentOrder
from central.carriers.timing import CarrierSession


def issued_waybill(modules: list[dict[str, Any]], key: str,
                   label: Callable[[str, str], CarrierLabel], who: str) -> CarrierResult:
    """The waybill a platform issued for our key, with its print data as a platform label
    (``label(number, print_data)``); unknown when the answer holds none."""
    for module in modules:
        if module.get("object_id") in (key, None) and module.get("waybill_code"):
            number = str(module["waybill_code"])
            return CarrierResult(Outcome.OK, (number,),
                                 (label(number, str(module.get("print_data") or "")),))
    return CarrierResult.unknown(f"{who}'s answer holds no waybill for our package.")


class PlatformProtocol(Protocol):
    GET: str
    QUERY: str
    CANCEL: str

    def waybill_result(self, inner: dict[str, Any], key: str,
                       template_url: str) -> CarrierResult: ...

    def modules(self, inner: dict[str, Any]) -> list[dict[str, Any]]: ...

    def platform_label(self, number: str, print_data: str, template_url: str) -> Any: ...


class PlatformWaybills(ABC):
    """create / lookup / label / void of a platform's e-waybills, written once."""

    name = "the platform"
    proto: PlatformProtocol

    def __init__(self, settings: Any, code: str, session: requests.Session | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings = settings  # the platform's own settings, with ``template_url``
        self.template_url: str = settings.template_url
        self.code = code  # our carrier code
        self.http = session or CarrierSession()
        self.clock = clock

    @abstractmethod
    def _call(self, method: str, params: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        """One signed call of ``method``: (early result, the method's answer)."""

    @abstractmethod
    def _get_params(self, order: ShipmentOrder) -> dict[str, str]:
        """The parameters of the waybill request for ``order`` (our key as the package)."""

    @abstractmethod
    def _query_params(self, tracking_number: str) -> dict[str, str]:
        """The parameters of the print-data query of an issued waybill."""

    @abstractmethod
    def _cancel_params(self, tracking_number: str) -> dict[str, str]:
        """The parameters of the waybill's cancel."""

    def create(self, order: ShipmentOrder) -> CarrierResult:
        early, inner = self._call(self.proto.GET, self._get_params(order))
        if early is not None:
            return early
        return self.proto.waybill_result(inner, order.key, self.template_url)

    def lookup(self, key: str) -> CarrierResult:
        """No search by our package key, but asking again with the same key returns the
        waybill issued first. So this answers "not found" (the caller then asks again, with
        the same key) — after one real query call, so that a wrong secret, token or gateway
        shows here and not as a second waybill attempt; it is also what ``station-central
        carrier check`` runs."""
        probe = self.label(key, LabelSpec())
        if probe.ok or probe.error == "not_found":
            return CarrierResult.refused(
                "not_found", probe.raw_code,
                f"{self.name} has no search by our key: it is asked again with the same "
                "package.")
        return probe

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult:
        """The print data of an issued waybill (the print component renders it at the
        template's size on the printer it drives: ``spec`` is the component's business)."""
        early, inner = self._call(self.proto.QUERY, self._query_params(tracking_number))
        if early is not None:
            return early
        for module in self.proto.modules(inner):
            if module.get("waybill_code") == tracking_number:
                return CarrierResult(Outcome.OK, (tracking_number,), (self.proto.platform_label(
                    tracking_number, str(module.get("print_data") or ""), self.template_url),))
        return CarrierResult.refused("not_found", None,
                                     f"{self.name} knows no waybill {tracking_number}.")

    def void(self, key: str, tracking_number: str) -> CarrierResult:
        early, inner = self._call(self.proto.CANCEL, self._cancel_params(tracking_number))
        if early is not None:
            return early
        if inner.get("cancel_result") in (True, "true"):
            return CarrierResult(Outcome.OK, (tracking_number,))
        return CarrierResult.refused("void_refused", None,
                                     f"{self.name} did not cancel waybill {tracking_number}.")
