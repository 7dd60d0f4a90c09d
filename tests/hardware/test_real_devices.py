"""Checks against the real devices of a bench, for IT after installing or replacing hardware.

They run only when an environment variable names the device (CI has none):

    STATION_HW_SCALE="serial:///dev/ttyUSB0?baudrate=9600|mt-sics" \
    STATION_HW_PRINTER="tcp://192.0.2.10:9100|zpl" \
    .venv/bin/python -m pytest -m hardware tests/hardware

Put a known weight on the scale first; the self-test label must come out of the printer.
"""

from __future__ import annotations

import os
import queue
import time

import pytest

from drivers.events import WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from drivers.scales.base import ScaleState

SCALE = os.environ.get("STATION_HW_SCALE", "")
PRINTER = os.environ.get("STATION_HW_PRINTER", "")

pytestmark = pytest.mark.hardware


def _device(spec: str) -> tuple[str, str]:
    uri, _, protocol = spec.partition("|")
    return uri, protocol


@pytest.mark.skipif(not SCALE, reason="STATION_HW_SCALE names no scale")
def test_real_scale_gives_a_stable_weight():
    uri, protocol = _device(SCALE)
    events: queue.Queue = queue.Queue()
    with DeviceManager(
        [DeviceConfig("scale", "scale", uri, {"protocol": protocol})], events=events
    ):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                event = events.get(timeout=0.5)
            except queue.Empty:
                continue
            if isinstance(event, WeightEvent) and event.reading.state is ScaleState.STABLE:
                assert event.reading.grams is not None and event.reading.grams >= 0
                return
    pytest.fail("the scale gave no stable weight within 10 s: check cable, protocol and baud rate")


@pytest.mark.skipif(not PRINTER, reason="STATION_HW_PRINTER names no printer")
def test_real_printer_prints_the_self_test_label():
    uri, language = _device(PRINTER)
    with DeviceManager([DeviceConfig("printer", "printer", uri, {"language": language})]) as m:
        result = m.self_test("printer").result(timeout=30)
    assert result.printed, result.message
