"""Pinduoduo over HTTP: the thin part that signs forms and reads answers.

One adapter per carrier PDD sells waybills of (``wp_code`` ZTO, YTO, YUNDA…): central maps
its carrier code to one. Every fault of the network path is an ``unknown`` outcome (PDD may
have issued the waybill); the caller asks again with the same key, which PDD answers with the
waybill it issued first.
"""

from __future__ import annotations

from dataclasses import dataclass

from central.carriers.base import CarrierResult, ShipmentOrder
from central.carriers.pdd import protocol as pdd
from central.carriers.platform_http import post_form
from central.carriers.platform_waybills import PlatformWaybills

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


class Pdd(PlatformWaybills):
    name = "PDD"
    proto = pdd

    settings: PddSettings

    def _call(self, method: str, params: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        fields = pdd.form(s.client_id, s.client_secret, s.access_token, method, params,
                          self.clock())
        return post_form(self.http, s.url, fields, method,
                         (s.connect_timeout_s, s.read_timeout_s), "PDD", pdd.envelope)

    def _get_params(self, order: ShipmentOrder) -> dict[str, str]:
        s = self.settings
        return {"param_waybill_cloud_print_apply_new_request": pdd.json_param(
            pdd.get_request(order, s.wp_code, s.template_url, s.user_id))}

    def _query_params(self, tracking_number: str) -> dict[str, str]:
        return {"param_list": pdd.query_param(self.settings.wp_code, tracking_number)}

    def _cancel_params(self, tracking_number: str) -> dict[str, str]:
        return {"wp_code": self.settings.wp_code, "waybill_code": tracking_number}
