"""Label from the pool with central unreachable: weight accepted → label confirmed printed.

The real bench core, the real central client (short connect timeout, no retries), the real
pool on a SQLite file and the ZPL printer simulator on TCP through the drivers. Central is
unreachable two ways on 127.0.0.1: a closed port (connection refused) and a listener whose
accept queue is full, so the connection attempt hangs until the client's connect timeout
(what a dead switch or a pulled cable looks like). Goal: ≤ 1 s for the first offline label;
later labels skip central (shared offline state) and are timed too.
"""

from __future__ import annotations

import contextlib
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import figure, median


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _full_listener() -> tuple[socket.socket, list[socket.socket], int]:
    """A listener that never accepts, its queue filled: new connections hang (SYN dropped)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = int(server.getsockname()[1])
    fillers = []
    for _ in range(4):
        c = socket.socket()
        c.setblocking(False)
        with contextlib.suppress(BlockingIOError):  # the handshake goes on without us
            c.connect(("127.0.0.1", port))
        fillers.append(c)
    time.sleep(0.05)
    return server, fillers, port


def _one_label(folder: Path, url: str) -> tuple[float, float, bool]:
    """Seconds from a stable reading to the label told printed, for the first offline label
    and for a relabel after a void, through the station's runtime (store and print lanes,
    the printer on its owner thread); and whether both printed."""
    import threading

    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import build_bench, demo_store
    from station.config import Settings
    from station.runtime import StationRuntime
    from station.services.pins import LeadProof
    from station.sync.client import CentralClient
    from station.sync.status import SyncStatus

    store = demo_store(folder)
    settings = Settings(database=folder / "station.sqlite3")
    printer = PrinterSimulator("zpl").start()
    client = CentralClient(url, "token", shipment_connect_timeout_s=0.5)
    status = SyncStatus()
    runtime = StationRuntime([DeviceConfig("printer", "printer", printer.uri,
                                           {"language": "zpl"})])
    runtime.make_bench = lambda: build_bench(store, settings, printer=runtime.printer(),
                                             client=client, status=status)
    labelled = threading.Event()
    runtime.on_answer = lambda a: labelled.set() if a.label is not None else None

    def wait(future: Any) -> Any:
        assert future is not None
        return future.result(30)

    try:
        runtime.start_devices()
        wait(runtime.open(after_crash=False))
        for code in ("B-LEAD", "SO-1005", "4006381333931", "CMD:CLOSE", "CMD:CONFIRM"):
            wait(runtime.scan(code))
        grams = runtime.view.expected_g or 0
        t0 = time.perf_counter()
        runtime.reading(grams, True)
        labelled.wait(10)
        first = time.perf_counter() - t0
        printed = bool(runtime.view.parcels and runtime.view.parcels[0].printed)
        wait(runtime.void("bench", LeadProof.scan("B-LEAD")))
        runtime.lanes.drain()
        labelled.clear()
        t1 = time.perf_counter()
        runtime.scan("CMD:REPRINT")
        labelled.wait(10)
        second = time.perf_counter() - t1
        printed = printed and bool(runtime.view.parcels[0].printed)
        return first, second, printed
    finally:
        runtime.stop()
        client.close()
        printer.stop()
        store.close()
        store.engine.dispose()


def run() -> list[dict[str, Any]]:
    rows = []
    server, fillers, hung_port = _full_listener()
    try:
        for name, url in (("connection refused", f"http://127.0.0.1:{_closed_port()}"),
                          ("connection hangs", f"http://127.0.0.1:{hung_port}")):
            firsts, seconds, ok = [], [], True
            for _ in range(3):
                with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
                    first, second, printed = _one_label(Path(tmp), url)
                firsts.append(first)
                seconds.append(second)
                ok = ok and printed
            rows.append(figure(f"label from pool, central unreachable ({name}), first label",
                               max(firsts) * 1000, "ms", "<= 1000 ms", printed=ok,
                               median_ms=round(median(firsts) * 1000, 1)))
            rows.append(figure(f"label from pool, central unreachable ({name}), next label",
                               max(seconds) * 1000, "ms", "<= 1000 ms", printed=ok))
    finally:
        for c in fillers:
            c.close()
        server.close()
    return rows
