"""The lead's evidence player: one scan finds the pack's clip, it plays, tampering shows; the
window reaches it by button and scanner and shows the camera's health."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from station.config import CameraSettings
from station.evidence.recorder import EvidenceRecorder
from station.store.db import create_station_engine, upgrade
from ui.ops import Ops
from ui.screens.evidence import EvidenceScreen


@pytest.fixture
def recorded(tmp_path):
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    with engine.begin() as conn:
        for badge, role in (("L001", "lead"), ("P001", "packer")):
            conn.execute(text("INSERT INTO operators (badge, name, role, active) "
                              "VALUES (:b, :b, :r, 1)"), {"b": badge, "r": role})
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
    screen = EvidenceScreen(recorder, ops, viewer=lambda: "L001")
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


def test_a_packer_sees_no_pack_video_whatever_the_window_shows(qtbot, recorded):
    """The role is checked in the recorder's look-up, not only by hiding the button."""
    recorder, _clip = recorded
    ops = Ops()
    screen = EvidenceScreen(recorder, ops, viewer=lambda: "P001")
    qtbot.addWidget(screen)
    screen.look_up("SF10000001")
    qtbot.waitUntil(lambda: screen.answers == 1, timeout=5000)
    assert screen.list.count() == 0
    assert screen.banner.code == "not_lead" and "lead" in screen.banner.text.text()
    ops.shutdown()


def test_a_lead_reaches_the_pack_video_by_scanner_and_the_bar_shows_the_camera(make_window,
                                                                             qtbot):
    """A station with a camera: Camera in the status bar; Lookup SO-1001, then CMD:CLIPS plays
    that order's clip; a packer has no Clips button and CMD:CLIPS refuses."""
    from lead_kit import labelled_parcel

    from ui.devices import DeviceBridge

    devices = DeviceBridge([])
    window, packer = make_window(warehouse="WH1", devices=devices)
    engine = create_station_engine(window.settings.database)
    labelled_parcel(engine, "SO-1001", "SF100000001", 810)
    camera = CameraSettings(uri="sim://testsrc", fps=15, size="640x360",
                            folder=window.settings.database.parent / "ev")
    recorder = EvidenceRecorder(engine, camera, station="ST-01")
    recorder.start()
    try:
        devices.watch("camera", recorder.device_status, interval_ms=100)
        window.lead.attach_evidence(recorder)
        assert recorder.wait_ready()
        bar = window.status.labels["camera"]
        qtbot.waitUntil(lambda: "Camera: ok" in bar.text(), timeout=5000)
        assert bar.isVisible()
        recorder.order_opened("SO-1001", "B-PACKER", "ST-01")
        recorder.tracking_added("SF100000001")
        time.sleep(1.5)
        recorder.order_ended("labelled").result(30)

        window.controller.login_pin("B-PACKER", "111111", lambda m: None)
        qtbot.waitUntil(lambda: window.controller.view.operator == "B-PACKER", timeout=10000)
        assert not window.lead.buttons["clips"].isVisible()
        packer.scan("CMD:CLIPS", wait=False)
        qtbot.waitUntil(lambda: window.sounds.history[-1:] == ["error"], timeout=5000)
        assert window.stack.currentWidget() is window.pack

        window.lock()
        window.controller.login_pin("B-LEAD", "222222", lambda m: None)
        qtbot.waitUntil(lambda: window.controller.view.operator == "B-LEAD", timeout=10000)
        assert window.lead.buttons["clips"].isVisible()
        packer.scan("CMD:LOOKUP", wait=False)
        packer.scan("SO-1001", wait=False)
        qtbot.waitUntil(lambda: window.lead.lookup_screen.current_order() is not None,
                        timeout=10000)
        packer.scan("CMD:CLIPS", wait=False)
        player = window.lead.screens["clips"]
        qtbot.waitUntil(lambda: player.list.count() == 1, timeout=10000)
        assert window.stack.currentWidget() is player
        assert player.code.text() == "SO-1001"
        assert "SF100000001" in player.list.item(0).text()
        assert "hash verified" in player.list.item(0).text()
        qtbot.waitUntil(lambda: player.frames_shown >= 5, timeout=10000)
        packer.scan("CMD:CANCEL", wait=False)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pack, timeout=5000)
    finally:
        recorder.close()
        engine.dispose()
