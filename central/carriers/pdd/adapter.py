"""Pinduoduo over HTTP: the thin part that signs forms and reads answers.

One adapter per carrier PDD sells waybills of (``wp_code`` ZTO, YTO, YUNDA…): central maps
its carrier code to one. Every fault of the network path is an ``unknown`` outcome (PDD may
have issued the waybill); the caller asks again with the same key, which PDD answers with the
waybill it issued first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

from central.carriers.base import CarrierResult, LabelSpec, Outcome, ShipmentOrder
from central.carriers.pdd import protocol as pdd
from central.carriers.platform_http import post_form
from central.carriers.timing import CarrierSession

GATEWAY = "https://gw-api.pinduoduo.com/api/router"


@dataclass(frozen=True)
class PddSettings:
    client_id: str
    client_secret: str  # from the environment or a 0600 file, never the database or a log
    access_token: str  # the shop's
    wp_code: str  # PDD's code of the carrier: ZTO, YTO, STO, YUNDA…
    template_url: str  # the carrier's standard template (its cloud print URL)
    user_id: str = ""
    url: str = GATEWAY
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0

    def __repr__(self) -> str:  # never log the secret or the token
        return f"PddSettings(client_id={self.client_id!r}, wp_code={self.wp_code!r})"


class Pdd:
    def __init__(self, settings: PddSettings, code: str,
                 session: requests.Session | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings = settings
        self.code = code  # our carrier code
        self.http = session or CarrierSession()
        self.clock = clock

    def _call(self, method: str, params: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        fields = pdd.form(s.client_id, s.client_secret, s.access_token, method, params,
                          self.clock())
        return post_form(self.http, s.url, fields, method,
                         (s.connect_timeout_s, s.read_timeout_s), "PDD", pdd.envelope)

    def create(self, order: ShipmentOrder) -> CarrierResult:
        s = self.settings
        early, inner = self._call(pdd.GET, {
            "param_waybill_cloud_print_apply_new_request": pdd.json_param(
                pdd.get_request(order, s.wp_code, s.template_url, s.user_id))})
        if early is not None:
            return early
        return pdd.waybill_result(inner, order.key, s.template_url)

    def lookup(self, key: str) -> CarrierResult:
        """PDD has no search by our package key, but asking again with the same key returns
        the waybill it issued first: "not found" (the caller asks again with the same key),
        after one real query so that a wrong secret or token shows here."""
        probe = self.label(key, LabelSpec())
        if probe.ok or probe.error == "not_found":
            return CarrierResult.refused(
                "not_found", probe.raw_code,
                "PDD has no search by our key: it is asked again with the same package.")
        return probe

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult:
        """The print data of an issued waybill (the print component renders it)."""
        s = self.settings
        early, inner = self._call(pdd.QUERY, {"param_list": pdd.query_param(
            s.wp_code, tracking_number)})
        if early is not None:
            return early
        for module in pdd.modules(inner):
            if module.get("waybill_code") == tracking_number:
                return CarrierResult(Outcome.OK, (tracking_number,), (pdd.platform_label(
                    tracking_number, str(module.get("print_data") or ""), s.template_url),))
        return CarrierResult.refused("not_found", None,
                                     f"PDD knows no waybill {tracking_number}.")

    def void(self, key: str, tracking_number: str) -> CarrierResult:
        s = self.settings
        early, inner = self._call(pdd.CANCEL, {"wp_code": s.wp_code,
                                               "waybill_code": tracking_number})
        if early is not None:
            return early
        if inner.get("cancel_result") in (True, "true"):
            return CarrierResult(Outcome.OK, (tracking_number,))
        return CarrierResult.refused("void_refused", None,
                                     f"PDD did not cancel waybill {tracking_number}.")
