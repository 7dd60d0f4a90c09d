"""EasyPost: requests, answers and the webhook signature, without I/O.

A label is bought in two steps: ``POST /v2/shipments`` (our attempt key as ``reference``,
ZPL 4x6 asked) returns rates, ``POST /v2/shipments/{id}/buy`` with the chosen rate returns the
tracking code and ``postage_label.label_zpl_url``. ``reference`` may stand for the id in
later calls, which is how an unknown outcome is looked up. Refunds are asynchronous
(``submitted`` → ``refunded``; ``rejected`` / ``not_applicable``). Webhooks carry
``X-Hmac-Signature: hmac-sha256-hex=<hex(HMAC_SHA256(NFKD(secret), raw body))>``.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from typing import Any

from central.carriers.base import CarrierResult, Outcome, ShipmentOrder

# EasyPost tracker statuses to ours (each reaches the timeline once).
STATUSES = {"pre_transit": "label_created", "in_transit": "in_transit",
            "out_for_delivery": "out_for_delivery", "delivered": "delivered",
            "available_for_pickup": "out_for_delivery", "return_to_sender": "returned",
            "failure": "failure", "cancelled": "voided"}
REFUND_OK = frozenset({"submitted", "refunded"})


def signature(secret: str, body: bytes) -> str:
    """The ``X-Hmac-Signature`` value EasyPost sends for ``body``."""
    key = unicodedata.normalize("NFKD", secret).encode("utf-8")
    return "hmac-sha256-hex=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(signature(secret, body), header or "")


def _address(party: Any) -> dict[str, Any]:
    return {"name": party.name, "phone": party.phone, "street1": party.address,
            "city": party.city, "state": party.region or "", "zip": party.postcode or "",
            "country": party.country}


def shipment_request(order: ShipmentOrder) -> dict[str, Any]:
    parcel: dict[str, Any] = {"weight": round(order.weight_g / 28.3495, 1)}  # ounces
    if order.length_mm and order.width_mm and order.height_mm:
        parcel.update(length=round(order.length_mm / 25.4, 1),
                      width=round(order.width_mm / 25.4, 1),
                      height=round(order.height_mm / 25.4, 1))
    return {"shipment": {
        "reference": order.key, "to_address": _address(order.recipient),
        "from_address": _address(order.sender), "parcel": parcel,
        "options": {"label_format": "ZPL", "label_size": "4x6"}}}


def choose_rate(shipment: dict[str, Any], service: str,
                services: dict[str, tuple[str, str]]) -> dict[str, Any] | None:
    """The rate of our service (carrier, service), else none: never a surprise carrier."""
    wanted = services.get(service)
    rates = shipment.get("rates") or []
    if wanted is None:
        return None
    for rate in rates:
        if (rate.get("carrier"), rate.get("service")) == wanted:
            return dict(rate)
    return None


def error_result(status: int, body: dict[str, Any]) -> CarrierResult:
    error = body.get("error") or {}
    code = str(error.get("code") or status)
    message = str(error.get("message") or f"HTTP {status}")
    if status in (401, 403):
        return CarrierResult.refused("bad_credentials", code, message)
    if status == 404:
        return CarrierResult.refused("not_found", code, message)
    if status == 429:
        return CarrierResult.refused("rate_limited", code, message)
    if status >= 500:
        return CarrierResult.unknown(message, code)
    return CarrierResult.refused("invalid_request", code, message)


def bought(shipment: dict[str, Any]) -> CarrierResult:
    code = shipment.get("tracking_code")
    if not code:
        return CarrierResult.refused("not_found", None, "EasyPost has no bought label.")
    return CarrierResult(Outcome.OK, (str(code),), carrier_ref=str(shipment.get("id") or ""))


def tracker_events(payload: dict[str, Any]) -> list[dict[str, str]]:
    """A ``tracker.updated`` webhook: the tracker's status now (and its details)."""
    result = payload.get("result") or {}
    number = str(result.get("tracking_code") or "")
    if not number:
        return []
    details = result.get("tracking_details") or []
    last = details[-1] if details else {}
    where = last.get("tracking_location") or {}
    return [{"number": number, "status": STATUSES.get(str(result.get("status")), "in_transit"),
             "at": str(last.get("datetime") or ""),
             "location": " ".join(str(where.get(k) or "") for k in ("city", "country")).strip(),
             "note": f"EasyPost {result.get('status')}: {last.get('message') or ''}".strip()}]
