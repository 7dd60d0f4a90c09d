"""The station without its window: devices, worker lanes and the bench, wired together.

A :class:`StationRuntime` owns what a running bench is made of apart from its screens:

- the drivers' :class:`~drivers.manager.DeviceManager` and the status of every device (the
  camera and the dimensioner report their health through :meth:`StationRuntime.watch`);
- one single-worker lane per kind of I/O (:class:`Lanes`): ``store`` serialises every SQLite
  write (one writer), ``http`` talks to central, ``print`` sends labels (a hung printer never
  holds up a scan), ``device`` for slow device calls;
- the core's :class:`~station.services.bench.Bench`, opened on the store lane, to which it
  routes scans and scale readings (only the stable readings worth a trip, see
  :meth:`StationRuntime.reading`) and whose label tasks it prints on the print lane.

It never imports Qt. The window is one listener: it sets the ``on_*`` hooks (called on worker
and device threads) and relays them to the GUI thread. ``station selftest``, the benchmarks and
the headless tests drive the same runtime, so what they measure is what a packer runs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from station.device_status import DeviceStatus, DeviceStatusBoard
from station.services.bench_view import PackView

if TYPE_CHECKING:  # the core loads on the store lane, after the window's first paint
    from drivers.events import DeviceEvent
    from drivers.manager import DeviceConfig, DeviceManager
    from station.services.bench import Bench, BenchAnswer, LabelTask
    from station.services.lead_proof import LeadProof

log = logging.getLogger(__name__)

LANES = ("store", "http", "print", "device")


@dataclass(frozen=True)
class OpFailure:
    """An operation raised. ``message`` is what the packer sees; ``detail`` goes to the log."""

    what: str
    message: str
    error: BaseException
    detail: str


def _call(callback: Callable[[Any], None], value: Any) -> None:
    """A listener's failure must not kill the lane that told it."""
    try:
        callback(value)
    except Exception:
        log.exception("a listener failed")


class Lanes:
    """The worker lanes: plain single-thread executors, no event loop.

    ``on_done`` and ``on_error`` run on the lane's thread; a listener that must touch a
    screen hands the value over itself (``ui.ops.Ops`` does that for the window).
    Failures without their own ``on_error`` go to :attr:`on_failure`.
    """

    def __init__(self) -> None:
        self._lanes = {
            name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"op-{name}")
            for name in LANES
        }
        self._closed = False
        self.on_failure: Callable[[OpFailure], None] | None = None

    @property
    def closed(self) -> bool:
        return self._closed

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        lane: str = "store",
        what: str = "",
        on_error: Callable[[OpFailure], None] | None = None,
    ) -> Future[Any] | None:
        """Queue ``fn`` on ``lane``; None when the lanes are shut down."""
        if self._closed:
            return None

        def job() -> Any:
            try:
                result = fn()
            except BaseException as exc:  # a failing op must reach the screen, not vanish
                failure = OpFailure(
                    what or getattr(fn, "__name__", "operation"),
                    str(exc) or type(exc).__name__,
                    exc,
                    traceback.format_exc(),
                )
                log.warning("operation %s failed: %s", failure.what, failure.detail)
                handler = on_error or self.on_failure
                if handler is not None:
                    _call(handler, failure)
                return None
            if on_done is not None:
                _call(on_done, result)
            return result

        try:
            return self._lanes[lane].submit(job)
        except RuntimeError:  # shut down between the check and the submit
            return None

    def drain(self, timeout_s: float = 30.0) -> None:
        """Wait until everything queued so far on every lane has run (tests, selftest)."""
        for name in LANES:
            future = self.run(lambda: None, lane=name, what="drain")
            if future is not None:
                future.result(timeout_s)

    def shutdown(self) -> None:
        """Stop taking work; running calls finish on their own threads (never joined here)."""
        self._closed = True
        for lane in self._lanes.values():
            lane.shutdown(wait=False, cancel_futures=True)


class StationParts(Protocol):
    """What ``station.bootstrap.build_station`` made besides the bench (store, sync,
    evidence recorder, dimensioner); the runtime closes it on :meth:`StationRuntime.stop`."""

    evidence: Any
    sync: Any

    def close(self) -> None: ...


class StationRuntime:
    """One bench's devices, lanes and core, with no window (see the module's doc)."""

    def __init__(
        self,
        device_configs: list[DeviceConfig] | tuple[DeviceConfig, ...] = (),
        *,
        lanes: Lanes | None = None,
        make_bench: Callable[[], Bench] | None = None,
        reconnect_max_s: float = 2.0,
    ) -> None:
        self.configs = list(device_configs)
        self.lanes = lanes or Lanes()
        self.board = DeviceStatusBoard(c.name for c in self.configs)  # the ok/fault rule
        self._reconnect_max_s = reconnect_max_s
        self._devices: DeviceManager | None = None
        self.make_bench = make_bench
        self.bench: Bench | None = None
        self.parts: StationParts | None = None
        self.evidence: Any = None  # the bench camera's recorder, when [camera] is set
        self.view = PackView()
        self._weight_in_flight = False
        self._weight_lock = threading.Lock()
        self._watch_stop = threading.Event()
        self._watchers: list[threading.Thread] = []
        self._sync_started = False
        # Listeners, called on worker and device threads (the window relays them).
        self.on_answer: Callable[[BenchAnswer], None] | None = None
        self.on_view: Callable[[PackView], None] | None = None
        self.on_device_state: Callable[[DeviceStatus], None] | None = None
        self.on_weight_shown: Callable[[int | None, str], None] | None = None
        self.on_unreadable: Callable[[str], None] | None = None
        # Where device input goes. Headless: straight to the bench. The window routes scans
        # itself (a lead screen may take one) and forwards readings back to :meth:`reading`.
        self.scan_sink: Callable[[str], object] = self.scan
        self.weight_sink: Callable[[int | None, str], None] = self._weigh

    # ------------------------------------------------------------------ life
    @property
    def devices(self) -> DeviceManager:
        """The drivers' manager, made on first use (a window without devices, a cold start,
        never loads the drivers)."""
        if self._devices is None:
            from drivers.manager import DeviceManager

            self._devices = DeviceManager(self.configs, on_event=self._on_device_event,
                                          reconnect_max_s=self._reconnect_max_s)
        return self._devices

    @property
    def on_failure(self) -> Callable[[OpFailure], None] | None:
        return self.lanes.on_failure

    @on_failure.setter
    def on_failure(self, handler: Callable[[OpFailure], None] | None) -> None:
        self.lanes.on_failure = handler

    def has(self, device: str) -> bool:
        return any(c.name == device for c in self.configs)

    def printer(self, name: str = "printer", timeout_s: float = 20.0) -> Any:
        """The core's ``Printer`` on the configured printer, or None without one."""
        if not self.has(name):
            return None
        from station.printers import DriverPrinter

        return DriverPrinter(self.devices, name, timeout_s=timeout_s)

    def start_devices(self) -> None:
        """Open every device on its owner thread; each status is told once first."""
        for status in self.board.statuses():
            self._tell_state(status)
        if self.configs:
            self.devices.start()

    def open(self, *, after_crash: bool | None = None) -> Future[Any] | None:
        """Open the bench on the store lane (``make_bench``), then resume where it was."""
        if after_crash is None:
            from station.ops.spawn import RESTART_ENV

            after_crash = os.environ.get(RESTART_ENV) == "1"
        make = self.make_bench
        if make is None:
            raise RuntimeError("the runtime has no bench to open (make_bench is not set)")

        def start() -> BenchAnswer:
            self.bench = make()
            return self.bench.start(after_crash=after_crash)

        return self.lanes.run(start, self._answer, what="open the store")

    def attach(self, parts: StationParts) -> None:
        """The station's other parts (built with the bench): the camera's health joins the
        devices, and :meth:`stop` closes them."""
        self.parts = parts
        evidence = getattr(parts, "evidence", None)
        if evidence is not None:
            self.evidence = evidence
            self.watch("camera", evidence.device_status)

    def start_sync(self) -> bool:
        """Start the sync threads of the attached parts (headless; the window starts its own
        through its status bar). False when there is no central to sync with."""
        sync = getattr(self.parts, "sync", None)
        if sync is None or self._sync_started:
            return False
        sync.start()
        self._sync_started = True
        return True

    def start(self, *, sync: bool = True) -> None:
        """Headless start: devices, the bench, then sync once the store is open."""
        self.start_devices()
        opened = self.open()
        if sync and opened is not None:
            opened.result(60)
            self.start_sync()

    def stop(self) -> None:
        """Stop watching, take no more work, close the bench and the devices."""
        self._watch_stop.set()
        bench = self.bench
        self.lanes.shutdown()
        if bench is not None:
            with contextlib.suppress(Exception):
                bench.close()
        if self.parts is not None and self._sync_started:
            with contextlib.suppress(Exception):
                self.parts.sync.stop()
        self.close_parts()
        self.stop_devices()

    def stop_devices(self) -> None:
        if self._devices is not None:
            self._devices.stop(timeout=2.0)

    def close_parts(self) -> None:
        """Stop the evidence recorder and the dimensioner (once)."""
        parts, self.parts = self.parts, None
        if parts is not None:
            try:
                parts.close()
            except Exception:
                log.exception("closing the station's parts failed")

    # ------------------------------------------------------------------ health
    def watch(self, name: str, poll: Callable[[], DeviceStatus], interval_s: float = 1.0) -> None:
        """A device that reports its own health (the evidence camera): ``poll`` (memory only,
        no I/O) is read every ``interval_s`` and a change is told like any driver's."""

        def check() -> None:
            try:
                changed = self.board.put(poll())
            except Exception:
                log.exception("health of %s could not be read", name)
                return
            if changed is not None:
                self._tell_state(changed)

        def loop() -> None:
            check()
            while not self._watch_stop.wait(interval_s):
                check()

        thread = threading.Thread(target=loop, name=f"health-{name}", daemon=True)
        self._watchers.append(thread)
        thread.start()

    def _tell_state(self, status: DeviceStatus) -> None:
        if self.on_device_state is not None:
            _call(self.on_device_state, status)

    # ------------------------------------------------------------------ devices → core
    def _on_device_event(self, event: DeviceEvent) -> None:
        """On a device's owner thread: status first, then the input it carries."""
        from drivers.events import DeviceFault, ScanEvent, UnreadableScanEvent, WeightEvent

        changed = self.board.on_event(event)
        if changed is not None:
            self._tell_state(changed)
        if isinstance(event, WeightEvent):
            state = str(event.reading.state)
            if state in ("stable", "motion"):
                self.weight_sink(event.reading.grams, state)
            else:
                self.weight_sink(None, "fault")
        elif isinstance(event, ScanEvent):
            self.scan_sink(event.code.data)
        elif isinstance(event, UnreadableScanEvent):
            if self.on_unreadable is not None:
                _call(self.on_unreadable, event.message)
        elif isinstance(event, DeviceFault) and event.device == "scale":
            self.weight_sink(None, "fault")

    def _weigh(self, grams: int | None, state: str) -> None:
        if self.on_weight_shown is not None:
            self.on_weight_shown(grams, state)
        self.reading(grams, state == "stable")

    def reading(self, grams: int | None, stable: bool) -> Future[Any] | None:
        """A scale reading; the bench decides whether it is taken. Only an emptied scale and
        stable readings while weighing are worth a trip to the store lane, one stable reading
        at a time (a scale streams 10-20 a second)."""
        placed = grams is not None and grams > 0
        if placed and not (stable and self.view.weighing):
            return None
        with self._weight_lock:
            if placed and self._weight_in_flight:
                return None
            self._weight_in_flight = self._weight_in_flight or placed

        def settle() -> None:
            if placed:
                with self._weight_lock:
                    self._weight_in_flight = False

        def done(answer: BenchAnswer | None) -> None:
            settle()
            if answer is not None:
                self._answer(answer)

        def failed(failure: OpFailure) -> None:
            settle()
            if self.on_failure is not None:
                self.on_failure(failure)

        return self.lanes.run(lambda: self._core().reading(grams, stable), done,
                              what="record weight", on_error=failed)

    # ------------------------------------------------------------------ actions
    def _core(self) -> Bench:
        assert self.bench is not None, "the store lane opens the bench before any action"
        return self.bench

    def act(self, fn: Callable[[Bench], BenchAnswer], what: str,
            then: Callable[[BenchAnswer], None] | None = None) -> Future[Any] | None:
        """Run one bench action on the store lane; ``then(answer)`` runs first (a login
        screen shows its own error before the answer is painted), then the answer is told."""

        def done(answer: BenchAnswer) -> None:
            if then is not None:
                _call(then, answer)
            self._answer(answer)

        return self.lanes.run(lambda: fn(self._core()), done, what=what)

    def scan(self, raw: str, scanned: bool = True) -> Future[Any] | None:
        """Anything a scanner sent; ``scanned`` False when typed."""
        return self.act(lambda b: b.scan(raw, scanned), "scan")

    def command(self, name: str) -> Future[Any] | None:
        """A command button does what its barcode does."""
        return self.scan("CMD:" + name)

    def login_pin(self, badge: str, pin: str,
                  then: Callable[[BenchAnswer], None] | None = None) -> Future[Any] | None:
        return self.act(lambda b: b.login_pin(badge, pin), "log in", then)

    def logout(self) -> Future[Any] | None:
        return self.act(lambda b: b.logout(), "log out")

    def override_weight(self, reason: str, lead: LeadProof) -> Future[Any] | None:
        return self.act(lambda b: b.override_weight(reason, lead), "override weight")

    def acknowledge(self, lead: LeadProof) -> Future[Any] | None:
        return self.act(lambda b: b.acknowledge(lead), "acknowledge")

    def decide_short_pick(self, decision: str, lead: LeadProof) -> Future[Any] | None:
        return self.act(lambda b: b.decide_short_pick(decision, lead), "short pick")

    def enter_quantity(self, sku: str, quantity: int) -> Future[Any] | None:
        return self.act(lambda b: b.enter_quantity(sku, quantity), "enter a quantity")

    def void(self, reason: str, lead: LeadProof) -> Future[Any] | None:
        return self.act(lambda b: b.void(reason, lead), "void label")

    def refresh(self) -> Future[Any] | None:
        return self.lanes.run(lambda: self._core().view(), self._publish, what="refresh")

    # ------------------------------------------------------------------ answers
    def _answer(self, answer: BenchAnswer) -> None:
        """On the store (or print) lane: keep the view, tell the listener, print the labels
        the core asks for on the print lane."""
        self.view = answer.view
        if self.on_answer is not None:
            _call(self.on_answer, answer)
        for task in answer.tasks:
            self._print(task)

    def _print(self, task: LabelTask) -> None:
        def failed(failure: OpFailure) -> None:
            if self.on_failure is not None:
                self.on_failure(failure)
            self.refresh()

        self.lanes.run(lambda: self._core().print_label(task), self._answer, lane="print",
                       what="print label", on_error=failed)

    def _publish(self, view: PackView) -> None:
        self.view = view
        if self.on_view is not None:
            _call(self.on_view, view)
