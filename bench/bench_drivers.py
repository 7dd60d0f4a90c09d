"""Device latencies over real ptys and loopback TCP, through the real drivers and manager.

- scan line written to a pty → ScanEvent delivered to the listener (goal p99 ≤ 2 ms),
  baseline: raw os.write → select/os.read on the same pty, one thread;
- Toledo continuous frame written to a pty → WeightEvent delivered (p99);
- print job round trip (status, send, status) to the TCP printer simulator (p50/p99),
  baseline: one raw ``~HS`` status round trip on a plain socket;
- pty unplugged → DeviceFault delivered (goal ≤ 1000 ms);
- a scale gone silent: last reading → NO_REPLY event (goal ≤ 1000 ms).

Baselines are measured interleaved with the samples so both see the same machine load.
"""

from __future__ import annotations

import os
import queue
import select
import socket
import tempfile
import time
import tty
from typing import Any

from bench.figures import figure, percentile
from drivers.events import DeviceConnected, DeviceEvent, DeviceFault, ScanEvent, WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from drivers.scales.base import ScaleState
from drivers.sim.printer_sim import PrinterSimulator
from drivers.sim.pty import PtyLink
from drivers.sim.scale_sim import ScaleSimulator, encode_reading

SAMPLES = 500


def _ms(ns: float) -> float:
    return ns / 1e6


class _Inbox:
    """Listener that timestamps each event on delivery (on the device's owner thread)."""

    def __init__(self) -> None:
        self.q: queue.SimpleQueue[tuple[int, DeviceEvent]] = queue.SimpleQueue()

    def __call__(self, event: DeviceEvent) -> None:
        self.q.put((time.perf_counter_ns(), event))

    def wait(self, kind: type, timeout: float = 5.0) -> tuple[int, Any]:
        deadline = time.monotonic() + timeout
        while True:
            at, event = self.q.get(timeout=max(0.001, deadline - time.monotonic()))
            if isinstance(event, kind):
                return at, event


class _RawPty:
    """Baseline: raw os.write → select/os.read on a pty, one thread, no driver."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)

    def round_trip_ms(self, data: bytes) -> float:
        t0 = time.perf_counter_ns()
        os.write(self.master, data)
        got = b""
        while len(got) < len(data):
            select.select([self.slave], [], [], 1.0)
            got += os.read(self.slave, 4096)
        return _ms(time.perf_counter_ns() - t0)

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)


def bench_scan(tmp: str) -> list[dict]:
    line = b"]C1010950110153000317250101\x1d10ABC123\r"
    link = PtyLink(os.path.join(tmp, "scanner"))
    link.plug()
    inbox = _Inbox()
    manager = DeviceManager(
        [DeviceConfig("scanner", "scanner", f"serial://{link.path}")], on_event=inbox
    )
    manager.start()
    samples, baseline = [], []
    raw = _RawPty()
    try:
        inbox.wait(DeviceConnected)
        for _ in range(SAMPLES):
            t0 = time.perf_counter_ns()
            link.write(line)
            at, _event = inbox.wait(ScanEvent)
            samples.append(_ms(at - t0))
            # Interleaved, so both see the same machine load.
            baseline.append(raw.round_trip_ms(line))
            time.sleep(0.001)  # scans are seconds apart in life; don't batch them here
    finally:
        manager.stop()
        link.close()
        raw.close()
    return [
        figure(
            "scan line → event p50 (pty)",
            percentile(samples, 50),
            "ms",
            "informative",
            baseline=percentile(baseline, 50),
        ),
        figure(
            "scan line → event p99 (pty)",
            percentile(samples, 99),
            "ms",
            "<= 2 ms",
            baseline=percentile(baseline, 99),
        ),
    ]


def bench_scale(tmp: str) -> list[dict]:
    link = PtyLink(os.path.join(tmp, "scale"))
    link.plug()
    inbox = _Inbox()
    config = DeviceConfig(
        "scale", "scale", f"serial://{link.path}?bytesize=8&parity=N", {"protocol": "toledo-cont"}
    )
    manager = DeviceManager([config], on_event=inbox)
    manager.start()
    samples, baseline = [], []
    raw = _RawPty()
    try:
        inbox.wait(DeviceConnected)
        for i in range(SAMPLES):
            frame = encode_reading("toledo-cont", 1000 + i % 3, "stable")
            t0 = time.perf_counter_ns()
            link.write(frame)
            at, _event = inbox.wait(WeightEvent)
            samples.append(_ms(at - t0))
            baseline.append(raw.round_trip_ms(frame))
            time.sleep(0.001)
        t0 = time.perf_counter_ns()
        link.unplug()
        at, _fault = inbox.wait(DeviceFault)
        unplug_ms = _ms(at - t0)
    finally:
        manager.stop()
        link.close()
        raw.close()
    return [
        figure(
            "scale frame → event p50 (pty, toledo-cont)",
            percentile(samples, 50),
            "ms",
            "informative",
            baseline=percentile(baseline, 50),
        ),
        figure(
            "scale frame → event p99 (pty, toledo-cont)",
            percentile(samples, 99),
            "ms",
            "<= 2 ms",
            baseline=percentile(baseline, 99),
        ),
        figure("scale unplugged → fault event", unplug_ms, "ms", "<= 1000 ms"),
    ]


def _raw_status_round_trip(port: int, n: int) -> list[float]:
    samples = []
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(n):
            t0 = time.perf_counter_ns()
            conn.sendall(b"~HS")
            reply = b""
            while reply.count(b"\x03") < 3:
                reply += conn.recv(4096)
            samples.append(_ms(time.perf_counter_ns() - t0))
    return samples


def bench_printer() -> list[dict]:
    job = b"^XA^CI28^FO50,50^A0N,40,40^FH^FDOrder 1001^FS^BCN,100,Y,N,N^FD1Z999AA10123456784^FS^XZ"
    n = 200
    with PrinterSimulator("zpl") as sim:
        manager = DeviceManager(
            [
                DeviceConfig(
                    "printer", "printer", sim.uri, {"language": "zpl", "status_interval_ms": 60000}
                )
            ]
        )
        manager.start()
        samples = []
        try:
            manager.print_job("printer", job).result(10)  # connect + warm up
            for _ in range(n):
                t0 = time.perf_counter_ns()
                result = manager.print_job("printer", job).result(10)
                samples.append(_ms(time.perf_counter_ns() - t0))
                if not result.printed:
                    raise RuntimeError(result.message)
        finally:
            manager.stop()
        baseline = _raw_status_round_trip(sim.port, n)
    return [
        figure(
            "print job round trip p50 (TCP sim, ZPL)",
            percentile(samples, 50),
            "ms",
            "informative",
            baseline=percentile(baseline, 50),
        ),
        figure(
            "print job round trip p99 (TCP sim, ZPL)",
            percentile(samples, 99),
            "ms",
            "<= 50 ms",
            baseline=percentile(baseline, 99),
        ),
    ]


def bench_silent_scale(tmp: str) -> list[dict]:
    """Last reading of a scale that then goes silent → NO_REPLY event (a dead scale)."""
    samples = []
    for trial in range(5):
        sim = ScaleSimulator("mt-sics", link_path=os.path.join(tmp, f"silent{trial}"), grams=500)
        sim.start()
        inbox = _Inbox()
        config = DeviceConfig("scale", "scale", sim.uri, {"protocol": "mt-sics"})
        manager = DeviceManager([config], on_event=inbox)
        manager.start()
        try:
            last, _event = inbox.wait(WeightEvent)
            sim.muted = True
            while True:
                at, event = inbox.wait(WeightEvent)
                if event.reading.state is ScaleState.NO_REPLY:
                    break
                last = at
            samples.append(_ms(at - last))
        finally:
            manager.stop()
            sim.stop()
    return [
        figure(
            "silent scale: last reading → no-reply event (max of 5)",
            max(samples),
            "ms",
            "<= 1000 ms",
        )
    ]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-drivers-") as tmp:
        return bench_scan(tmp) + bench_scale(tmp) + bench_silent_scale(tmp) + bench_printer()


if __name__ == "__main__":
    for row in run():
        print(row)
