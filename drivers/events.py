"""Typed events a device's owner thread delivers (callback or queue), and its health."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from drivers.printers.status import PrinterStatus
from drivers.scales.base import ScaleCommandReply, ScaleReading
from drivers.scanners.lines import ScannedCode


@dataclass(frozen=True, slots=True)
class WeightEvent:
    """A gated reading: STABLE here means the station may accept the weight."""

    device: str
    reading: ScaleReading
    at_ns: int


@dataclass(frozen=True, slots=True)
class ScaleReplyEvent:
    device: str
    reply: ScaleCommandReply
    at_ns: int


@dataclass(frozen=True, slots=True)
class ScanEvent:
    device: str
    code: ScannedCode
    at_ns: int


@dataclass(frozen=True, slots=True)
class UnreadableScanEvent:
    device: str
    raw: bytes
    message: str
    at_ns: int


@dataclass(frozen=True, slots=True)
class PrinterStatusEvent:
    device: str
    status: PrinterStatus
    at_ns: int


@dataclass(frozen=True, slots=True)
class DeviceFault:
    """The device is unusable until a later DeviceConnected; ``message`` is for the packer."""

    device: str
    message: str
    at_ns: int


@dataclass(frozen=True, slots=True)
class DeviceConnected:
    device: str
    reconnect: bool
    at_ns: int


DeviceEvent = (
    WeightEvent
    | ScaleReplyEvent
    | ScanEvent
    | UnreadableScanEvent
    | PrinterStatusEvent
    | DeviceFault
    | DeviceConnected
)


class HealthState(StrEnum):
    CONNECTING = "connecting"
    OK = "ok"
    FAULT = "fault"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    """One row of the Devices screen."""

    name: str
    kind: str
    uri: str
    state: HealthState
    message: str
    since_ns: int
    reconnects: int
