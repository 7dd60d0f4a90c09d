"""Pinduoduo's e-waybill API (拼多多电子面单) on its open platform gateway: shaped like Cainiao's.

One form-encoded POST per call to ``https://gw-api.pinduoduo.com/api/router`` with the system
parameters ``type`` (the method), ``client_id``, ``access_token`` (the shop's), ``timestamp``
(Unix seconds), ``data_type=JSON``, ``version=V1`` and ``sign``; the call's own parameter is one
JSON string. ``sign = HEX_UPPER(md5(client_secret + k1v1k2v2… + client_secret))`` over every
parameter but ``sign``, sorted by name: the same form as Taobao's TOP signature.

Methods used:

- ``pdd.waybill.get``: ``param_waybill_cloud_print_apply_new_request`` = ``{wp_code, sender,
  trade_order_info_dtos[{object_id, order_info, package_info{id, items, weight}, recipient,
  template_url, user_id}]}`` → ``pdd_waybill_get_response.modules[{object_id, waybill_code,
  print_data}]``. ``object_id`` and ``package_info.id`` are our attempt key; the same package
  asked again gets the waybill issued first, which is how a lost answer is resolved.
- ``pdd.waybill.query.by.waybillcode``: ``param_list[{wp_code, waybill_code, object_id}]`` →
  the print data of an issued waybill (reprint).
- ``pdd.waybill.cancel``: ``wp_code`` + ``waybill_code`` → ``cancel_result``.

Errors come as ``{"error_response": {error_code, error_msg, sub_code, sub_msg}}``: 10019
is a bad access token, 10016 a bad signature, 70031 the call limit.

The label is a platform print job: ``print_data`` + ``template_url`` go to PDD's print
component on the bench PC, which speaks the CAINIAO component's protocol (``getPrinters``,
``print``) on its own port.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from central.carriers.base import CarrierLabel, CarrierResult, ShipmentOrder
from central.carriers.cainiao.protocol import json_param, top_sign
from central.carriers.platform_waybills import issued_waybill

GET = "pdd.waybill.get"
QUERY = "pdd.waybill.query.by.waybillcode"
CANCEL = "pdd.waybill.cancel"

__all__ = ["CANCEL", "GET", "QUERY", "form", "get_request", "json_param", "pdd_sign"]


def pdd_sign(params: dict[str, str], client_secret: str) -> str:
    """PDD's md5 signature: TOP's form (sorted ``k``+``v``, wrapped in the secret, upper)."""
    return top_sign(params, client_secret)


def form(client_id: str, client_secret: str, access_token: str, method: str,
         params: dict[str, str], now: datetime) -> dict[str, str]:
    fields = {
        "type": method, "client_id": client_id, "access_token": access_token,
        "timestamp": str(int(now.timestamp())), "data_type": "JSON", "version": "V1",
        **params,
    }
    fields["sign"] = pdd_sign(fields, client_secret)
    return fields


def _address(party: Any) -> dict[str, str]:
    return {"province": party.region or "", "city": party.city, "detail": party.address,
            "country": "中国" if party.country == "CN" else party.country}


def get_request(order: ShipmentOrder, wp_code: str, template_url: str,
                user_id: str) -> dict[str, Any]:
    return {
        "wp_code": wp_code,
        "need_encrypt": True,
        "sender": {"name": order.sender.name, "mobile": order.sender.phone,
                   "address": _address(order.sender)},
        "trade_order_info_dtos": [{
            "object_id": order.key,
            "order_info": {"order_channels_type": "PDD", "trade_order_list": [order.order_id]},
            "package_info": {"id": order.key, "items": [{"name": order.order_id, "count": 1}],
                             "weight": order.weight_g},
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
        return CarrierResult.unknown("PDD answered something that is not JSON."), {}
    if not isinstance(data, dict):
        return CarrierResult.unknown("PDD answered something that is not JSON."), {}
    error = data.get("error_response")
    if isinstance(error, dict):
        code = str(error.get("error_code", ""))
        sub = str(error.get("sub_code") or "").lower()
        words = str(error.get("sub_msg") or error.get("error_msg") or "")
        raw = f"{code}/{error.get('sub_code')}" if sub else code
        if code in ("70031", "70032"):
            return CarrierResult.refused("rate_limited", raw, words), {}
        if code in ("10016", "10019", "10020"):
            return CarrierResult.refused("bad_credentials", raw, words), {}
        if code.startswith("5"):  # the platform's own trouble: try again with the same key
            return CarrierResult.unknown(words or "PDD had a problem.", raw), {}
        if "address" in sub or "reach" in sub:
            return CarrierResult.refused("not_serviceable", raw, words), {}
        if "not_exist" in sub or "not_found" in sub:
            return CarrierResult.refused("not_found", raw, words), {}
        if "cancel" in sub:
            return CarrierResult.refused("void_refused", raw, words), {}
        return CarrierResult.refused("invalid_request", raw, words), {}
    key = method.replace(".", "_") + "_response"
    inner = data.get(key)
    if not isinstance(inner, dict):
        return CarrierResult.unknown(f"PDD's answer has no {key}."), {}
    return None, inner


def modules(inner: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in inner.get("modules") or [] if isinstance(m, dict)]


def platform_label(number: str, print_data: str, template_url: str) -> CarrierLabel:
    """What the station hands to the print component: one document of one content."""
    return CarrierLabel("platform", json.dumps(
        {"platform": "pdd", "documentID": number, "templateURL": template_url,
         "data": print_data}, ensure_ascii=False, separators=(",", ":")), template_url)


def waybill_result(inner: dict[str, Any], key: str, template_url: str) -> CarrierResult:
    """The waybill issued for our key, with its print data as a platform label."""
    return issued_waybill(modules(inner), key, lambda number, data: platform_label(
        number, data, template_url), "PDD")


def query_param(wp_code: str, waybill_code: str) -> str:
    """``param_list`` of the query: a JSON list of the waybills asked for."""
    return json.dumps([{"wp_code": wp_code, "waybill_code": waybill_code,
                        "object_id": waybill_code}], ensure_ascii=False, separators=(",", ":"))
