"""A loopback stand-in for PDD's open platform gateway selling e-waybills (no internet here),
for tests and benchmarks.

It checks every ``sign`` with the client secret (error 10016 when wrong), the access token
(10019) and the timestamp (Unix seconds, 10 minutes), issues one waybill per package id (the
same package asked again gets the same waybill), answers print data for issued waybills,
cancels, and refuses a recipient city it does not serve. ``faults`` injects
``lost_after_create``, ``http500`` and ``limit`` (70031), consumed one per request.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from typing import Any

from central.carriers.fake_gateway import FormGateway
from central.carriers.pdd.protocol import CANCEL, GET, QUERY, pdd_sign


class FakePdd(FormGateway):
    path = "/api/router"

    def __init__(self, client_id: str = "pdd-demo-client", client_secret: str = "pdd-secret",
                 access_token: str = "pdd-shop-token", unserved_city: str = "Nowhere") -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.access_token = access_token
        self.unserved_city = unserved_city
        self.faults: list[str] = []
        self.requests: list[dict[str, str]] = []
        self.waybills: dict[str, dict[str, Any]] = {}  # package id -> waybill and state
        self._next = 780_000_000_001
        self._lock = threading.Lock()
        super().__init__()

    def answer(self, fields: dict[str, str]) -> tuple[int, dict[str, Any], bool]:
        with self._lock:
            fault = self.faults.pop(0) if self.faults else None
            self.requests.append(fields)
        if fault == "http500":
            return 500, {"error": "internal"}, False
        if fault == "limit":
            return 200, _error(70031, "调用已被限流"), False
        if fields.get("client_id") != self.client_id or fields.get("sign") != pdd_sign(
                fields, self.client_secret):
            return 200, _error(10016, "签名错误"), False
        if fields.get("access_token") != self.access_token:
            return 200, _error(10019, "access_token已过期"), False
        try:
            at = int(fields.get("timestamp", ""))
        except ValueError:
            return 200, _error(10001, "timestamp 不合法"), False
        if abs(time.time() - at) > 600:
            return 200, _error(10001, "timestamp 已过期"), False
        method = fields.get("type", "")
        with self._lock:
            if method == GET:
                body = self._get(json.loads(
                    fields.get("param_waybill_cloud_print_apply_new_request") or "{}"))
            elif method == QUERY:
                body = self._query(json.loads(fields.get("param_list") or "[]"))
            elif method == CANCEL:
                body = self._cancel(fields)
            else:
                body = _error(10002, f"type {method} 不存在")
        return 200, body, fault == "lost_after_create"

    def _get(self, req: dict[str, Any]) -> dict[str, Any]:
        modules = []
        for dto in req.get("trade_order_info_dtos") or []:
            package = str((dto.get("package_info") or {}).get("id") or "")
            recipient = dto.get("recipient") or {}
            if not package or not recipient.get("name"):
                return _error(20001, "参数错误", "param_invalid", "包裹 id 与收件人不能为空")
            if (recipient.get("address") or {}).get("city") == self.unserved_city:
                return _error(20002, "业务错误", "address_not_reachable",
                              "收件地址不在服务范围内")
            if package not in self.waybills:  # the same package again: the same waybill
                number = f"{self._next}"
                self._next += 1
                print_data = base64.b64encode(json.dumps(
                    {"waybillCode": number, "wpCode": req.get("wp_code"),
                     "recipient": recipient.get("name")}, ensure_ascii=False).encode()).decode()
                self.waybills[package] = {"number": number, "print_data": print_data,
                                          "wp_code": req.get("wp_code"), "cancelled": False}
            waybill = self.waybills[package]
            modules.append({"object_id": dto.get("object_id"),
                            "waybill_code": waybill["number"],
                            "print_data": waybill["print_data"]})
        return {"pdd_waybill_get_response": {"modules": modules}}

    def _query(self, asked: list[dict[str, Any]]) -> dict[str, Any]:
        wanted = {str(a.get("waybill_code")) for a in asked if isinstance(a, dict)}
        found = [w for w in self.waybills.values() if w["number"] in wanted]
        return {"pdd_waybill_query_by_waybillcode_response": {"modules": [
            {"waybill_code": w["number"], "print_data": w["print_data"]} for w in found]}}

    def _cancel(self, fields: dict[str, str]) -> dict[str, Any]:
        for waybill in self.waybills.values():
            if waybill["number"] == fields.get("waybill_code"):
                waybill["cancelled"] = True
                return {"pdd_waybill_cancel_response": {"cancel_result": True}}
        return _error(20003, "业务错误", "waybill_not_exist", "面单号不存在")


def _error(code: int, msg: str, sub_code: str = "", sub_msg: str = "") -> dict[str, Any]:
    error: dict[str, Any] = {"error_code": code, "error_msg": msg}
    if sub_code:
        error.update(sub_code=sub_code, sub_msg=sub_msg or msg)
    return {"error_response": error}
