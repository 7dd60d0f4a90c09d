"""A loopback stand-in for SF's gateway, for tests, benchmarks and the demo (no internet here).

It speaks SF's form protocol and answers in SF's envelope: it checks every ``msgDigest`` with
its check word (A1006 when wrong), keeps waybills by ``orderId`` (a repeated create returns
the first waybill, as SF does), refuses addresses it does not serve (``filterResult`` 3),
answers cloud print with ZPL drawn for the template and dpi asked (Chinese text as bitmaps),
and cancels. ``faults`` injects what a real network path does: ``lost_after_create`` (SF
created the waybill, the answer never comes), ``http500``, ``a1005`` (rate limited), ``slow``
(answers after ``delay_s``).
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from central.carriers.fake_gateway import FormGateway
from central.carriers.sf.protocol import (
    CANCEL,
    CREATE,
    PRINT,
    ROUTES,
    SEARCH,
    TEMPLATES,
    msg_digest,
)

SIZES = {name: size for size, name in TEMPLATES.items()}


class FakeSf(FormGateway):
    path = "/std/service"

    def __init__(self, partner_id: str = "DEMO_PARTNER",
                 check_word: str = "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci",
                 unserved_city: str = "Nowhere", delay_s: float = 0.0) -> None:
        self.partner_id = partner_id
        self.check_word = check_word
        self.unserved_city = unserved_city
        self.delay_s = delay_s
        self.faults: list[str] = []  # consumed one per request, in order
        self.requests: list[dict[str, Any]] = []  # every form received (msgData parsed)
        self.orders: dict[str, dict[str, Any]] = {}  # orderId -> waybill and state
        self.routes: dict[str, list[dict[str, Any]]] = {}  # waybill -> routes the pull answers
        self._next = 100_000_000_001
        self._lock = threading.Lock()
        super().__init__()

    # ------------------------------------------------------------------ the gateway
    def answer(self, fields: dict[str, str]) -> tuple[int, dict[str, Any], bool]:
        if self.delay_s:
            time.sleep(self.delay_s)
        with self._lock:
            fault = self.faults.pop(0) if self.faults else None
            try:
                msg = json.loads(fields.get("msgData", "{}"))
            except ValueError:
                msg = {}
            self.requests.append({**fields, "msg": msg})
        if fault == "http500":
            return 500, {"error": "internal"}, False
        if fault == "a1005":
            return 200, {"apiResultCode": "A1005", "apiErrorMsg": "流量受限"}, False
        missing = [k for k in ("partnerID", "requestID", "serviceCode", "timestamp", "msgData")
                   if not fields.get(k)]
        if missing:
            return 200, {"apiResultCode": "A1001", "apiErrorMsg": f"缺少 {missing[0]}"}, False
        if fields["partnerID"] != self.partner_id or fields.get("msgDigest") != msg_digest(
                fields["msgData"], fields["timestamp"], self.check_word):
            return 200, {"apiResultCode": "A1006", "apiErrorMsg": "数字签名无效"}, False
        service = fields["serviceCode"]
        with self._lock:
            if service == CREATE:
                inner = self._create(msg)
            elif service == SEARCH:
                inner = self._search(msg)
            elif service == CANCEL:
                inner = self._cancel(msg)
            elif service == PRINT:
                inner = self._print(msg)
            elif service == ROUTES:
                inner = self._routes(msg)
            else:
                inner = _fail("8001", f"未知服务 {service}")
        body = {"apiResultCode": "A1000", "apiErrorMsg": "",
                "apiResultData": json.dumps(inner, ensure_ascii=False)}
        return 200, body, fault == "lost_after_create"

    def _create(self, msg: dict[str, Any]) -> dict[str, Any]:
        key = str(msg.get("orderId") or "")
        if not key:
            return _fail("8002", "orderId 不能为空")
        if key in self.orders:  # SF: the same orderId returns the first waybill
            return _ok(self.orders[key]["answer"])
        recipient = next((c for c in msg.get("contactInfoList", []) if c.get("contactType") == 2),
                         {})
        if self.unserved_city and recipient.get("city") == self.unserved_city:
            return _ok({"orderId": key, "filterResult": 3, "remark": "收方地址超范围"})
        number = f"SF{self._next}"
        self._next += 1
        answer = {
            "orderId": key, "filterResult": 2, "originCode": "021", "destCode": "010",
            "waybillNoInfoList": [{"waybillType": 1, "waybillNo": number}],
            "routeLabelInfo": [{"code": "1000", "routeLabelData": {
                "waybillNo": number, "destRouteLabel": "010WB-A12", "codingMapping": "C12",
                "destTeamCode": "031"}}],
        }
        self.orders[key] = {"answer": answer, "number": number, "cancelled": False,
                            "msg": msg}
        return _ok(answer)

    def _search(self, msg: dict[str, Any]) -> dict[str, Any]:
        found = self.orders.get(str(msg.get("orderId") or ""))
        if found is None:
            return _fail("8018", "未获取到订单信息")
        return _ok(found["answer"])

    def _cancel(self, msg: dict[str, Any]) -> dict[str, Any]:
        found = self.orders.get(str(msg.get("orderId") or ""))
        if found is None:
            return _fail("8018", "未获取到订单信息")
        if found.get("collected"):
            return _fail("8037", "已揽收，不能取消")
        found["cancelled"] = True
        return _ok({"orderId": msg["orderId"], "resStatus": 2})

    def _routes(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Routes of known waybills (set by a test in ``routes``: number -> list of
        {acceptTime, acceptAddress, remark, opCode})."""
        numbers = [str(n) for n in msg.get("trackingNumber") or []]
        return _ok({"routeResps": [{"mailNo": n, "routes": self.routes.get(n, [])}
                                   for n in numbers]})

    def _print(self, msg: dict[str, Any]) -> dict[str, Any]:
        template = str(msg.get("templateCode") or "")
        if template not in SIZES:
            return _fail("20001", f"模板 {template} 不存在")
        dpi = int(msg.get("dpi") or 203)
        files = []
        for doc in msg.get("documents") or []:
            number = str(doc.get("masterWaybillNo") or "")
            order = next((o for o in self.orders.values() if o["number"] == number), None)
            if order is None:
                return _fail("20002", f"运单 {number} 不存在")
            files.append({"waybillNo": number, "command": self._zpl(order, template, dpi)})
        return _ok({"obj": {"files": files}})

    @staticmethod
    def _zpl(order: dict[str, Any], template: str, dpi: int) -> str:
        """SF's label drawn for the template size at ``dpi`` (Chinese as ^GFA bitmaps)."""
        from station.labels import render_label

        msg = order["msg"]
        contacts = {c.get("contactType"): c for c in msg.get("contactInfoList", [])}
        to, frm = contacts.get(2, {}), contacts.get(1, {})
        route = order["answer"]["routeLabelInfo"][0]["routeLabelData"]
        to_address = f"{to.get('address', '')}"
        common = {
            "carrier_name": "顺丰速运 SF Express", "service": "标准快递",
            "tracking": order["number"], "qr": order["number"], "order_id": msg["orderId"][:20],
            "parcel_no": "1", "parcel_count": "1",
            "weight": f"{msg.get('totalWeight', 0)} kg", "printed_at": "",
            "to_name": str(to.get("contact", "")), "to_phone": str(to.get("mobile", "")),
            "from_name": str(frm.get("contact", "")), "from_phone": str(frm.get("mobile", "")),
        }
        width, height = SIZES[template]
        if (width, height) == (100, 150):
            fields = {**common, "to_street": to_address, "to_city_line": str(to.get("city", "")),
                      "to_country": str(to.get("country", "CN")),
                      "from_street": str(frm.get("address", "")),
                      "from_city_line": str(frm.get("city", "")),
                      "from_country": str(frm.get("country", "CN")),
                      "routing": route["destRouteLabel"], "sscc": ""}
            return render_label("carrier_100x150", fields, "zh", dpi=dpi).decode("utf-8")
        fields = {**common, "lane": route["destRouteLabel"],
                  "to_address": f"{to.get('city', '')} {to_address}".strip(),
                  "from_address": f"{frm.get('city', '')} {frm.get('address', '')}".strip()}
        zpl = render_label("ewaybill_100x180", fields, "zh", dpi=dpi).decode("utf-8")
        if (width, height) != (100, 180):  # SF's other sizes: the e-waybill, scaled out
            zpl = _set_width(zpl, round(width / 25.4 * dpi), round(height / 25.4 * dpi))
        return zpl

    def collected(self, number: str) -> None:
        """The courier picked the parcel up: SF refuses to cancel it from now on."""
        for order in self.orders.values():
            if order["number"] == number:
                order["collected"] = True


def _set_width(zpl: str, width: int, height: int) -> str:
    import re

    zpl = re.sub(r"\^PW\d+", f"^PW{width}", zpl)
    return re.sub(r"\^LL\d+", f"^LL{height}", zpl)


def _ok(data: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": data}


def _fail(code: str, message: str) -> dict[str, Any]:
    return {"success": False, "errorCode": code, "errorMsg": message, "msgData": None}
