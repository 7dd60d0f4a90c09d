"""SF Express open platform (丰桥): the signature, the envelope, and SF's answers read into
our result. No I/O here, so each piece is tested against recorded exchanges.

One gateway takes every call as a form POST: ``partnerID``, ``requestID``, ``serviceCode``,
``timestamp`` (ms), ``msgDigest`` and ``msgData`` (a JSON string). The answer's
``apiResultCode`` is A1000 even when the business call failed; the business answer is the
JSON string ``apiResultData`` = ``{success, errorCode, errorMsg, msgData}``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any
from urllib.parse import quote_plus

from central.carriers.base import CarrierLabel, CarrierResult, LabelSpec, Outcome, ShipmentOrder

CREATE = "EXP_RECE_CREATE_ORDER"
SEARCH = "EXP_RECE_SEARCH_ORDER_RESP"
CANCEL = "EXP_RECE_UPDATE_ORDER"
PRINT = "COM_RECE_CLOUD_PRINT_COMMAND"
ROUTES = "EXP_RECE_SEARCH_ROUTES"  # route pull: up to 10 waybills per call

# Platform codes of apiResultCode (A1000 is "the call reached SF").
_PLATFORM = {
    "A1001": ("invalid_request", Outcome.REFUSED),  # missing parameter
    "A1002": ("invalid_request", Outcome.REFUSED),  # timestamp expired (our clock)
    "A1003": ("bad_credentials", Outcome.REFUSED),  # IP not allowed
    "A1004": ("bad_credentials", Outcome.REFUSED),  # no permission for this service
    "A1005": ("rate_limited", Outcome.REFUSED),  # nothing was created: ask again later
    "A1006": ("bad_credentials", Outcome.REFUSED),  # bad signature
}
# SF templates by label size (mm): the station's printer decides which one central asks for.
TEMPLATES = {(76, 130): "fm_76130_standard", (100, 150): "fm_150_standard",
             (100, 180): "fm_180_standard", (100, 210): "fm_210_standard"}
# Route opCodes to our tracking statuses (each reaches the timeline once).
OP_CODES = {"50": "collected", "30": "in_transit", "31": "in_transit",
            "44": "out_for_delivery", "80": "delivered"}
PUSH_ANSWER = {"return_code": "0000", "return_msg": "成功"}


def java_urlencode(text: str) -> str:
    """``java.net.URLEncoder.encode(text, "UTF-8")``: space is +, only ``A-Za-z0-9.-*_`` stay
    (Python's quote keeps ``~`` too, Java does not)."""
    return quote_plus(text, safe="*-._").replace("~", "%7E")


def msg_digest(msg_data: str, timestamp: str, check_word: str) -> str:
    """``base64(md5(urlencode(msgData + timestamp + checkWord)))`` (SF's golden vector is in
    the tests; hashing without the URL-encoding gives another value)."""
    encoded = java_urlencode(msg_data + timestamp + check_word).encode("utf-8")
    return base64.b64encode(hashlib.md5(encoded).digest()).decode("ascii")


def form(partner_id: str, check_word: str, service_code: str, msg: dict[str, Any],
         request_id: str, timestamp_ms: int) -> dict[str, str]:
    msg_data = json.dumps(msg, ensure_ascii=False, separators=(",", ":"))
    timestamp = str(timestamp_ms)
    return {"partnerID": partner_id, "requestID": request_id, "serviceCode": service_code,
            "timestamp": timestamp, "msgDigest": msg_digest(msg_data, timestamp, check_word),
            "msgData": msg_data}


def template_for(spec: LabelSpec) -> str | None:
    return TEMPLATES.get((spec.width_mm, spec.height_mm))


# ------------------------------------------------------------------ requests
def _contact(kind: int, party: Any) -> dict[str, Any]:
    return {"contactType": kind, "contact": party.name, "mobile": party.phone,
            "country": party.country, "province": party.region or "", "city": party.city,
            "address": party.address, "postCode": party.postcode or ""}


def create_request(order: ShipmentOrder, monthly_card: str, express_type: int) -> dict[str, Any]:
    """``orderId`` is our attempt key: SF answers a repeated orderId with the first waybill."""
    msg: dict[str, Any] = {
        "language": "zh-CN", "orderId": order.key,
        "contactInfoList": [_contact(1, order.sender), _contact(2, order.recipient)],
        "cargoDetails": [{"name": f"{order.order_id} {order.parcel_no}/{order.parcel_count}",
                          "count": 1, "weight": round(order.weight_g / 1000, 3)}],
        "monthlyCard": monthly_card, "payMethod": 1, "expressTypeId": express_type,
        "parcelQty": 1, "totalWeight": round(order.weight_g / 1000, 3),
        "isReturnRoutelabel": 1, "customsInfo": {},
    }
    if order.length_mm and order.width_mm and order.height_mm:
        msg.update(totalLength=order.length_mm / 10, totalWidth=order.width_mm / 10,
                   totalHeight=order.height_mm / 10)
    return msg


def search_request(key: str) -> dict[str, Any]:
    return {"language": "zh-CN", "orderId": key, "searchType": "1"}


def cancel_request(key: str) -> dict[str, Any]:
    return {"language": "zh-CN", "orderId": key, "dealType": 2}


def print_request(tracking_number: str, spec: LabelSpec, template: str) -> dict[str, Any]:
    return {"templateCode": template, "version": "2.0", "fileType": "ZPL", "dpi": spec.dpi,
            "sync": True, "documents": [{"masterWaybillNo": tracking_number}]}


# ------------------------------------------------------------------ answers
def envelope(body: bytes) -> tuple[CarrierResult | None, dict[str, Any]]:
    """(a result to return at once, or None) and the business ``msgData`` when it succeeded."""
    try:
        outer = json.loads(body)
        code = str(outer.get("apiResultCode", ""))
    except (ValueError, AttributeError):
        return CarrierResult.unknown("SF answered something that is not its JSON."), {}
    if code != "A1000":
        error, outcome = _PLATFORM.get(code, ("carrier_error", Outcome.REFUSED))
        return CarrierResult(outcome, error=error, raw_code=code,
                             message=str(outer.get("apiErrorMsg") or "")), {}
    try:
        inner = json.loads(outer.get("apiResultData") or "{}")
    except ValueError:
        return CarrierResult.unknown("SF's apiResultData is not JSON.", code), {}
    if not inner.get("success"):
        raw = str(inner.get("errorCode") or "")
        return CarrierResult.refused("invalid_request", raw, str(inner.get("errorMsg") or "")), {}
    return None, inner.get("msgData") or {}


def waybill_result(data: dict[str, Any]) -> CarrierResult:
    """Create or search answer: waybill numbers (master first), serviceability, sort codes."""
    if str(data.get("filterResult", "2")) == "3":
        return CarrierResult.refused("not_serviceable", "filterResult=3",
                                     str(data.get("remark") or "SF does not serve this address."))
    infos = sorted(data.get("waybillNoInfoList") or [],
                   key=lambda w: int(w.get("waybillType", 9)))
    numbers = tuple(str(w["waybillNo"]) for w in infos if w.get("waybillNo"))
    if not numbers:
        return CarrierResult.refused("not_found", None, "SF returned no waybill number.")
    codes: dict[str, str] = {}
    for name in ("originCode", "destCode"):
        if data.get(name):
            codes[name] = str(data[name])
    for info in data.get("routeLabelInfo") or []:
        route = (info or {}).get("routeLabelData") or {}
        for name in ("destRouteLabel", "codingMapping", "destTeamCode", "twoDimensionCode"):
            if route.get(name):
                codes[name] = str(route[name])
    return CarrierResult(Outcome.OK, tracking_numbers=numbers, sort_codes=codes)


_PW = re.compile(r"\^PW(\d+)")


def label_result(data: dict[str, Any], spec: LabelSpec, template: str) -> CarrierResult:
    """Cloud print answer: the ZPL of the waybill. A label made for another width (203 dpi
    ZPL on a 300 dpi printer prints at two thirds of its size) is refused, never printed."""
    files = ((data.get("obj") or {}).get("files")) or []
    commands = [f.get("command") for f in files if f.get("command")]
    if not commands:
        return CarrierResult.refused("carrier_error", None, "SF returned no print command.")
    zpl = str(commands[0])
    width = _PW.search(zpl)
    if width is None or abs(int(width.group(1)) - spec.width_dots) > spec.width_dots * 0.03:
        got = width.group(1) if width else "?"
        return CarrierResult.refused(
            "label_does_not_fit", None,
            f"SF's label is {got} dots wide; the printer needs {spec.width_dots} "
            f"({spec.width_mm} mm at {spec.dpi} dpi).")
    return CarrierResult(Outcome.OK, labels=(CarrierLabel("zpl", zpl, template),))


def route_events(body: dict[str, Any]) -> list[dict[str, str]]:
    """SF's route push: one entry per route with our status (unknown opCodes are kept as
    notes under ``in_transit`` so nothing the carrier said is lost)."""
    routes = ((body.get("Body") or {}).get("WaybillRoute")) or []
    out = []
    for route in routes:
        number = str(route.get("mailno") or "")
        if not number:
            continue
        op = str(route.get("opCode") or "")
        out.append({"number": number, "status": OP_CODES.get(op, "in_transit"),
                    "at": str(route.get("acceptTime") or ""),
                    "location": str(route.get("acceptAddress") or ""),
                    "note": f"SF {op}: {route.get('remark') or ''}".strip()})
    return out


def routes_request(numbers: list[str]) -> dict[str, Any]:
    return {"language": "0", "trackingType": "1", "trackingNumber": numbers, "methodType": "1"}


def pulled_routes(data: dict[str, Any]) -> list[dict[str, str]]:
    """The route pull's answer as our events (the same mapping as the push)."""
    out = []
    for resp in (data.get("routeResps") or []):
        number = str(resp.get("mailNo") or "")
        for route in resp.get("routes") or []:
            op = str(route.get("opCode") or "")
            out.append({"number": number, "status": OP_CODES.get(op, "in_transit"),
                        "at": str(route.get("acceptTime") or ""),
                        "location": str(route.get("acceptAddress") or ""),
                        "note": f"SF {op}: {route.get('remark') or ''}".strip()})
    return [e for e in out if e["number"]]
