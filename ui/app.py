"""``station run`` / ``station --demo``: build the window and run the Qt event loop.

Start-up shows the window first; the store opens on the store lane behind it (imports of
SQLAlchemy and friends dominate start-up, see docs/known-traps.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from station.config import LoadedSettings, Settings
from ui.qt import QApplication, check_binding

if TYPE_CHECKING:  # imported where used: start-up shows the window before the rest loads
    from station.services.bench import Bench, BenchAnswer
    from ui.devices import DeviceBridge
    from ui.sounds import SoundPlayer
    from ui.sync import SyncBridge
    from ui.window import StationWindow


SYNC_AFTER_MS = 1000  # ``station run``: sync starts this long after the pack screen opens


def build_window(
    settings: Settings,
    *,
    make_bench: Callable[[], Bench] | None = None,
    devices: DeviceBridge | None = None,
    sounds: SoundPlayer | None = None,
    sync: SyncBridge | None = None,
) -> StationWindow:
    """The whole bench window (used by ``main``, the demo, the tests and the benchmarks).

    ``make_bench`` builds the core's bench on the store lane (default: a bench on the
    configured database without a printer).
    """
    from ui.bench import BenchController
    from ui.i18n import Language
    from ui.sounds import SoundPlayer
    from ui.window import StationWindow

    def default_bench() -> Bench:
        from station.bootstrap import build_bench, open_store

        return build_bench(open_store(settings), settings)

    from ui.gc_guard import GuiThreadGc

    gc_guard = GuiThreadGc()  # before any lane starts: no collection off the GUI thread
    language = Language()
    runtime = devices.runtime if devices is not None else None
    if make_bench is None and (runtime is None or runtime.make_bench is None):
        make_bench = default_bench
    controller = BenchController(make_bench, runtime=runtime)
    window = StationWindow(
        controller,
        settings,
        sounds=sounds or SoundPlayer(),
        language=language,
        devices=devices,
        sync=sync,
    )
    window.gc_guard = gc_guard  # type: ignore[attr-defined]
    window.destroyed.connect(lambda *_a: gc_guard.release())
    if settings.language != "en":
        window.set_language(settings.language)
    return window


def station_window(settings: Settings, devices: DeviceBridge) -> StationWindow:
    """``station run``: the window first; the store, the bench with its printer and the
    sync threads are built by the runtime on its store lane behind it (off the GUI thread)."""
    from station.bootstrap import station_bench
    from ui.qt import QApplication, QTimer
    from ui.sync import SyncBridge

    runtime = devices.runtime
    if runtime.make_bench is None:
        runtime.make_bench = station_bench(runtime, settings)
    window = build_window(settings, devices=devices)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(runtime.close_parts)

    attached: list[bool] = []

    def start_sync() -> None:
        parts = runtime.parts
        if parts is None or parts.sync is None:
            return
        sync = SyncBridge(parts.sync)
        window.attach_sync(sync)
        sync.start()
        if app is not None:
            app.aboutToQuit.connect(sync.stop)

    def attach_sync(_answer: BenchAnswer) -> None:
        parts = runtime.parts
        if parts is None or attached:
            return
        attached.append(True)
        if parts.evidence is not None and "clips" not in window.lead.screens:
            window.lead.attach_evidence(parts.evidence)  # the lead's player
        if parts.sync is None:
            window.status.set_central(False, 0)
            return
        # A moment after the pack screen is ready: the first calls read the API token (the
        # keyring's imports) and open connections, work a packer's first scan never waits
        # behind. Events wait in the outbox meanwhile; the status bar says "checking".
        QTimer.singleShot(SYNC_AFTER_MS, start_sync)

    window.controller.answered.connect(attach_sync)
    return window


def main(loaded: LoadedSettings, demo: bool) -> int:
    """Run the station window until it is closed. Returns the process exit code."""
    problem = check_binding()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Packing Station")
    if demo:
        from ui.demo import DemoStation

        station = DemoStation(loaded.settings)
        window = station.start()
    else:
        from station.bootstrap import build_runtime
        from ui.devices import DeviceBridge

        settings = loaded.settings
        devices = DeviceBridge(build_runtime(settings))
        window = station_window(settings, devices)
        devices.start()
        app.aboutToQuit.connect(devices.stop)
    app.aboutToQuit.connect(window.controller.shutdown)
    _quit_on_signals(app)
    window.show()
    _log_when_ready(window)
    return int(app.exec())


def _log_when_ready(window: Any) -> None:
    """One log line when the pack screen takes scans: IT (and the start-up test) see it."""
    import logging
    import os

    def say() -> None:
        logging.getLogger("station").info("pack screen ready (pid %d)", os.getpid())

    if window.ready:
        say()
    else:
        window.became_ready.connect(say)


def _quit_on_signals(app: Any) -> None:
    """Ctrl+C or a service stop ends the event loop cleanly (demo temp files are removed).
    Python only sees a signal when it runs, hence the small heartbeat timer."""
    import signal

    from ui.qt import QTimer

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
