"""Bridge from the drivers' owner threads to the GUI thread (typed events → queued signals)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from drivers.events import DeviceEvent, DeviceFault, ScanEvent, UnreadableScanEvent, WeightEvent
from drivers.manager import DeviceConfig, DeviceManager
from station.device_status import DeviceStatus, DeviceStatusBoard
from ui.qt import QObject, QTimer, Signal


class DeviceBridge(QObject):
    """Owns the DeviceManager; its callbacks run on device threads and only emit signals."""

    weight = Signal(object, str)  # grams | None, "stable" | "motion" | "fault"
    scanned = Signal(str)  # a serial scanner's line (AIM prefix already split off)
    unreadable = Signal(str)
    device_state = Signal(str, str, str)  # device, "ok" | "fault" | "connecting", message
    _event = Signal(object)

    def __init__(self, configs: list[DeviceConfig]) -> None:
        super().__init__()
        self.configs = configs
        self.manager = DeviceManager(configs, on_event=self._forward)
        self.board = DeviceStatusBoard(c.name for c in configs)  # the ok/fault rule lives there
        self._event.connect(self._on_event)  # queued: emitted on a device thread
        self._watches: dict[str, QTimer] = {}

    def _forward(self, event: DeviceEvent) -> None:
        """Called on a device thread: only hand the event over."""
        # RuntimeError: the window is gone while the device thread still runs.
        with contextlib.suppress(RuntimeError):
            self._event.emit(event)

    def start(self) -> None:
        for status in self.board.statuses():
            self.device_state.emit(status.device, str(status.state), status.message)
        self.manager.start()

    def stop(self) -> None:
        self.manager.stop(timeout=2.0)

    def watch(self, name: str, poll: Callable[[], DeviceStatus], interval_ms: int = 1000) -> None:
        """A device that reports its own health (the evidence camera): ``poll`` is read on the
        GUI thread every ``interval_ms`` (it must only read memory, never do I/O) and a
        change goes to the status bar and the health report like any driver's."""
        timer = QTimer(self)

        def check() -> None:
            changed = self.board.put(poll())
            if changed is not None:
                self.device_state.emit(changed.device, str(changed.state), changed.message)

        timer.timeout.connect(check)
        timer.start(interval_ms)
        self._watches[name] = timer
        check()

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.configs)

    def _on_event(self, event: DeviceEvent) -> None:
        changed = self.board.on_event(event)
        if changed is not None:
            self.device_state.emit(changed.device, str(changed.state), changed.message)
        if isinstance(event, WeightEvent):
            r = event.reading
            state = str(r.state)
            if state in ("stable", "motion"):
                self.weight.emit(r.grams, state)
            else:
                self.weight.emit(None, "fault")
        elif isinstance(event, ScanEvent):
            self.scanned.emit(event.code.data)
        elif isinstance(event, UnreadableScanEvent):
            self.unreadable.emit(event.message)
        elif isinstance(event, DeviceFault) and event.device == "scale":
            self.weight.emit(None, "fault")
