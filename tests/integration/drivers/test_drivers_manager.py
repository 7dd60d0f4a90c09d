"""The manager: configuration errors at bind time, threads that never die, bounded stops."""

from __future__ import annotations

import time

import pytest
from drivers_helpers import EventLog, of_type, running, weight_is

from drivers.errors import DeviceConfigError, TransportError
from drivers.events import DeviceConnected, DeviceFault, HealthState, WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from drivers.scales.base import ScaleState
from drivers.sim.printer_sim import PrinterSimulator
from drivers.sim.scale_sim import ScaleSimulator


@pytest.mark.parametrize(
    ("configs", "words"),
    [
        ([DeviceConfig("a", "scale", "loop://", {"protocol": "x"})], "Unknown scale protocol"),
        ([DeviceConfig("a", "printer", "loop://", {"language": "pcl"})], "zpl, tspl or escpos"),
        ([DeviceConfig("a", "drawer", "loop://")], "unknown device kind"),
        ([DeviceConfig("a", "scanner", "loop://")] * 2, "Two devices"),
        ([DeviceConfig("a", "scanner", "nope://x")], "Unknown device address"),
        ([DeviceConfig("a", "scanner", "loop://", {"terminator": "ETX"})], "terminator"),
        (
            [DeviceConfig("a", "scale", "loop://", {"protocol": "cas", "no_reply_ms": "soon"})],
            "whole number",
        ),
    ],
)
def test_configuration_errors_surface_when_binding(configs, words):
    with pytest.raises(DeviceConfigError, match=words):
        DeviceManager(configs)


def test_a_failing_listener_does_not_stop_the_device(tmp_path):
    calls: list[object] = []
    log = EventLog()

    def listener(event: object) -> None:
        calls.append(event)
        log(event)  # type: ignore[arg-type]
        raise RuntimeError("a UI bug")

    with ScaleSimulator("cas", link_path=str(tmp_path / "s"), grams=700) as sim:
        manager = DeviceManager(
            [DeviceConfig("s", "scale", sim.uri, {"protocol": "cas"})], on_event=listener
        )
        manager.start()
        try:
            log.wait_for(weight_is(ScaleState.STABLE, 700))
            assert len(calls) > 3
        finally:
            manager.stop()


def test_missing_devices_report_faults_and_stop_promptly(tmp_path):
    configs = [
        DeviceConfig("scale", "scale", f"serial://{tmp_path}/nothing", {"protocol": "mt-sics"}),
        DeviceConfig("scanner", "scanner", "usb-serial://ffff:fffe"),
        DeviceConfig("printer", "printer", "tcp://127.0.0.1:9", {"language": "zpl"}),
    ]
    with running(*configs) as (manager, log):
        for name in ("scale", "scanner", "printer"):
            log.wait_for(of_type(DeviceFault, device=name))
        log.wait_for(weight_is(ScaleState.DISCONNECTED))
        assert {h.state for h in manager.health()} == {HealthState.FAULT}
        result = manager.print_job("printer", b"^XA^XZ").result(timeout=10)
        assert not result.printed
        started = time.monotonic()
    # Leaving the block stopped three threads stuck in reconnect loops.
    assert {h.state for h in manager.health()} == {HealthState.STOPPED}
    assert time.monotonic() - started < 30  # generous bound: stop() must not hang


def test_events_also_go_to_a_queue(tmp_path):
    import queue

    events: queue.Queue = queue.Queue()
    with PrinterSimulator("tspl") as sim:
        manager = DeviceManager(
            [DeviceConfig("p", "printer", sim.uri, {"language": "tspl"})], events=events
        )
        with manager:
            assert manager.print_job("p", b"PRINT 1\r\n").result(timeout=10).printed
        kinds = set()
        while not events.empty():
            kinds.add(type(events.get_nowait()).__name__)
    assert {"DeviceConnected", "PrinterStatusEvent"} <= kinds


def test_jobs_for_unknown_devices_are_refused():
    manager = DeviceManager([])
    with pytest.raises(DeviceConfigError, match="not a configured printer"):
        manager.print_job("label", b"")
    with pytest.raises(DeviceConfigError, match="not a configured scale"):
        manager.zero("scale")


def test_sim_address_may_be_bound_before_the_simulator_starts(tmp_path):
    config = DeviceConfig("s", "scale", "sim://late-scale", {"protocol": "nci"})
    with running(config) as (manager, log):
        log.wait_for(of_type(DeviceFault, device="s"))
        with pytest.raises(TransportError, match="not ready"):
            manager.zero("s")  # refused now rather than fired later
        with ScaleSimulator("nci", name="late-scale", grams=321):
            log.wait_for(weight_is(ScaleState.STABLE, 321))
            manager.zero("s")
            log.wait_for(weight_is(ScaleState.STABLE, 0))


def test_current_reading_never_shows_a_stale_weight(tmp_path):
    with ScaleSimulator(
        "toledo-cont", link_path=str(tmp_path / "s"), grams=1500, rate_hz=20
    ) as sim:
        config = DeviceConfig(
            "s", "scale", sim.uri, {"protocol": "toledo-cont", "no_reply_ms": 300}
        )
        with running(config) as (manager, log):
            log.wait_for(weight_is(ScaleState.STABLE, 1500))
            assert manager.current_reading("s").grams == 1500
            mark = log.mark()
            sim.muted = True
            log.wait_for(weight_is(ScaleState.NO_REPLY), since=mark)
            assert manager.current_reading("s").state is ScaleState.NO_REPLY
            assert manager.current_reading("s").weight is None


def test_self_test_page_reaches_the_printer():
    with (
        PrinterSimulator("tspl") as sim,
        running(DeviceConfig("p", "printer", sim.uri, {"language": "tspl"})) as (manager, _log),
    ):
        assert manager.self_test("p").result(timeout=10).printed
        assert sim.jobs[0].endswith(b"PRINT 1\r\n")


def test_a_job_for_a_printer_not_started_fails_at_once():
    manager = DeviceManager(
        [DeviceConfig("p", "printer", "tcp://127.0.0.1:9", {"language": "zpl"})]
    )
    result = manager.print_job("p", b"^XA^XZ").result(timeout=1)
    assert not result.printed and "stopped" in result.message


def test_hid_postal_reports_through_the_scale_worker(tmp_path):
    """HID report bytes carried over a pty: the worker drops the stale first report."""
    from drivers.sim.pty import PtyLink

    link = PtyLink(str(tmp_path / "hid"))
    link.plug()
    config = DeviceConfig(
        "postal", "scale", f"serial://{link.path}?bytesize=8&parity=N",
        {"protocol": "hid-postal", "stable_min_ms": 0, "stable_readings": 2},
    )  # fmt: skip
    try:
        with running(config) as (_manager, log):
            log.wait_for(of_type(DeviceConnected))
            link.write(bytes([3, 4, 2, 0, 0x10, 0x27]))  # stale 10000 g: discarded
            for _ in range(200):  # bounded: report until the gate accepts
                link.write(bytes([3, 4, 2, 0, 0xE2, 0x04]))  # 1250 g stable
                try:
                    log.wait_for(weight_is(ScaleState.STABLE, 1250), timeout=0.05)
                    break
                except AssertionError:
                    continue
            log.wait_for(weight_is(ScaleState.STABLE, 1250))
            assert not [
                e for e in log.events if isinstance(e, WeightEvent) and e.reading.grams == 10000
            ]
    finally:
        link.close()
