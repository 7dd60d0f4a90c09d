"""The status board fed by the real scale driver and simulator over a pty: a silent or
unplugged scale reads "fault" on every 50 ms sample while the driver reconnects, and "ok"
again only once the scale answers."""

from __future__ import annotations

import threading
import time

from drivers_helpers import EventLog, of_type

from drivers.events import DeviceConnected, DeviceEvent, WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from drivers.sim.scale_sim import ScaleSimulator
from station.device_status import DeviceState, DeviceStatusBoard


class _Board:
    """The board as the UI bridge uses it: fed on the device thread, sampled elsewhere."""

    def __init__(self, log: EventLog) -> None:
        self.board = DeviceStatusBoard(["scale"])
        self.log = log
        self._lock = threading.Lock()

    def __call__(self, event: DeviceEvent) -> None:
        with self._lock:
            self.board.on_event(event)
        self.log(event)

    def state(self) -> DeviceState:
        with self._lock:
            status = self.board.status_of("scale")
        assert status is not None
        return status.state

    def wait_for(self, state: DeviceState, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while self.state() is not state:
            assert time.monotonic() < deadline, f"scale never became {state}"
            time.sleep(0.01)

    def samples(self, seconds: float) -> list[DeviceState]:
        """The state every 50 ms, as a repainting status bar would see it."""
        out = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            out.append(self.state())
            time.sleep(0.05)
        return out


def test_silent_and_unplugged_scale_stays_fault_through_reconnects(tmp_path):
    log = EventLog()
    board = _Board(log)
    with ScaleSimulator("mt-sics", link_path=str(tmp_path / "scale"), grams=800) as sim:
        # Short silences so that several reconnect rounds fall inside the sampled window.
        options = {"protocol": "mt-sics", "no_reply_ms": 300, "silence_reconnect_ms": 900}
        config = DeviceConfig("scale", "scale", sim.uri, options)
        with DeviceManager([config], on_event=board, reconnect_max_s=0.3):
            board.wait_for(DeviceState.OK)

            # Connected but silent: the link reopens every ~second, the scale never answers.
            mark = log.mark()
            sim.muted = True
            board.wait_for(DeviceState.FAULT)
            seen = board.samples(4.0)
            reopened = [e for e in log.since(mark) if of_type(DeviceConnected)(e)]
            assert len(reopened) >= 2, "the driver did not reconnect: the test proves nothing"
            assert set(seen) == {DeviceState.FAULT}, seen
            sim.muted = False
            board.wait_for(DeviceState.OK)

            # Unplugged: the device path vanishes; reconnect attempts fail until it is back.
            sim.unplug()
            board.wait_for(DeviceState.FAULT)
            assert set(board.samples(3.0)) == {DeviceState.FAULT}
            sim.plug()
            board.wait_for(DeviceState.OK)
            assert set(board.samples(1.0)) == {DeviceState.OK}


def test_another_program_on_the_reused_port_is_never_taken_for_the_scale(tmp_path):
    """The scale's process dies; another MT-SICS program gets the same device path and sends
    its own weights. The station asks "I4" on every reopen: a different serial number (or
    none) is a fault naming both, and no weight of it is ever shown; the scale's own serial
    back is "ok" again."""
    log = EventLog()
    board = _Board(log)
    path = str(tmp_path / "scale")
    options = {"protocol": "mt-sics", "no_reply_ms": 300, "silence_reconnect_ms": 900}
    ours = ScaleSimulator("mt-sics", link_path=path, grams=800, serial="B111").start()
    config = DeviceConfig("scale", "scale", ours.uri, options)
    try:
        with DeviceManager([config], on_event=board, reconnect_max_s=0.3):
            board.wait_for(DeviceState.OK)
            ours.stop()  # the scale's process died; its path is free
            board.wait_for(DeviceState.FAULT)
            mark = log.mark()
            with ScaleSimulator("mt-sics", link_path=path, grams=5555, serial="X999") as other:
                assert set(board.samples(3.0)) == {DeviceState.FAULT}
                assert other.sent_frames > 0, "the other program was never asked: proves nothing"
                shown = [e.reading.grams for e in log.since(mark)
                         if isinstance(e, WeightEvent) and e.reading.grams]
                assert 5555 not in shown
                status = board.board.status_of("scale")
                assert status is not None and "X999" in status.message
                assert "B111" in status.message
            ours = ScaleSimulator("mt-sics", link_path=path, grams=800, serial="B111").start()
            board.wait_for(DeviceState.OK)
    finally:
        ours.stop()


def test_a_configured_serial_number_refuses_any_other_scale_from_the_first_open(tmp_path):
    log = EventLog()
    board = _Board(log)
    options = {"protocol": "mt-sics", "serial_number": "B111"}
    with ScaleSimulator("mt-sics", link_path=str(tmp_path / "scale"), grams=800,
                        serial="B222") as sim:
        config = DeviceConfig("scale", "scale", sim.uri, options)
        with DeviceManager([config], on_event=board, reconnect_max_s=0.3):
            board.wait_for(DeviceState.FAULT)
            assert set(board.samples(1.5)) == {DeviceState.FAULT}
            assert not [e for e in log.since(0) if isinstance(e, WeightEvent) and
                        e.reading.grams]
            sim.serial = "B111"  # the right scale is plugged in
            board.wait_for(DeviceState.OK)
