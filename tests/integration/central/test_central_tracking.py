"""Tracking: signed webhooks to a real receiver, the buyers' page, the checked-in OpenAPI."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from central.cli import openapi_document
from central.trackno import s10_check_digit

SECRET = "s3cret-of-the-demo-seller"


def _pool_ems(n: int) -> str:
    """The ``n``-th EMS number of ST-01's pool segment (central checks whose a number is)."""
    serial = f"{20_000_000 + n:08d}"
    return f"EE{serial}{s10_check_digit(serial)}CN"


class Receiver:
    """A seller's webhook endpoint on 127.0.0.1 that fails its first ``fail_first`` calls."""

    def __init__(self, fail_first: int) -> None:
        self.calls: list[tuple[dict, dict, bytes]] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append((dict(self.headers), json.loads(body), body))
                self.send_response(500 if len(receiver.calls) <= receiver.fail_first else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/tracking"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _wait_for(predicate, timeout_s=15.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached before the deadline")


def _post_events(central, *events):
    body = {"events": [
        {"idempotency_key": uuid.uuid4().hex, "station": "ST-01",
         "occurred_at": datetime.now(UTC).isoformat(), **e} for e in events]}
    answer = central.call("POST", "/v1/events", central.station_token, json=body)
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    return body


def test_shipping_pushes_signed_webhooks_retried_until_accepted(central):
    receiver = Receiver(fail_first=2)
    try:
        seller = {"code": "DEMO-SHOP", "name": "Demo Shop", "webhook_url": receiver.url,
                  "webhook_secret": SECRET}
        assert central.call("PUT", "/v1/admin/sellers/DEMO-SHOP", central.admin_token,
                            json=seller).ok
        number = "SF200000000001"
        label = {"order_id": "SO-1002", "parcel_no": 1, "tracking_number": number,
                 "carrier": "SF", "service": "SF-STD", "weight_g": 300, "source": "pool"}
        _post_events(central, {"kind": "label_printed", "order_id": "SO-1002", "payload": label})
        close = {"manifest_id": "M-7", "carrier": "SF", "closed_by": "L001",
                 "tracking_numbers": [number]}
        replayed = _post_events(central, {"kind": "manifest_closed", "payload": close})
        central.call("POST", "/v1/events", central.station_token, json=replayed)  # a replay
        _wait_for(lambda: {c[1]["status"] for c in receiver.calls[2:]}
                  >= {"label_created", "shipped"})
    finally:
        receiver.close()
    refused = {c[1]["event_key"] for c in receiver.calls[:2]}  # answered 500
    assert refused <= {c[1]["event_key"] for c in receiver.calls[2:]}  # retried, same key
    for headers, body, raw in receiver.calls:
        stamp = headers["X-Station-Timestamp"]
        mac = hmac.new(SECRET.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
        assert headers["X-Station-Signature"] == "sha256=" + mac
        assert headers["X-Station-Event-Key"] == body["event_key"]
        assert body["tracking_number"] == number and body["order_id"] == "SO-1002"
    delivered = [c[1]["event_key"] for c in receiver.calls[2:]]
    assert sorted(delivered) == sorted(set(delivered))  # each event accepted once
    assert sorted(delivered) == [f"{number}:label_created", f"{number}:shipped"]


def test_buyer_page_in_english_and_chinese_escapes_data(central):
    hostile = {"code": "WH-SHA", "name": "<script>alert(1)</script> DC"}
    assert central.call("PUT", "/v1/admin/warehouses/WH-SHA", central.admin_token,
                        json=hostile).ok
    number = _pool_ems(1)
    label = {"order_id": "SO-1003", "parcel_no": 1, "tracking_number": number,
             "carrier": "EMS", "service": "EMS-STD", "weight_g": 300, "source": "pool"}
    _post_events(
        central,
        {"kind": "label_printed", "order_id": "SO-1003", "payload": label},
        {"kind": "manifest_closed", "payload": {"manifest_id": "M-8", "carrier": "EMS",
                                                 "closed_by": "L001",
                                                 "tracking_numbers": [number]}},
    )
    english = central.call("GET", f"/t/{number}")
    assert english.status_code == 200 and "Handed to the carrier" in english.text
    assert "<script>" not in english.text and "&lt;script&gt;" in english.text
    assert "王" not in english.text and "Li Wei" not in english.text  # no buyer data
    chinese = central.call("GET", f"/t/{number}", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert "已交承运商揽收" in chinese.text and 'lang="zh-CN"' in chinese.text
    forced = central.call("GET", f"/t/{number}?lang=en", headers={"Accept-Language": "zh"})
    assert "Handed to the carrier" in forced.text
    unknown = central.call("GET", "/t/<b>nope", params={"lang": "zh"})
    assert unknown.status_code == 404 and "暂未查到" in unknown.text
    assert "<b>nope" not in unknown.text


def test_checked_in_openapi_matches_the_server():
    path = Path(__file__).parents[3] / "resources" / "api" / "openapi.yaml"
    checked_in = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert checked_in == json.loads(json.dumps(openapi_document())), (
        "resources/api/openapi.yaml is stale: run "
        "`station-central openapi --output resources/api/openapi.yaml`"
    )


def test_seller_hears_of_a_manifest_that_arrived_before_the_label(central):
    receiver = Receiver(fail_first=0)
    try:
        seller = {"code": "DEMO-SHOP", "name": "Demo Shop", "webhook_url": receiver.url,
                  "webhook_secret": SECRET}
        assert central.call("PUT", "/v1/admin/sellers/DEMO-SHOP", central.admin_token,
                            json=seller).ok
        number = _pool_ems(2)
        _post_events(central, {"kind": "manifest_closed", "payload": {
            "manifest_id": "M-9", "carrier": "EMS", "closed_by": "L001",
            "tracking_numbers": [number]}})
        label = {"order_id": "SO-1005", "parcel_no": 1, "tracking_number": number,
                 "carrier": "EMS", "service": "EMS-STD", "weight_g": 300, "source": "pool"}
        _post_events(central, {"kind": "label_printed", "order_id": "SO-1005", "payload": label})
        _wait_for(lambda: len(receiver.calls) >= 2)
    finally:
        receiver.close()
    assert sorted(c[1]["status"] for c in receiver.calls) == ["label_created", "shipped"]


def test_another_warehouse_cannot_ship_a_stations_pool_number(central):
    number = _pool_ems(3)
    answer = central.call("POST", "/v1/events", central.other_token, json={"events": [{
        "idempotency_key": uuid.uuid4().hex, "station": "ST-B1", "kind": "manifest_closed",
        "occurred_at": datetime.now(UTC).isoformat(),
        "payload": {"manifest_id": "B-1", "carrier": "EMS", "closed_by": "X",
                    "tracking_numbers": [number]}}]})
    # ST-B1 names ST-01's number before its label arrived: refused, nothing reserved.
    assert answer.json()["results"][0]["status"] == "rejected"
    label = {"order_id": "SO-1006", "parcel_no": 1, "tracking_number": number,
             "carrier": "EMS", "service": "EMS-STD", "weight_g": 300, "source": "pool"}
    answer = central.call("POST", "/v1/events", central.station_token, json={"events": [{
        "idempotency_key": uuid.uuid4().hex, "station": "ST-01", "kind": "label_printed",
        "order_id": "SO-1006", "occurred_at": datetime.now(UTC).isoformat(), "payload": label}]})
    assert answer.json()["results"][0]["status"] == "accepted"  # the owner's label stands
    history = central.call("GET", "/v1/orders/SO-1006/history", central.station_token).json()
    assert history["status"] == "released"
    tracking = central.call("GET", f"/v1/tracking/{number}", central.station_token).json()
    assert [e["status"] for e in tracking["events"]] == ["label_created"]
