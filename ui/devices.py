"""The window's view of the runtime's devices: the runtime's listeners become queued signals.

The devices themselves (the drivers' manager, each device's status, the camera's health)
belong to :class:`station.runtime.StationRuntime`; its listeners run on device threads and
only hand values over here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from station.device_status import DeviceStatus, DeviceStatusBoard
from station.runtime import StationRuntime
from ui.qt import QObject, Signal

if TYPE_CHECKING:  # the drivers load with the first configured device (StationRuntime.devices)
    from drivers.manager import DeviceConfig, DeviceManager


class DeviceBridge(QObject):
    """Scans, readings and device states of one runtime, on the GUI thread."""

    weight = Signal(object, str)  # grams | None, "stable" | "motion" | "fault"
    scanned = Signal(str)  # a serial scanner's line (AIM prefix already split off)
    unreadable = Signal(str)
    device_state = Signal(str, str, str)  # device, "ok" | "fault" | "connecting", message
    _relay = Signal(object, object)  # (emit, args): crosses from a device thread

    def __init__(self, devices: list[DeviceConfig] | StationRuntime) -> None:
        super().__init__()
        runtime = devices if isinstance(devices, StationRuntime) else StationRuntime(devices)
        self.runtime = runtime
        self._relay.connect(self._on_relay)  # queued: emitted on device threads
        runtime.on_device_state = lambda s: self._send(
            self.device_state.emit, s.device, str(s.state), s.message
        )
        # The window routes every scan (a lead screen may take it) and hands readings back
        # to the runtime's weight filter (see StationWindow.on_weight).
        runtime.scan_sink = lambda raw: self._send(self.scanned.emit, raw)
        runtime.weight_sink = lambda grams, state: self._send(self.weight.emit, grams, state)
        runtime.on_unreadable = lambda message: self._send(self.unreadable.emit, message)

    @property
    def configs(self) -> list[DeviceConfig]:
        return self.runtime.configs

    @property
    def manager(self) -> DeviceManager:
        return self.runtime.devices

    @property
    def board(self) -> DeviceStatusBoard:
        return self.runtime.board

    def _send(self, emit: Callable[..., Any], *args: Any) -> None:
        """Called on a device thread: only hand the value over."""
        # RuntimeError: the window is gone while the device thread still runs.
        with contextlib.suppress(RuntimeError):
            self._relay.emit(emit, args)

    @staticmethod
    def _on_relay(emit: Callable[..., Any], args: tuple[Any, ...]) -> None:
        emit(*args)

    def start(self) -> None:
        self.runtime.start_devices()

    def stop(self) -> None:
        self.runtime.stop_devices()

    def watch(self, name: str, poll: Callable[[], DeviceStatus], interval_ms: int = 1000) -> None:
        """A device that reports its own health (the evidence camera); see
        :meth:`StationRuntime.watch`."""
        self.runtime.watch(name, poll, interval_ms / 1000)

    def has(self, name: str) -> bool:
        return self.runtime.has(name)
