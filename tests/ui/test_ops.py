"""Operations run off the GUI thread and come back on it; failures reach one place."""

from __future__ import annotations

import threading
import wave

from ui.ops import Ops
from ui.sounds import TONES, SoundPlayer, write_sounds


def test_op_runs_off_gui_thread_and_delivers_on_it(qtbot):
    ops = Ops()
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    ops.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=3000)
    assert seen["value"] == 42
    assert seen["worker"] != gui and seen["callback"] == gui
    ops.shutdown()


def test_store_lane_keeps_order_and_failures_reach_failed_signal(qtbot):
    ops = Ops()
    got = []
    for i in range(50):
        ops.run(lambda i=i: i, got.append)

    def boom():
        raise RuntimeError("printer on fire")

    with qtbot.waitSignal(ops.failed, timeout=3000) as blocker:
        ops.run(boom, got.append, what="print label")
    failure = blocker.args[0]
    assert failure.what == "print label" and "printer on fire" in failure.message
    assert got == list(range(50))
    ops.shutdown()


def test_a_hung_print_lane_does_not_hold_up_store_writes(qtbot):
    ops = Ops()
    release = threading.Event()
    got = []
    ops.run(lambda: release.wait(5), lane="print")
    ops.run(lambda: "scan saved", got.append)
    qtbot.waitUntil(lambda: got == ["scan saved"], timeout=3000)
    release.set()
    ops.shutdown()


def test_sound_files_are_distinct_valid_wavs(tmp_path):
    paths = write_sounds(tmp_path)
    blobs = set()
    for p in paths:
        with wave.open(str(p)) as w:
            assert w.getnchannels() == 1 and w.getframerate() > 8000
            assert w.getnframes() > 1000
            blobs.add(w.readframes(w.getnframes()))
    assert len(blobs) == len(TONES)


def test_player_maps_core_sounds_and_never_blocks(qtbot):
    player = SoundPlayer(enabled=False)
    with qtbot.waitSignal(player.played) as blocker:
        player.play("wrong_item")
    assert blocker.args == ["wrong_item"]
    player.play("accept")
    player.play("prompt")
    player.play("no-such-sound")
    assert player.history == ["wrong_item", "ok", "warning", "warning"]
