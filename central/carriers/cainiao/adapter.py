"""Cainiao over HTTP: the thin part that signs forms and reads answers.

One adapter per carrier Cainiao sells waybills of (``cp_code`` ZTO, YTO, EMS…): central maps
its carrier code to one. Every fault of the network path is an ``unknown`` outcome (Cainiao
may have issued the waybill); the caller asks again with the same key, which Cainiao answers
with the waybill it issued first.
"""

from __future__ import annotations

from dataclasses import dataclass

from central.carriers.base import CarrierResult, ShipmentOrder
from central.carriers.cainiao import protocol as cn
from central.carriers.platform_http import post_form
from central.carriers.platform_waybills import PlatformWaybills

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


class Cainiao(PlatformWaybills):
    name = "Cainiao"
    proto = cn

    settings: CainiaoSettings

    def _call(self, method: str, params: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        return self._post(method, cn.form(s.app_key, s.app_secret, s.session, method, params,
                                          self.clock()))

    def _post(self, method: str, fields: dict[str, str]) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        return post_form(self.http, s.url, fields, method,
                         (s.connect_timeout_s, s.read_timeout_s), "Cainiao", cn.envelope)

    def _get_params(self, order: ShipmentOrder) -> dict[str, str]:
        s = self.settings
        return {"param_waybill_cloud_print_apply_new_request": cn.json_param(
            cn.get_request(order, s.cp_code, s.template_url, s.user_id))}

    def _query_params(self, tracking_number: str) -> dict[str, str]:
        return {"param_list": cn.json_param(
            {"cp_code": self.settings.cp_code, "waybill_code": tracking_number})}

    def _cancel_params(self, tracking_number: str) -> dict[str, str]:
        return {"cp_code": self.settings.cp_code, "waybill_code": tracking_number}
