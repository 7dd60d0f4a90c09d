"""EasyPost over HTTP (Basic auth with the API key): create, buy, label, look-up, refund, and the
ScanForm at manifest close."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import requests

from central.carriers.base import CarrierLabel, CarrierResult, LabelSpec, Outcome, ShipmentOrder
from central.carriers.easypost import protocol as ep
from central.carriers.timing import CarrierSession

PRODUCTION = "https://api.easypost.com/v2"
_PW = re.compile(r"\^PW(\d+)")


@dataclass(frozen=True)
class EasyPostSettings:
    api_key: str  # the secret: from the environment or a 0600 file, never the database
    url: str = PRODUCTION
    # Our service code -> (EasyPost carrier, service): the rate bought is exactly this one.
    services: dict[str, tuple[str, str]] = field(default_factory=dict)
    webhook_secret: str = ""
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 15.0

    def __repr__(self) -> str:  # never log the key
        return f"EasyPostSettings(url={self.url!r})"


class EasyPost:
    code = "EASYPOST"

    def __init__(self, settings: EasyPostSettings, session: requests.Session | None = None):
        self.settings = settings
        self.session = session or CarrierSession()
        self._zpl_urls: dict[str, str] = {}  # tracking code -> label URL, this process

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None
              ) -> tuple[CarrierResult | None, dict[str, Any]]:
        s = self.settings
        try:
            answer = self.session.request(method, s.url + path, json=body,
                                          auth=(s.api_key, ""),
                                          timeout=(s.connect_timeout_s, s.read_timeout_s))
        except requests.RequestException as exc:
            return CarrierResult.unknown(f"EasyPost did not answer ({type(exc).__name__})."), {}
        try:
            data = answer.json()
        except ValueError:
            data = {}
        if answer.status_code >= 400:
            return ep.error_result(answer.status_code, data if isinstance(data, dict) else {}), {}
        if not isinstance(data, dict):
            return CarrierResult.unknown("EasyPost answered something that is not its JSON."), {}
        return None, data

    def create(self, order: ShipmentOrder) -> CarrierResult:
        early, shipment = self._call("POST", "/shipments", ep.shipment_request(order))
        if early is not None:
            return early
        if not shipment.get("tracking_code"):
            rate = ep.choose_rate(shipment, order.service, self.settings.services)
            if rate is None:
                return CarrierResult.refused(
                    "not_serviceable", None,
                    f"EasyPost offers no rate for service {order.service} to this address.")
            early, shipment = self._call("POST", f"/shipments/{shipment['id']}/buy",
                                         {"rate": {"id": rate["id"]}})
            if early is not None:
                return early
        return self._with_label(shipment, order.label)

    def lookup(self, key: str) -> CarrierResult:
        early, shipment = self._call("GET", f"/shipments/{key}")  # reference stands for id
        if early is not None:
            return early
        result = ep.bought(shipment)
        if result.ok:
            self._remember(shipment)
        return result

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult:
        url = self._zpl_urls.get(tracking_number)
        if url is None:
            return CarrierResult.refused("not_found", None,
                                         f"No EasyPost label is known for {tracking_number}.")
        try:
            answer = self.session.get(url, timeout=(self.settings.connect_timeout_s,
                                                    self.settings.read_timeout_s))
        except requests.RequestException as exc:
            return CarrierResult.unknown(f"EasyPost's label did not download "
                                         f"({type(exc).__name__}).")
        if answer.status_code != 200:
            return CarrierResult.unknown(f"EasyPost's label answered HTTP {answer.status_code}.")
        zpl = answer.text
        width = _PW.search(zpl)
        dots = int(width.group(1)) if width else 812  # EasyPost ZPL is 4x6 at 203 dpi
        if abs(dots - spec.width_dots) > spec.width_dots * 0.03:
            return CarrierResult.refused(
                "label_does_not_fit", None,
                f"EasyPost's ZPL label is {dots} dots wide (203 dpi); this printer needs "
                f"{spec.width_dots} ({spec.dpi} dpi): it would print at "
                f"{round(100 * dots / spec.width_dots)}% size. Use a 203 dpi printer for "
                "EasyPost labels.")
        return CarrierResult(Outcome.OK, (tracking_number,), (CarrierLabel("zpl", zpl),))

    def void(self, key: str, tracking_number: str) -> CarrierResult:
        early, shipment = self._call("POST", f"/shipments/{key}/refund")
        if early is not None:
            return early
        status = str(shipment.get("refund_status") or "")
        if status in ep.REFUND_OK:
            return CarrierResult(Outcome.OK, (tracking_number,), message=status)
        return CarrierResult.refused("void_refused", status or None,
                                     f"EasyPost refused the refund ({status or 'no status'}).")

    def close_out(self, shipment_ids: list[str]) -> CarrierResult:
        """A ScanForm for the pickup: the driver scans one form, not each parcel. The form's
        id is ``carrier_ref``, its URL (PDF) ``message``."""
        early, form = self._call("POST", "/scan_forms",
                                 {"shipments": [{"id": i} for i in shipment_ids]})
        if early is not None:
            return early
        if form.get("status") == "failed" or not form.get("id"):
            return CarrierResult.refused("carrier_error", str(form.get("status")),
                                         str(form.get("message") or "ScanForm not created."))
        return CarrierResult(Outcome.OK, tuple(form.get("tracking_codes") or ()),
                             carrier_ref=str(form["id"]), message=str(form.get("form_url") or ""))

    # ------------------------------------------------------------------ helpers
    def _remember(self, shipment: dict[str, Any]) -> None:
        label = shipment.get("postage_label") or {}
        url = label.get("label_zpl_url") or label.get("label_url")
        if shipment.get("tracking_code") and url:
            self._zpl_urls[str(shipment["tracking_code"])] = str(url)

    def _with_label(self, shipment: dict[str, Any], spec: LabelSpec) -> CarrierResult:
        result = ep.bought(shipment)
        if not result.ok:
            return result
        self._remember(shipment)
        label = self.label(result.tracking_numbers[0], spec)
        if not label.ok:
            return CarrierResult(label.outcome, result.tracking_numbers, error=label.error,
                                 raw_code=label.raw_code, message=label.message,
                                 carrier_ref=result.carrier_ref)
        return CarrierResult(Outcome.OK, result.tracking_numbers, label.labels,
                             carrier_ref=result.carrier_ref)
