"""Binds the configured devices: one owner thread each, typed events out, health for the UI.

    manager = DeviceManager([DeviceConfig("scale", "scale", "serial:///dev/ttyUSB0",
                                          {"protocol": "mt-sics"})], on_event=print)
    with manager:
        ...

Events go to ``on_event`` (called on the device's thread — the UI bridges to its own
thread) and/or ``events`` (a queue). Reconnects back off from ``reconnect_initial_s`` to
``reconnect_max_s``. A USB serial device configured as ``usb-serial://VID:PID[/SERIAL]`` is
found again by its ids after a replug, whatever its new port name.

Options (strings or numbers, e.g. from the station's TOML):

- scale: ``protocol`` (mt-sics, toledo-8213, toledo-cont, cas, nci, hid-postal), ``unit``
  (8213 only, default kg), ``checksum`` (toledo-cont), ``request`` (cas ENQ/DC1 mode),
  ``poll_interval_ms`` (100), ``no_reply_ms`` (800), ``silence_reconnect_ms`` (5000, 0 = never),
  ``stable_readings`` (3), ``stable_band_mg`` (2000), ``stable_min_ms`` (300); serial settings
  default to the protocol's (e.g. 7E1 for 8213) and the URI query wins;
- scanner: ``terminator`` (CR, LF, CRLF, TAB), ``aim`` (1), ``prefix``, ``suffix``,
  ``encoding`` (utf-8; gbk for many Chinese scanners);
- printer: ``language`` (zpl, tspl, escpos), ``timeout_ms`` (2000: no answer = fault),
  ``status_interval_ms`` (5000, idle status polling for the health view).
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterable
from concurrent.futures import Future

from drivers.errors import DeviceConfigError
from drivers.events import DeviceEvent, DeviceHealth
from drivers.i18n import _
from drivers.printers.printer import PrintResult
from drivers.printers.selftest import self_test_job
from drivers.scales.base import ScaleReading
from drivers.transports.serial_port import list_ports
from drivers.workers import WORKERS, DeviceConfig, DeviceWorker, PrinterWorker, ScaleWorker

__all__ = ["DeviceConfig", "DeviceManager", "usb_serial_ports"]


class DeviceManager:
    def __init__(
        self,
        devices: Iterable[DeviceConfig],
        on_event: Callable[[DeviceEvent], None] | None = None,
        events: queue.Queue[DeviceEvent] | queue.SimpleQueue[DeviceEvent] | None = None,
        *,
        reconnect_initial_s: float = 0.1,
        reconnect_max_s: float = 2.0,
    ) -> None:
        self._on_event = on_event
        self._events = events
        self._workers: dict[str, DeviceWorker] = {}
        for config in devices:
            if config.name in self._workers:
                raise DeviceConfigError(
                    _("Two devices are named {name!r}.").format(name=config.name)
                )
            worker_type = WORKERS.get(config.kind)
            if worker_type is None:
                raise DeviceConfigError(
                    _(
                        "{name}: unknown device kind {kind!r}; use scale, scanner or printer."
                    ).format(name=config.name, kind=config.kind)
                )
            backoff = (reconnect_initial_s, reconnect_max_s)
            self._workers[config.name] = worker_type(config, self._emit, backoff)

    def _emit(self, event: DeviceEvent) -> None:
        if self._events is not None:
            self._events.put(event)
        if self._on_event is not None:
            self._on_event(event)

    def start(self) -> None:
        for worker in self._workers.values():
            worker.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop every device thread; each returns within its own bounded I/O timeout."""
        for worker in self._workers.values():
            worker.stop()
        for worker in self._workers.values():
            if worker.is_alive():
                worker.join(timeout)

    def __enter__(self) -> DeviceManager:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def health(self) -> list[DeviceHealth]:
        """A snapshot for the Devices screen, in configuration order."""
        return [worker.health() for worker in self._workers.values()]

    def current_reading(self, device: str) -> ScaleReading:
        """The scale's newest reading for a pull-style caller (STABLE = accepted weight).

        Never a stale weight: a reading older than the no-reply limit comes back NO_REPLY.
        """
        return self._scale(device).latest()

    def self_test(self, device: str) -> Future[PrintResult]:
        """Print the fixed test page of the printer's language."""
        worker = self._workers.get(device)
        if not isinstance(worker, PrinterWorker):
            raise DeviceConfigError(_("{name} is not a configured printer.").format(name=device))
        return worker.submit(self_test_job(worker.language.name))

    def zero(self, device: str) -> None:
        self._scale(device).command("zero")

    def tare(self, device: str) -> None:
        self._scale(device).command("tare")

    def print_job(self, device: str, job: bytes) -> Future[PrintResult]:
        """Queue raw label bytes (already in the printer's language); the future resolves to a
        PrintResult — ``printed`` only when the printer confirmed no fault."""
        worker = self._workers.get(device)
        if not isinstance(worker, PrinterWorker):
            raise DeviceConfigError(_("{name} is not a configured printer.").format(name=device))
        return worker.submit(job)

    def _scale(self, device: str) -> ScaleWorker:
        worker = self._workers.get(device)
        if not isinstance(worker, ScaleWorker):
            raise DeviceConfigError(_("{name} is not a configured scale.").format(name=device))
        return worker


def usb_serial_ports() -> list[tuple[str, str]]:
    """Plugged-in USB serial adapters as (``usb-serial://`` URI, description) for discovery."""
    found = []
    for port in list_ports.comports():
        if port.vid is None or port.pid is None:
            continue
        uri = f"usb-serial://{port.vid:04x}:{port.pid:04x}"
        if port.serial_number:
            uri += f"/{port.serial_number}"
        found.append((uri, f"{port.device} {port.description}"))
    return found
