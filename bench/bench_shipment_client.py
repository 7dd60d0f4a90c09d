"""Label request with central away: how long ``create_shipment`` takes to give up (the station
then labels from its pool). Refused connection and a server that never answers."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from bench.figures import figure, percentile
from contract import ShipmentRequest
from station.sync.client import CentralClient, CentralUnavailable

REQUEST = ShipmentRequest(
    order_id="SO-1001",
    parcel_no=1,
    parcel_count=1,
    carrier="EMS",
    service="EMS-STD",
    weight_g=420,
    attempt_key="bench-attempt-1",
)


def _give_up_s(client: CentralClient) -> float:
    start = time.perf_counter()
    try:
        client.create_shipment(REQUEST)
    except CentralUnavailable:
        return time.perf_counter() - start
    raise AssertionError("the request unexpectedly succeeded")


def refused(tries: int = 20) -> dict:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with CentralClient(f"http://127.0.0.1:{port}", "t") as client:
        samples = [_give_up_s(client) for _ in range(tries)]
    return figure(
        "shipment_unavailable_refused_p99", percentile(samples, 99) * 1000, "ms", "<= 1000 ms"
    )


def silent(read_timeout_s: float = 5.0) -> dict:
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    try:
        with CentralClient(
            f"http://127.0.0.1:{port}", "t", shipment_read_timeout_s=read_timeout_s
        ) as client:
            waited = _give_up_s(client)
    finally:
        stop.set()
        thread.join(timeout=2)
        for sock in held:
            sock.close()
        listener.close()
    return figure(
        "shipment_unavailable_silent_server",
        waited,
        "s",
        f"<= {read_timeout_s + 0.5:g} s (read timeout {read_timeout_s:g} s, one connection)",
        connections=len(held),
    )


def run() -> list[dict]:
    return [refused(), silent()]
