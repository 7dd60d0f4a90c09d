"""A loopback stand-in for Taobao's TOP gateway selling Cainiao e-waybills (no internet here),
for tests, benchmarks and the demo.

It checks every ``sign`` with the app secret (error 25 when wrong) and the timestamp (GMT+8,
10 minutes), issues one waybill per package id (the same package asked again gets the same
waybill, as Cainiao does), answers print data for issued waybills, cancels, and refuses a
recipient city it does not serve. ``print_data`` is what Cainiao sends: an opaque string the
print component understands (here base64 JSON with the waybill and the recipient, so the
fake print component can check what it was asked to print). ``faults`` injects
``lost_after_create``, ``http500`` and ``limit`` (code 7), consumed one per request.
"""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from central.carriers.cainiao.protocol import CANCEL, GET, QUERY, top_sign
from central.carriers.fake_gateway import FormGateway
from central.trackno import s10_check_digit


class FakeCainiao(FormGateway):
    path = "/router/rest"

    def __init__(self, app_key: str = "12345678", app_secret: str = "demo-secret",
                 session: str = "demo-session", prefix: str = "75",
                 unserved_city: str = "Nowhere") -> None:
        self.app_key = app_key
        self.app_secret = app_secret
        self.session = session
        self.prefix = prefix
        self.unserved_city = unserved_city
        self.faults: list[str] = []
        self.requests: list[dict[str, str]] = []
        self.waybills: dict[str, dict[str, Any]] = {}  # package id -> waybill and state
        self._next = 310_000_000_001
        self._lock = threading.Lock()
        super().__init__()

    def answer(self, fields: dict[str, str]) -> tuple[int, dict[str, Any], bool]:
        with self._lock:
            fault = self.faults.pop(0) if self.faults else None
            self.requests.append(fields)
        if fault == "http500":
            return 500, {"error": "internal"}, False
        if fault == "limit":
            return 200, _error("7", "App Call Limited", "accesscontrol.limited-by-app-access-count",
                               "调用频次超限"), False
        if fields.get("app_key") != self.app_key or fields.get("sign") != top_sign(
                fields, self.app_secret):
            return 200, _error("25", "Invalid signature"), False
        if fields.get("session") != self.session:
            return 200, _error("27", "Invalid session"), False
        try:
            at = datetime.strptime(fields.get("timestamp", ""), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return 200, _error("31", "Invalid timestamp"), False
        beijing_now = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=8)
        if abs((beijing_now - at).total_seconds()) > 600:
            return 200, _error("31", "Invalid timestamp", "isv.timestamp-expired"), False
        method = fields.get("method", "")
        with self._lock:
            if method == GET:
                body = self._get(json.loads(
                    fields.get("param_waybill_cloud_print_apply_new_request") or "{}"))
            elif method == QUERY:
                body = self._query(json.loads(fields.get("param_list") or "{}"))
            elif method == CANCEL:
                body = self._cancel(fields)
            else:
                body = _error("22", f"Invalid method {method}")
        return 200, body, fault == "lost_after_create"

    def _get(self, req: dict[str, Any]) -> dict[str, Any]:
        modules = []
        for dto in req.get("trade_order_info_dtos") or []:
            package = str((dto.get("package_info") or {}).get("id") or "")
            recipient = dto.get("recipient") or {}
            if not package or not recipient.get("name"):
                return _error("15", "Remote service error", "isv.param-invalid",
                              "包裹 id 与收件人不能为空")
            if (recipient.get("address") or {}).get("city") == self.unserved_city:
                return _error("15", "Remote service error", "isv.address-not-reachable",
                              "收件地址不在服务范围内")
            if package not in self.waybills:  # the same package again: the same waybill
                number = self._number(str(req.get("cp_code") or ""))
                self._next += 1
                print_data = base64.b64encode(json.dumps(
                    {"waybillCode": number, "cpCode": req.get("cp_code"),
                     "recipient": recipient.get("name")}, ensure_ascii=False).encode()).decode()
                self.waybills[package] = {"number": number, "print_data": print_data,
                                          "cp_code": req.get("cp_code"), "cancelled": False,
                                          "object_id": dto.get("object_id")}
            waybill = self.waybills[package]
            modules.append({"object_id": dto.get("object_id"),
                            "waybill_code": waybill["number"],
                            "print_data": waybill["print_data"]})
        return {"cainiao_waybill_ii_get_response": {
            "modules": {"waybill_cloud_print_response": modules}}}

    def _number(self, cp_code: str) -> str:
        """EMS waybills are UPU S10 numbers; the express companies' are digits."""
        if cp_code == "EMS":
            serial = f"{self._next % 10**8:08d}"
            return f"EE{serial}{s10_check_digit(serial)}CN"
        return f"{self.prefix}{self._next}"

    def _query(self, req: dict[str, Any]) -> dict[str, Any]:
        found = [w for w in self.waybills.values() if w["number"] == req.get("waybill_code")]
        return {"cainiao_waybill_ii_query_by_waybillcode_response": {"modules": {
            "waybill_cloud_print_response": [
                {"waybill_code": w["number"], "print_data": w["print_data"]} for w in found]}}}

    def _cancel(self, fields: dict[str, str]) -> dict[str, Any]:
        for waybill in self.waybills.values():
            if waybill["number"] == fields.get("waybill_code"):
                waybill["cancelled"] = True
                return {"cainiao_waybill_ii_cancel_response": {"cancel_result": True}}
        return _error("15", "Remote service error", "isv.waybill-not-exist", "面单号不存在")


def _error(code: str, msg: str, sub_code: str = "", sub_msg: str = "") -> dict[str, Any]:
    error: dict[str, Any] = {"code": int(code), "msg": msg}
    if sub_code:
        error.update(sub_code=sub_code, sub_msg=sub_msg or msg)
    return {"error_response": error}
