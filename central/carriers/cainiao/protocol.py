"""Cainiao's e-waybill API on Taobao's TOP gateway: signatures, requests, answers.

One form-encoded POST per call to the gateway (``/router/rest``) with the system parameters
``method``, ``app_key``, ``session`` (the seller's access token), ``timestamp`` (GMT+8,
``yyyy-MM-dd HH:mm:ss``, within 10 minutes of the gateway's clock), ``format=json``, ``v=2.0``,
``sign_method=md5`` and ``sign``; the call's own parameter is one JSON string.

``sign = HEX_UPPER(md5(secret + k1v1k2v2… + secret))`` over every parameter but ``sign``,
sorted by name, empty values left out.

The label is not a file: each waybill comes with ``print_data`` (usually encrypted) that,
with the template's URL, goes to the CAINIAO print component on the bench PC
(``drivers/printers/cainiao_component.py``). Methods used:

- ``cainiao.waybill.ii.get``: one ``trade_order_info_dto`` per parcel, ``object_id`` = our
  attempt key (so the answer is matched to the request) and ``package_info.id`` = our key
  too. Cainiao answers a repeated request for the same package with the waybill it issued
  first (inferred from public clients): a retry after an unknown outcome is safe, and it is
  also how a lost answer is looked up.
- ``cainiao.waybill.ii.query.by.waybillcode``: the print data of an issued waybill (reprint).
- ``cainiao.waybill.ii.cancel``: ``cp_code`` + ``waybill_code`` → ``cancel_result``.

Errors come as ``{"error_response": {code, msg, sub_code, sub_msg}}``; ``code`` 7 is the
app's call limit, 25/27 a bad signature or session, ``isv.*`` sub codes the business refusals.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from central.carriers.base import CarrierLabel, CarrierResult, ShipmentOrder
from central.carriers.platform_waybills import issued_waybill

GET = "cainiao.waybill.ii.get"
QUERY = "cainiao.waybill.ii.query.by.waybillcode"
CANCEL = "cainiao.waybill.ii.cancel"
_BEIJING = timedelta(hours=8)


def top_sign(params: dict[str, str], secret: str) -> str:
    """TOP's md5 signature over the sorted parameters (``sign`` itself and empty values
    excluded)."""
    body = "".join(f"{k}{v}" for k, v in sorted(params.items()) if k != "sign" and v != "")
    return hashlib.md5(f"{secret}{body}{secret}".encode()).hexdigest().upper()


def top_timestamp(now: datetime) -> str:
    return (now.astimezone(UTC) + _BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def form(app_key: str, secret: str, session: str, method: str, params: dict[str, str],
         now: datetime) -> dict[str, str]:
    """The signed form of one call: the system parameters and the call's own (plain fields,
    or one JSON string made by :func:`json_param`)."""
    fields = {
        "method": method, "app_key": app_key, "session": session,
        "timestamp": top_timestamp(now), "format": "json", "v": "2.0", "sign_method": "md5",
        **params,
    }
    fields["sign"] = top_sign(fields, secret)
    return fields


def json_param(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _address(party: Any) -> dict[str, str]:
    return {"province": party.region or "", "city": party.city, "detail": party.address}


def get_request(order: ShipmentOrder, cp_code: str, template_url: str,
                user_id: str) -> dict[str, Any]:
    return {
        "cp_code": cp_code,
        "sender": {"name": order.sender.name, "mobile": order.sender.phone,
                   "address": _address(order.sender)},
        "trade_order_info_dtos": [{
            "object_id": order.key,
            "order_info": {"order_channels_type": "OTHERS", "trade_order_list": [order.order_id]},
            "package_info": {"id": order.key, "items": [{"name": order.order_id, "count": 1}],
                             "weight": order.weight_g,
                             "volume": (order.length_mm or 0) * (order.width_mm or 0)
                             * (order.height_mm or 0) // 1000},
            "recipient": {"name": order.recipient.name, "mobile": order.recipient.phone,
                          "address": _address(order.recipient)},
            "template_url": template_url,
            "user_id": user_id,
        }],
    }


def envelope(body: bytes, method: str) -> tuple[CarrierResult | None, dict[str, Any]]:
    """(early result, the method's response object): an error answer or an unreadable body
    is the early result."""
    try:
        data = json.loads(body)
    except ValueError:
        return CarrierResult.unknown("Cainiao answered something that is not JSON."), {}
    if not isinstance(data, dict):
        return CarrierResult.unknown("Cainiao answered something that is not JSON."), {}
    error = data.get("error_response")
    if isinstance(error, dict):
        code = str(error.get("code", ""))
        sub = str(error.get("sub_code") or "").replace("-", "_")
        words = str(error.get("sub_msg") or error.get("msg") or "")
        raw = f"{code}/{error.get('sub_code')}" if sub else code
        if code == "7":
            return CarrierResult.refused("rate_limited", raw, words), {}
        if code in ("25", "26", "27", "11"):
            return CarrierResult.refused("bad_credentials", raw, words), {}
        if code in ("15", "520") and "service" in sub and "unavailable" in sub:
            return CarrierResult.unknown(words or "Cainiao had a problem.", raw), {}
        if "address" in sub or "not_reachable" in sub or "route" in sub:
            return CarrierResult.refused("not_serviceable", raw, words), {}
        if "not_exist" in sub or "not_found" in sub:
            return CarrierResult.refused("not_found", raw, words), {}
        if "cancel" in sub:
            return CarrierResult.refused("void_refused", raw, words), {}
        return CarrierResult.refused("invalid_request", raw, words), {}
    key = method.replace(".", "_") + "_response"
    inner = data.get(key)
    if not isinstance(inner, dict):
        return CarrierResult.unknown(f"Cainiao's answer has no {key}."), {}
    return None, inner


def printables(inner: dict[str, Any]) -> list[dict[str, Any]]:
    modules = inner.get("modules") or {}
    found = modules.get("waybill_cloud_print_response") if isinstance(modules, dict) else modules
    return [m for m in found or [] if isinstance(m, dict)]


def modules(inner: dict[str, Any]) -> list[dict[str, Any]]:
    """The waybills of an answer (one name for every platform: see platform_waybills)."""
    return printables(inner)


def waybill_result(inner: dict[str, Any], key: str, template_url: str) -> CarrierResult:
    """The waybill issued for our key, with its print data as a platform label."""
    return issued_waybill(printables(inner), key, lambda number, data: platform_label(
        number, data, template_url), "Cainiao")


def platform_label(number: str, print_data: str, template_url: str) -> CarrierLabel:
    """What the station hands to the print component: one document of one content."""
    return CarrierLabel("platform", json.dumps(
        {"platform": "cainiao", "documentID": number, "templateURL": template_url,
         "data": print_data}, ensure_ascii=False, separators=(",", ":")), template_url)
