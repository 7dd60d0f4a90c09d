"""``station run`` / ``station --demo``: build the window and run the Qt event loop.

Start-up shows the window first; the store opens on the store lane behind it (imports of
SQLAlchemy and friends dominate start-up, see docs/known-traps.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from station.config import LoadedSettings, Settings
from ui.qt import QApplication, check_binding


def make_packing_service(settings: Settings) -> Callable[[], Any]:
    """A factory the store lane calls: engine, migrations, service (all off the GUI)."""

    def build() -> Any:
        from station.domain.model import Tolerance
        from station.scan.parse import ScanConfig
        from station.services.packing import PackingService, PackPolicy
        from station.store.db import create_station_engine, schema_is_current

        settings.database.parent.mkdir(parents=True, exist_ok=True)
        if not schema_is_current(settings.database):
            from station.store.backup import upgrade_with_backup  # copy first, then migrate

            upgrade_with_backup(settings.database)
        engine = create_station_engine(settings.database)
        policy = PackPolicy(
            default_tolerance=Tolerance(settings.weigh.tolerance_g, settings.weigh.tolerance_pct),
            scan=ScanConfig(gs_substitute=settings.scan.gs_substitute or None),
        )
        return PackingService(engine, settings.station_id, policy)

    return build


def build_window(
    settings: Settings,
    *,
    make_services: Callable[[], Any] | None = None,
    labeler: Any | None = None,
    devices: Any | None = None,
    sounds: Any | None = None,
    sync: Any | None = None,
) -> Any:
    """The whole bench window (used by ``main``, the demo, the tests and the benchmarks)."""
    from ui.bench import BenchController
    from ui.i18n import Language
    from ui.sounds import SoundPlayer
    from ui.window import StationWindow

    language = Language()
    controller = BenchController(make_services or make_packing_service(settings), labeler=labeler)
    window = StationWindow(
        controller,
        settings,
        sounds=sounds or SoundPlayer(),
        language=language,
        devices=devices,
        sync=sync,
    )
    if settings.language != "en":
        window.set_language(settings.language)
    return window


def attach_backends(window: Any, settings: Settings, devices: Any) -> None:
    """Label step (printer, pool, central shipments) and sync (outbox, pull) of a real bench.

    Without an API token the station still packs and labels from its pool; the status bar
    shows central as offline and the reason goes to the log.
    """
    import logging

    from station.bootstrap import DriverPrinter, build_sync
    from station.carriers.pool import TrackingPool
    from station.services.labeling import LabelService
    from station.store.db import create_station_engine
    from station.sync.token import TokenUnavailable, load_token
    from ui.qt import QApplication
    from ui.sync import SyncBridge

    engine = create_station_engine(settings.database)
    client = None
    pool = TrackingPool(engine, settings.station_id, low_threshold=settings.pool_low_warning)
    try:
        token = load_token(settings.station_id)
    except TokenUnavailable as exc:
        logging.getLogger(__name__).warning("%s", exc)
        window.status.set_central(False, 0)
    else:
        central = settings.central
        parts = build_sync(
            engine, settings.station_id, central.url, token,
            pull_interval_s=central.pull_interval_s,
            pool_low_warning=settings.pool_low_warning,
            client_options={
                "connect_timeout_s": central.connect_timeout_s,
                "read_timeout_s": central.read_timeout_s,
                "verify": central.ca_bundle or True,
            },
        )
        pool, client = parts.pool, parts.client
        sync = SyncBridge(parts)
        window.attach_sync(sync)
        sync.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(sync.stop)
    if devices.has("printer"):
        window.controller.labeler = LabelService(
            engine, settings.station_id, DriverPrinter(devices.manager),
            pool=pool, client=client,
            printer_language=settings.printer.protocol or "zpl",
            language="zh" if settings.language != "en" else "en",
        )


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
        from station.bootstrap import device_configs
        from ui.devices import DeviceBridge
        from ui.qt import QTimer

        settings = loaded.settings
        devices = DeviceBridge(device_configs(settings))
        window = build_window(settings, devices=devices)
        devices.start()
        app.aboutToQuit.connect(devices.stop)
        # Label step and sync after the window is up: they are not needed for the first scan.
        QTimer.singleShot(0, lambda: attach_backends(window, settings, devices))
    app.aboutToQuit.connect(window.controller.shutdown)
    _quit_on_signals(app)
    window.show()
    _log_when_ready(window)
    return int(app.exec())


def _log_when_ready(window: Any) -> None:
    """One log line when the pack screen takes scans: IT (and the start-up test) see it."""
    import logging
    import os

    from ui.qt import QTimer

    timer = QTimer(window)

    def check() -> None:
        if window.ready:
            timer.stop()
            logging.getLogger("station").info("pack screen ready (pid %d)", os.getpid())

    timer.timeout.connect(check)
    timer.start(50)


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
