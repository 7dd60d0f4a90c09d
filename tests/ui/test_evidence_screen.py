"""Lookup's evidence player: one scan finds the pack's clip, it plays, tampering shows."""

from __future__ import annotations

import time

import pytest

from station.config import CameraSettings
from station.evidence.recorder import EvidenceRecorder
from station.store.db import create_station_engine, upgrade
from ui.ops import Ops
from ui.screens.evidence import EvidenceScreen


@pytest.fixture
def recorded(tmp_path):
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    camera = CameraSettings(uri="sim://testsrc", fps=15, size="640x360", folder=tmp_path / "ev")
    recorder = EvidenceRecorder(engine, camera, station="ST-01")
    recorder.start()
    assert recorder.wait_ready()
    recorder.order_opened("SO-1001", "P001", "ST-01")
    recorder.tracking_added("SF10000001")

    time.sleep(2.0)
    clip = recorder.order_ended("labelled").result(30)
    yield recorder, clip
    recorder.close()
    engine.dispose()


def test_scan_a_tracking_number_and_watch_the_pack(qtbot, recorded):
    recorder, clip = recorded
    ops = Ops()
    screen = EvidenceScreen(recorder, ops)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.keyClicks(screen.code, "SF10000001")
    qtbot.keyClick(screen.code, "\r")
    qtbot.waitUntil(lambda: screen.list.count() == 1, timeout=5000)
    assert "SO-1001" in screen.list.item(0).text()
    assert "hash verified" in screen.list.item(0).text()
    qtbot.waitUntil(lambda: screen.frames_shown >= 10, timeout=10000)
    assert not screen.video.pixmap().isNull()

    data = bytearray(clip.path.read_bytes())
    data[-100] ^= 0xFF
    clip.path.write_bytes(bytes(data))
    screen.look_up("SO-1001")
    qtbot.waitUntil(lambda: "CHANGED" in (screen.list.item(0).text()
                                         if screen.list.count() else ""), timeout=5000)

    screen.look_up("SO-NOPE")
    qtbot.waitUntil(lambda: "No packing video" in screen.found.text(), timeout=5000)
    assert screen.list.count() == 0
    screen.close()
    ops.shutdown()
