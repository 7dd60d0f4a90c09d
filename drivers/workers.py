"""One owner thread per device: connect, serve, report faults, reconnect with backoff.

Nothing raised inside a device's thread escapes it: every failure becomes a DeviceFault
event and a health change. Every blocking call is bounded, so ``stop()`` returns promptly.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from drivers.errors import DeviceConfigError, DriverError, TransportError
from drivers.events import (
    DeviceConnected,
    DeviceEvent,
    DeviceFault,
    DeviceHealth,
    HealthState,
    PrinterStatusEvent,
    ScaleReplyEvent,
    ScanEvent,
    UnreadableScanEvent,
    WeightEvent,
)
from drivers.i18n import _
from drivers.printers.printer import LabelPrinter, PrintOutcome, PrintResult, printer_language
from drivers.printers.status import PrinterStatus
from drivers.scales.base import (
    ScaleCommandReply,
    ScaleIdentity,
    ScaleReading,
    ScaleState,
    Unreadable,
)
from drivers.scales.protocols import scale_protocol
from drivers.scales.stable import StableGateSettings, StableWeightGate
from drivers.scanners.lines import ScanLineSplitter, UnreadableScan
from drivers.transports import make_transport
from drivers.transports.base import Transport

log = logging.getLogger("drivers")

Emit = Callable[[DeviceEvent], None]


@dataclass(frozen=True)
class DeviceConfig:
    """One configured device: ``kind`` is scale, scanner or printer; options are strings or
    numbers from the station config (protocol, language, terminator, timeouts...)."""

    name: str
    kind: str
    uri: str
    options: Mapping[str, Any] | None = None

    def opt(self, key: str, default: Any = None) -> Any:
        return (self.options or {}).get(key, default)


def _ms(config: DeviceConfig, key: str, default: int) -> int:
    try:
        return int(config.opt(key, default))
    except (TypeError, ValueError):
        raise DeviceConfigError(
            _("{device}: option {key} must be a whole number of milliseconds.").format(
                device=config.name, key=key
            )
        ) from None


class DeviceWorker(threading.Thread, ABC):
    """The owner thread of one device. Subclasses implement ``serve(transport)``."""

    kind = ""

    def __init__(self, config: DeviceConfig, emit: Emit, backoff: tuple[float, float]) -> None:
        super().__init__(name=f"device:{config.name}", daemon=True)
        self.config = config
        self._emit = emit
        self._backoff_initial, self._backoff_max = backoff
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._health = DeviceHealth(
            config.name,
            self.kind,
            config.uri,
            HealthState.CONNECTING,
            _("Connecting…"),
            time.monotonic_ns(),
            0,
        )
        self._connected_once = False
        self.validate()

    # -- configuration ------------------------------------------------------------------
    def validate(self) -> None:
        """Raise DeviceConfigError now (at bind time) for a wrong URI or option."""
        if self.config.uri.startswith("sim://"):
            return  # the simulator may start after binding; resolved at each connect
        make_transport(self.config.uri, self.transport_defaults())

    def transport_defaults(self) -> Mapping[str, Any]:
        return self.config.options or {}

    # -- thread ---------------------------------------------------------------------------
    def stop(self) -> None:
        self._stopping.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def health(self) -> DeviceHealth:
        with self._lock:
            return self._health

    def run(self) -> None:
        try:
            self._run()
        except BaseException:  # last resort: the thread ends, reported, never raising
            log.exception("device thread %s crashed", self.config.name)
            self.set_health(HealthState.FAULT, _("The device thread stopped after an error."))

    def _run(self) -> None:
        delay = self._backoff_initial
        while not self.stopping:
            try:
                transport = make_transport(self.config.uri, self.transport_defaults())
                transport.open()
            except DriverError as exc:
                self.fault(exc.message)
                self.idle_while_down()
                self._stopping.wait(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            except Exception as exc:  # a bug or an odd library error must not kill the thread
                log.exception("opening %s failed", self.config.name)
                self.fault(_("Cannot open the device: {reason}").format(reason=exc))
                self.idle_while_down()
                self._stopping.wait(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            delay = self._backoff_initial
            self.connected()
            try:
                self.serve(transport)
            except DriverError as exc:
                self.fault(exc.message)
            except Exception as exc:
                log.exception("device %s failed", self.config.name)
                self.fault(_("The device failed: {reason}").format(reason=exc))
            finally:
                transport.close()
            if not self.stopping:
                self._stopping.wait(delay)
        self.set_health(HealthState.STOPPED, _("Stopped."))
        self.shutdown()

    # -- reporting ------------------------------------------------------------------------
    def emit(self, event: DeviceEvent) -> None:
        try:
            self._emit(event)
        except Exception:  # a broken listener must not stop the device
            log.exception("event listener failed for %s", self.config.name)

    def set_health(self, state: HealthState, message: str) -> None:
        with self._lock:
            old = self._health
            if old.state is state and old.message == message:
                return
            reconnects = old.reconnects
            if state is HealthState.OK and old.state is HealthState.FAULT and self._connected_once:
                reconnects += 1
            self._health = DeviceHealth(
                old.name, old.kind, old.uri, state, message, time.monotonic_ns(), reconnects
            )

    def fault(self, message: str) -> None:
        """Report a fault once per distinct message (a retry loop does not flood the UI)."""
        old = self.health()
        if old.state is HealthState.FAULT and old.message == message:
            return
        self.set_health(HealthState.FAULT, message)
        self.on_fault(message)
        self.emit(DeviceFault(self.config.name, message, time.monotonic_ns()))

    def connected(self) -> None:
        self.set_health(HealthState.OK, _("Connected."))
        self.emit(DeviceConnected(self.config.name, self._connected_once, time.monotonic_ns()))
        self._connected_once = True

    # -- hooks ----------------------------------------------------------------------------
    @abstractmethod
    def serve(self, transport: Transport) -> None:
        """Talk to the device over an open transport until it fails or the worker stops."""

    def on_fault(self, message: str) -> None:
        """Extra events a kind sends on a fault (a scale also shows DISCONNECTED)."""

    def idle_while_down(self) -> None:
        """Called after each failed connection attempt (printers fail queued jobs)."""

    def shutdown(self) -> None:
        """Called once when the thread ends."""


class ScaleWorker(DeviceWorker):
    kind = "scale"

    def validate(self) -> None:
        self.protocol = scale_protocol(str(self.config.opt("protocol", "")))
        self.protocol.make_parser(self.config.options or {})
        self.poll_ms = _ms(self.config, "poll_interval_ms", 100)
        # 800 ms of silence + one 50 ms read slice keeps "no reply" within the 1 s promise.
        self.no_reply_ms = _ms(self.config, "no_reply_ms", 800)
        # A TCP-attached scale can die without closing the link: reopen after long silence.
        self.silence_reconnect_ms = _ms(self.config, "silence_reconnect_ms", 5000)
        self.gate_settings = StableGateSettings(
            readings=_ms(self.config, "stable_readings", 3),
            band_mg=_ms(self.config, "stable_band_mg", 2000),
            min_duration_ms=_ms(self.config, "stable_min_ms", 300),
        )
        # Identity: a protocol that can tell its serial number is asked on every (re)open;
        # it must be ``serial_number`` when configured, else the one it gave first in this
        # run. Until then no weight is shown: a reused port is never taken for the scale.
        self.expected_serial = str(self.config.opt("serial_number", "") or "").strip()
        # A loaded PC can take a while to hand the answer over: silence within this time is
        # not yet "no serial number" (it cost a needless reconnect under CI load at 500 ms).
        self.identify_ms = _ms(self.config, "identify_ms", 3000)
        self.seen_serial: str | None = None
        self.commands: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._latest: tuple[int, ScaleReading] = (
            _now_ms(), ScaleReading(ScaleState.DISCONNECTED, None, b"", _("Connecting…")),
        )  # fmt: skip
        super().validate()

    def emit(self, event: DeviceEvent) -> None:
        if isinstance(event, WeightEvent):
            self._latest = (_now_ms(), event.reading)  # one tuple store: atomic for readers
        super().emit(event)

    def latest(self) -> ScaleReading:
        """The newest gated reading; a reading older than the no-reply limit is NO_REPLY."""
        at, reading = self._latest
        if reading.weight is not None and _now_ms() - at > self.no_reply_ms:
            return ScaleReading(ScaleState.NO_REPLY, None, b"", _("The scale does not answer."))
        return reading

    def transport_defaults(self) -> Mapping[str, Any]:
        return {**self.protocol.serial_defaults, **(self.config.options or {})}

    def command(self, which: str) -> None:
        """Queue zero/tare; refused when the protocol lacks it or the scale is not connected."""
        data = {"zero": self.protocol.zero, "tare": self.protocol.tare}.get(which)
        if data is None:
            raise DeviceConfigError(
                _("The {protocol} scale protocol has no {command} command.").format(
                    protocol=self.protocol.name, command=which
                )
            )
        health = self.health()
        if health.state is not HealthState.OK:
            raise TransportError(
                _("The scale is not ready: {reason}").format(reason=health.message)
            )
        self.commands.put(data)

    def on_fault(self, message: str) -> None:
        # A dead scale never keeps showing its last good weight.
        reading = ScaleReading(ScaleState.DISCONNECTED, None, b"", message)
        self.emit(WeightEvent(self.config.name, reading, time.monotonic_ns()))

    def serve(self, transport: Transport) -> None:
        while not self.commands.empty():  # a zero asked for before a replug must not fire now
            self.commands.get_nowait()
        parser = self.protocol.make_parser(self.config.options or {})
        gate = StableWeightGate(self.gate_settings)
        poll = self.protocol.poll_bytes(self.config.options or {})
        answers = self.protocol.answers
        name = self.config.name
        now = _now_ms()
        last_reading = now
        last_poll = now - self.poll_ms
        unreadable: str | None = None
        silent = False
        identify = self.protocol.identify
        identified = identify is None
        if identify is not None:
            transport.write(identify)
        asked_at = now
        while not self.stopping:
            while identified and not self.commands.empty():
                transport.write(self.commands.get_nowait())
            now = _now_ms()
            if poll is not None and now - last_poll >= self.poll_ms:
                transport.write(poll)
                last_poll = now
            wait_ms = self.poll_ms - (now - last_poll) if poll is not None else 50
            data = transport.read(min(max(wait_ms, 1), 50) / 1000)
            now = _now_ms()
            if not identified and now - asked_at > self.identify_ms:
                self._check_identity(None)  # no answer to "who are you"
                identified, last_reading = True, now
            for frame in parser.feed(data):
                if isinstance(frame, Unreadable):
                    unreadable = frame.reason
                elif isinstance(frame, ScaleIdentity):
                    if not identified:
                        self._check_identity(frame.serial)
                        identified, last_reading = True, now
                elif isinstance(frame, ScaleCommandReply):
                    if not identified and frame.command == "?":  # ES: no such command here
                        self._check_identity(None)
                        identified, last_reading = True, now
                    elif frame.command in answers:  # a handshake step (CAS ENQ → ACK → DC1)
                        transport.write(answers[frame.command])
                    else:
                        self.emit(ScaleReplyEvent(name, frame, time.monotonic_ns()))
                elif not identified:
                    last_reading = now  # it answers, but is it our scale? no weight yet
                else:
                    last_reading, unreadable, silent = now, None, False
                    self.set_health(HealthState.OK, _("Connected."))
                    gated = gate.offer(frame, now)
                    self.emit(WeightEvent(name, gated, time.monotonic_ns()))
            if not silent and now - last_reading > self.no_reply_ms:
                silent = True
                gate.reset()
                message = (
                    _(
                        "The scale sends data we cannot read ({reason}): check its protocol, baud "
                        "rate and parity."
                    ).format(reason=unreadable)
                    if unreadable
                    else _("The scale does not answer.")
                )
                self.set_health(HealthState.FAULT, message)
                reading = ScaleReading(ScaleState.NO_REPLY, None, b"", message)
                self.emit(WeightEvent(name, reading, time.monotonic_ns()))
            if (
                silent
                and self.silence_reconnect_ms > 0
                and now - last_reading > self.silence_reconnect_ms
            ):
                raise TransportError(
                    _("The scale has been silent for {seconds} s: reconnecting.").format(
                        seconds=(now - last_reading) // 1000
                    )
                )


    def _check_identity(self, serial: str | None) -> None:
        """Raise (a fault, then a reconnect attempt) unless the device that answers is the
        configured scale, or the one that answered first in this run."""
        want = self.expected_serial or self.seen_serial
        if want and serial != want:
            if serial is None:
                message = _("The device on {uri} does not tell its serial number, so it may "
                            "not be the scale {want}: no weight is taken from it.")
            else:
                message = _("Another device answers on {uri} (serial {serial}), not the scale "
                            "{want}: no weight is taken from it. Check what is plugged in "
                            "there, or set [scale.options] serial_number.")
            raise TransportError(message.format(uri=self.config.uri, serial=serial, want=want))
        if serial and self.seen_serial is None:
            self.seen_serial = serial


class ScannerWorker(DeviceWorker):
    kind = "scanner"

    def validate(self) -> None:
        self._splitter_args = {
            "terminator": str(self.config.opt("terminator", "CR")),
            "aim": str(self.config.opt("aim", "1")).lower() in ("1", "true", "yes", "on"),
            "prefix": str(self.config.opt("prefix", "")),
            "suffix": str(self.config.opt("suffix", "")),
            "encoding": str(self.config.opt("encoding", "utf-8")),
        }
        ScanLineSplitter(**self._splitter_args)  # type: ignore[arg-type]
        super().validate()

    def serve(self, transport: Transport) -> None:
        splitter = ScanLineSplitter(**self._splitter_args)  # type: ignore[arg-type]
        name = self.config.name
        while not self.stopping:
            data = transport.read(0.05)
            if not data:
                continue
            for item in splitter.feed(data):
                if isinstance(item, UnreadableScan):
                    self.emit(UnreadableScanEvent(name, item.raw, item.reason, time.monotonic_ns()))
                else:
                    self.emit(ScanEvent(name, item, time.monotonic_ns()))


class PrinterWorker(DeviceWorker):
    kind = "printer"

    def validate(self) -> None:
        self.language = printer_language(str(self.config.opt("language", "")))
        self.timeout_s = _ms(self.config, "timeout_ms", 2000) / 1000
        self.status_interval_ms = _ms(self.config, "status_interval_ms", 5000)
        self.jobs: queue.SimpleQueue[tuple[bytes, Future[PrintResult]]] = queue.SimpleQueue()
        super().validate()

    def submit(self, job: bytes) -> Future[PrintResult]:
        future: Future[PrintResult] = Future()
        if self.stopping or not self.is_alive():
            future.set_result(self._failed(_("Not printed: the printer is stopped.")))
        else:
            self.jobs.put((bytes(job), future))
        return future

    def _failed(self, message: str) -> PrintResult:
        return PrintResult(PrintOutcome.FAILED, PrinterStatus.unknown(), None, message)

    def _fail_queued(self, message: str) -> None:
        while not self.jobs.empty():
            _job, future = self.jobs.get_nowait()
            if future.set_running_or_notify_cancel():
                future.set_result(self._failed(message))

    def idle_while_down(self) -> None:
        self._fail_queued(_("Not printed: {reason}").format(reason=self.health().message))

    def shutdown(self) -> None:
        self._fail_queued(_("Not printed: the printer is stopped."))

    def _report(self, status: PrinterStatus, last: PrinterStatus | None) -> PrinterStatus:
        if status.fault:
            self.set_health(HealthState.FAULT, status.message)
        else:
            self.set_health(HealthState.OK, status.message)
        if last is None or status.problems != last.problems or status.known != last.known:
            self.emit(PrinterStatusEvent(self.config.name, status, time.monotonic_ns()))
        return status

    def serve(self, transport: Transport) -> None:
        printer = LabelPrinter(transport, self.language, self.timeout_s)
        last = self._report(printer.query_status(), None)
        checked = _now_ms()
        while not self.stopping:
            try:
                job, future = self.jobs.get(timeout=0.05)
            except queue.Empty:
                if _now_ms() - checked >= self.status_interval_ms:
                    last = self._report(printer.query_status(), last)
                    checked = _now_ms()
                continue
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = printer.print_job(job)
            except DriverError as exc:
                future.set_result(
                    self._failed(_("Not printed: {reason}").format(reason=exc.message))
                )
                raise
            except Exception as exc:
                future.set_result(self._failed(_("Not printed: {reason}").format(reason=exc)))
                raise
            future.set_result(result)
            last = self._report(result.after or result.before, last)
            checked = _now_ms()


def _now_ms() -> int:
    return time.monotonic_ns() // 1_000_000


WORKERS: dict[str, type[DeviceWorker]] = {
    "scale": ScaleWorker,
    "scanner": ScannerWorker,
    "printer": PrinterWorker,
}
