"""What the status bar says about each device, decided from the drivers' typed events.

An open link is not a working device: a scale whose serial port opened may never send a
reading. So a device is "connecting" when its link opens, "ok" only once it has answered (a
reading for a scale, a status reply for a printer, a scan for a scanner) and "fault" on a
fault or a silent/unplugged reading. A faulty device stays "fault" through its reconnect
attempts until it answers again: the bar never flashes "ok" for a link that only reopened.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from drivers.events import (
    DeviceConnected,
    DeviceEvent,
    DeviceFault,
    PrinterStatusEvent,
    ScaleReplyEvent,
    ScanEvent,
    UnreadableScanEvent,
    WeightEvent,
)
from drivers.scales.base import ScaleState
from station.i18n import _

# Readings that mean the scale did not answer (a fault), as opposed to any reading it sent.
_SILENT = frozenset({ScaleState.NO_REPLY, ScaleState.DISCONNECTED})


class DeviceState(StrEnum):
    CONNECTING = "connecting"
    OK = "ok"
    FAULT = "fault"


class DeviceStatus(NamedTuple):
    """One device's line in the status bar."""

    device: str
    state: DeviceState
    message: str


class DeviceStatusBoard:
    """The state of every device; :meth:`on_event` says what changed, if anything."""

    def __init__(self, devices: Iterable[str] = ()) -> None:
        self._status: dict[str, DeviceStatus] = {
            name: DeviceStatus(name, DeviceState.CONNECTING, "") for name in devices
        }

    def statuses(self) -> list[DeviceStatus]:
        """Every known device's current status (the bar's first paint)."""
        return list(self._status.values())

    def status_of(self, device: str) -> DeviceStatus | None:
        return self._status.get(device)

    def put(self, status: DeviceStatus) -> DeviceStatus | None:
        """A device that reports its own health (the evidence camera): its new status, or
        None when nothing changed."""
        if self._status.get(status.device) == status:
            return None
        self._status[status.device] = status
        return status

    def on_event(self, event: DeviceEvent) -> DeviceStatus | None:
        """Apply one driver event; the device's new status, or None when nothing changed."""
        name = event.device
        old = self._status.get(name)
        if isinstance(event, DeviceConnected):
            if old is not None and old.state is DeviceState.FAULT:
                return None  # a reopened link proves nothing: fault until the device answers
            new = DeviceStatus(
                name, DeviceState.CONNECTING, _("Connected; waiting for the device to answer.")
            )
        elif isinstance(event, DeviceFault):
            new = DeviceStatus(name, DeviceState.FAULT, event.message)
        elif isinstance(event, WeightEvent):
            reading = event.reading
            if reading.state in _SILENT:
                message = reading.message or _("The scale does not answer.")
                new = DeviceStatus(name, DeviceState.FAULT, message)
            else:
                new = DeviceStatus(name, DeviceState.OK, "")
        elif isinstance(event, PrinterStatusEvent):
            status = event.status
            state = DeviceState.FAULT if status.fault else DeviceState.OK
            new = DeviceStatus(name, state, status.message)
        elif isinstance(event, ScaleReplyEvent | ScanEvent | UnreadableScanEvent):
            new = DeviceStatus(name, DeviceState.OK, "")  # it answered
        else:
            return None
        if new == old:
            return None
        self._status[name] = new
        return new
