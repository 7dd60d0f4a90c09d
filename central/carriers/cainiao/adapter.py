"""Cainiao over HTTP: the thin part that signs forms and reads answers.

One adapter per carrier Cainiao sells waybills of (``cp_code`` ZTO, YTO, EMS…): central maps
its carrier code to one. Every fault of the network path is an ``unknown`` outcome (Cainiao
may have issued the waybill); the caller asks again with the same key, which Cainiao answers
with the waybill it issued first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

from central.carriers.base import CarrierResult, LabelSpec, Outcome, ShipmentOrder
from central.carriers.cainiao import protocol as cn
from central.carriers.platform_http import post_form
from central.carriers.timing import CarrierSession

GATEWAY = "https://eco.taobao.com/router/rest"


@dataclass(frozen=True)
class CainiaoSettings:
    app_key: str
    app_secret: str  # from the environment or a 0600 file, never the database or a log
    session: str  # the seller's access token
    cp_code: str  # Cainiao's code of the carrier: ZTO, YTO, STO, EMS…
    template_url: str  # the standard template of that carrier (its cloud print URL)
    user_id: str = ""
    url: str = GATEWAY
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0

    def __repr__(self) -> str:  # never log the secret or the session
        return f"CainiaoSettings(app_key={self.app_key!r}, cp_code={self.cp_code!r})"


class Cainiao:
    def __init__(self, settings: CainiaoSettings, code: str,
                 session: requests.Session | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings = settings
        self.code = code  # our carrier code
        self.http = session or CarrierSession()
        self.clock = clock

    def _call(self, method: str, params: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        return self._post(method, cn.form(s.app_key, s.app_secret, s.session, method, params,
                                          self.clock()))

    def _post(self, method: str, fields: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        return post_form(self.http, s.url, fields, method,
                         (s.connect_timeout_s, s.read_timeout_s), "Cainiao", cn.envelope)

    def create(self, order: ShipmentOrder) -> CarrierResult:
        s = self.settings
        early, inner = self._call(cn.GET, {
            "param_waybill_cloud_print_apply_new_request": cn.json_param(
                cn.get_request(order, s.cp_code, s.template_url, s.user_id))})
        if early is not None:
            return early
        return cn.waybill_result(inner, order.key, s.template_url)

    def lookup(self, key: str) -> CarrierResult:
        """Cainiao has no search by our package key, but asking again with the same key
        returns the waybill it issued first. So this answers "not found" (the caller then
        asks again, with the same key) — after one real query call, so that a wrong secret,
        session or gateway shows here and not as a second waybill attempt; it is also what
        ``station-central carrier check`` runs."""
        probe = self.label(key, LabelSpec())
        if probe.ok or probe.error == "not_found":
            return CarrierResult.refused(
                "not_found", probe.raw_code,
                "Cainiao has no search by our key: it is asked again with the same package.")
        return probe

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult:
        """The print data of an issued waybill (the print component renders it at the
        template's size on the printer it drives: ``spec`` is the component's business)."""
        s = self.settings
        early, inner = self._call(cn.QUERY, {"param_list": cn.json_param(
            {"cp_code": s.cp_code, "waybill_code": tracking_number})})
        if early is not None:
            return early
        for module in cn.printables(inner):
            if module.get("waybill_code") == tracking_number:
                return CarrierResult(Outcome.OK, (tracking_number,), (cn.platform_label(
                    tracking_number, str(module.get("print_data") or ""), s.template_url),))
        return CarrierResult.refused("not_found", None,
                                     f"Cainiao knows no waybill {tracking_number}.")

    def void(self, key: str, tracking_number: str) -> CarrierResult:
        s = self.settings
        early, inner = self._call(cn.CANCEL, {"cp_code": s.cp_code,
                                              "waybill_code": tracking_number})
        if early is not None:
            return early
        if inner.get("cancel_result") in (True, "true"):
            return CarrierResult(Outcome.OK, (tracking_number,))
        return CarrierResult.refused("void_refused", None,
                                     f"Cainiao did not cancel waybill {tracking_number}.")
