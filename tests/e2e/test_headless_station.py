"""A whole station with no window: ``build_runtime`` with a scale simulator on a pty (MT-SICS),
a ZPL printer simulator on TCP and a real central on 127.0.0.1. The runtime routes the scans
to the bench, takes the scale's own stable readings, prints the label on its print lane and
syncs; central ends with the order packed under the printed number."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text

from central import tables as t
from central.testkit import seeded_central
from drivers.sim.printer_sim import PrinterSimulator
from drivers.sim.scale_sim import ScaleSimulator
from station.bootstrap import build_runtime
from station.config import CentralSettings, DeviceSettings, PrinterSettings, Settings


def _wait(predicate, timeout_s=20.0, what="condition"):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} not reached in {timeout_s} s")


@pytest.mark.slow
def test_a_headless_station_packs_labels_and_syncs(tmp_path, monkeypatch):
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    scale = ScaleSimulator("mt-sics").start()
    printer = PrinterSimulator("zpl").start()
    monkeypatch.setenv("STATION_API_TOKEN", central.station_token)
    settings = Settings(
        database=tmp_path / "station.sqlite3", warehouse="WH-SHA",
        central=CentralSettings(url=central.url, pull_interval_s=1),
        scale=DeviceSettings(uri=scale.uri, protocol="mt-sics"),
        printer=PrinterSettings(uri=printer.uri, protocol="zpl"),
    )
    runtime = build_runtime(settings, reconnect_max_s=0.3)
    states: dict[str, str] = {}
    runtime.on_device_state = lambda s: states.__setitem__(s.device, str(s.state))
    answers = []
    runtime.on_answer = answers.append
    try:
        runtime.start(sync=True)
        assert runtime.parts is not None and runtime.parts.sync is not None
        engine = runtime.parts.store.engine  # type: ignore[attr-defined]
        _wait(lambda: states.get("scale") == "ok" and states.get("printer") == "ok",
              what="scale and printer answering")

        def pool_ready() -> bool:
            with engine.connect() as conn:
                return bool(conn.scalar(text("SELECT count(*) FROM pool_segment")))

        _wait(pool_ready, what="the pool pulled from central")
        with engine.connect() as conn:
            order_id, = conn.execute(text(
                "SELECT o.order_id FROM orders o JOIN pool_segment s ON s.carrier = o.carrier "
                "WHERE o.status = 'released' ORDER BY o.order_id LIMIT 1")).one()
            codes = [code for _sku, qty, code in conn.execute(text(
                "SELECT l.sku, l.quantity, (SELECT code FROM barcodes b WHERE b.sku = l.sku "
                "AND b.kind = 'unit' ORDER BY code LIMIT 1) FROM order_lines l "
                "WHERE l.order_id = :o ORDER BY l.line_no"), {"o": order_id}) for _ in range(qty)]

        def scan(raw: str) -> object:
            future = runtime.scan(raw)
            assert future is not None
            answer = future.result(20)
            assert answer.verdict is None or answer.verdict.severity != "stop", answer.verdict
            return answer

        for raw in ["P001", order_id, *codes, "CMD:CLOSE", "CMD:CONFIRM"]:
            scan(raw)
        expected = runtime.view.expected_g
        assert runtime.view.weighing and expected
        scale.set_weight(expected)  # the runtime takes the scale's own stable reading
        _wait(lambda: len(printer.jobs) == 1, what="the label at the printer")
        _wait(lambda: any(p.printed for p in runtime.view.parcels), what="the parcel printed")
        tracking = runtime.view.parcels[0].tracking
        assert tracking and tracking.encode() in printer.jobs[0]
        scan("CMD:CLOSE")
        assert runtime.view.state == "finished"

        def central_has_it() -> bool:
            with central.engine.connect() as conn:
                status = conn.scalar(select(t.orders.c.status).where(
                    t.orders.c.order_id == order_id))
                number = conn.scalar(select(t.tracking_numbers.c.number).where(
                    t.tracking_numbers.c.number == tracking))
            return status == "packed" and number == tracking

        _wait(central_has_it, what="central has the packed order and its number")
        assert len(printer.jobs) == 1  # nothing printed twice
    finally:
        runtime.stop()
        scale.stop()
        printer.stop()
        central.stop()
