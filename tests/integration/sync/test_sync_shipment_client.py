"""``CentralClient.create_shipment`` while a packer waits: one try, short timeouts, and the
difference between "central is away" (label from the pool) and "central says no" (stop)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from contract import ShipmentRequest
from station.sync.client import CentralClient, CentralRejected, CentralUnavailable

REQUEST = ShipmentRequest(order_id="SO-1001", parcel_no=1, parcel_count=1, carrier="EMS",
                          service="EMS-STD", weight_g=420, attempt_key="attempt-0001")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: nothing listens there


class _SilentListener:
    """Accepts TCP connections, reads what arrives, never answers; counts the connections."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.accepted = 0
        self.received = b""
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                client, _ = self._listener.accept()
                client.settimeout(0.05)
                self.accepted += 1
                self._held.append(client)
            for sock in self._held:
                with contextlib.suppress(TimeoutError, OSError):
                    self.received += sock.recv(65536)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for sock in self._held:
            sock.close()
        self._listener.close()


def test_unreachable_central_is_unavailable_at_once_without_retries():
    client = CentralClient(f"http://127.0.0.1:{_free_port()}", "t")
    started = time.monotonic()
    with client, pytest.raises(CentralUnavailable, match="cannot be reached"):
        client.create_shipment(REQUEST)
    # The default reads retry a refused connection three times with backoff (about 2 s);
    # a label request must fall back to the pool within the 1 s promise.
    assert time.monotonic() - started < 1.0


def test_a_server_that_never_answers_is_unavailable_after_the_read_timeout_asked_once():
    silent = _SilentListener()
    client = CentralClient(f"http://127.0.0.1:{silent.port}", "t", shipment_read_timeout_s=0.4)
    try:
        started = time.monotonic()
        with pytest.raises(CentralUnavailable):
            client.create_shipment(REQUEST)
        waited = time.monotonic() - started
        time.sleep(0.5)  # a retry would open a second connection or send a second request
    finally:
        client.close()
        silent.close()
    assert waited >= 0.4
    assert silent.accepted == 1
    assert silent.received.count(b"POST /v1/shipments") == 1
    assert b'"attempt_key":"attempt-0001"' in silent.received


class _Busy(BaseHTTPRequestHandler):
    calls = 0

    def do_POST(self) -> None:
        type(self).calls += 1
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"code":"busy","message":"try later"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_5xx_is_unavailable_and_asked_once():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = CentralClient(f"http://127.0.0.1:{server.server_port}", "t")
    try:
        with pytest.raises(CentralUnavailable) as err:
            client.create_shipment(REQUEST)
    finally:
        client.close()
        server.shutdown()
        server.server_close()
    assert err.value.status == 503 and _Busy.calls == 1


@pytest.mark.parametrize("decision", ["intercepted", "cancelled"])
def test_a_refusal_is_rejected_with_the_servers_code(central, decision):
    decided = central.call("POST", "/v1/admin/orders/SO-1001/decision", central.admin_token,
                           json={"status": decision, "reason": "seller asked"})
    assert decided.status_code == 200, decided.text
    with CentralClient(central.url, central.station_token) as client:
        with pytest.raises(CentralRejected) as err:
            client.create_shipment(REQUEST)
        assert err.value.code == f"order_{decision}" and err.value.status == 409
        assert decision in str(err.value)
        unknown = REQUEST.model_copy(update={"order_id": "SO-NOPE"})
        with pytest.raises(CentralRejected) as missing:
            client.create_shipment(unknown)
        assert missing.value.code == "not_found"
        # A released order still gets its label through the same one-try path.
        fine = client.create_shipment(REQUEST.model_copy(update={"order_id": "SO-1002"}))
        assert fine.tracking_number.startswith("EE")


def test_shipment_timeouts_must_be_positive():
    with pytest.raises(ValueError, match="shipment_connect_timeout_s"):
        CentralClient("http://127.0.0.1:1", "t", shipment_connect_timeout_s=0)
    with pytest.raises(ValueError, match="shipment_read_timeout_s"):
        CentralClient("http://127.0.0.1:1", "t", shipment_read_timeout_s=-1)
