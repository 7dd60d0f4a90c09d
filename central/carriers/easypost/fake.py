"""A loopback stand-in for EasyPost's API (no internet here), for tests and benchmarks.

It checks Basic auth, creates shipments with rates, buys them (tracking code, ZPL label URL;
the ZPL is 4x6 at 203 dpi as EasyPost's is), answers ``GET /shipments/{id or reference}``,
refunds (``submitted``, or ``rejected`` once the parcel was scanned by the carrier), and can
lose the answer of a buy after buying (``faults = ["lost_after_buy"]``).
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeEasyPost:
    def __init__(self, api_key: str = "EZTK-test-key-0123456789") -> None:
        self.api_key = api_key
        self.faults: list[str] = []
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.scan_forms: list[dict[str, Any]] = []
        self.shipments: dict[str, dict[str, Any]] = {}
        self._next = 1
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length", "0") or 0)
                raw = self.rfile.read(length) if length else b""
                status, body, lose, text = fake.answer(
                    method, self.path, self.headers.get("Authorization", ""), raw)
                if lose:
                    self.close_connection = True
                    self.connection.close()
                    return
                data = text.encode() if text is not None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if text is not None
                                 else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v2"

    def start(self) -> FakeEasyPost:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _find(self, ref: str) -> dict[str, Any] | None:
        return self.shipments.get(ref) or next(
            (s for s in self.shipments.values() if s["reference"] == ref), None)

    def answer(self, method: str, path: str, auth: str, raw: bytes
               ) -> tuple[int, dict[str, Any], bool, str | None]:
        with self._lock:
            body = json.loads(raw) if raw else {}
            self.requests.append((method, path, body))
            if path.startswith("/labels/"):
                number = path.rsplit("/", 1)[1].removesuffix(".zpl")
                return 200, {}, False, _zpl(number)
            expected = "Basic " + base64.b64encode(f"{self.api_key}:".encode()).decode()
            if auth != expected:
                return 401, {"error": {"code": "APIKEY.INVALID", "message": "Invalid key"}}, \
                    False, None
            buying = method == "POST" and path.endswith("/buy")
            fault = self.faults.pop(0) if self.faults and buying else None
            parts = path.strip("/").split("/")  # v2, shipments, id, action
            if method == "POST" and parts[1:] == ["shipments"]:
                shp = body["shipment"]
                sid = f"shp_{self._next:032x}"
                self._next += 1
                rates = [{"id": f"rate_{sid[4:]}_{n}", "carrier": c, "service": s,
                          "rate": r} for n, (c, s, r) in enumerate(
                    [("UPS", "Ground", "9.10"), ("USPS", "Priority", "8.00")])]
                self.shipments[sid] = {"id": sid, "reference": shp.get("reference"),
                                       "rates": rates, "tracking_code": None,
                                       "postage_label": None, "refund_status": None,
                                       "scanned": False}
                return 201, self.shipments[sid], False, None
            if method == "POST" and parts[1:] == ["scan_forms"]:
                return self._scan_form(body)
            found = self._find(parts[2]) if len(parts) > 2 else None
            if found is None:
                return 404, {"error": {"code": "NOT_FOUND", "message": "not found"}}, False, None
            if method == "POST" and parts[3:] == ["buy"]:
                if found["tracking_code"] is None:
                    number = f"1Z999AA1{self._next:010d}"
                    self._next += 1
                    found["tracking_code"] = number
                    found["postage_label"] = {
                        "label_zpl_url": self.url.removesuffix("/v2") + f"/labels/{number}.zpl"}
                return 200, found, fault == "lost_after_buy", None
            if method == "POST" and parts[3:] == ["refund"]:
                found["refund_status"] = "rejected" if found["scanned"] else "submitted"
                return 200, found, False, None
            if method == "GET" and len(parts) == 3:
                return 200, found, False, None
            return 404, {"error": {"code": "NOT_FOUND", "message": path}}, False, None

    def _scan_form(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], bool, None]:
        """EasyPost refuses a ScanForm for unknown or unbought shipments, or ones already on
        a form; otherwise every shipment on it counts as scanned (no refund any more)."""
        ids = [s.get("id") for s in body.get("shipments") or []]
        found = [self.shipments.get(str(i)) for i in ids]
        bad = [i for i, s in zip(ids, found, strict=True)
               if s is None or not s["tracking_code"] or s.get("on_form")]
        if not ids or bad:
            return 422, {"error": {"code": "SCAN_FORM.INVALID",
                                   "message": f"shipments not eligible: {bad or 'none'}"}}, \
                False, None
        form_id = f"sf_{self._next:032x}"
        self._next += 1
        for shipment in found:
            assert shipment is not None
            shipment["on_form"], shipment["scanned"] = form_id, True
        form = {"id": form_id, "status": "created",
                "tracking_codes": [s["tracking_code"] for s in found if s is not None],
                "form_url": self.url.removesuffix("/v2") + f"/forms/{form_id}.pdf"}
        self.scan_forms.append(form)
        return 200, form, False, None

    def scanned(self, number: str) -> None:
        """The carrier scanned the parcel: EasyPost refuses a refund from now on."""
        for shipment in self.shipments.values():
            if shipment["tracking_code"] == number:
                shipment["scanned"] = True


def _zpl(number: str) -> str:
    """A 4x6 in label at 203 dpi with the tracking number as Code 128."""
    return (f"^XA^PW812^LL1218^FO50,50^A0N,40,40^FDUPS GROUND^FS"
            f"^FO50,150^BY3^BCN,200,Y,N,N^FD{number}^FS^XZ")
