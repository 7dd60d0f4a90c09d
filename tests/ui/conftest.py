"""A real station window on a real SQLite file with the demo reference data."""

from __future__ import annotations

import pytest

from station.config import Settings
from station.demo_data import demo_changeset
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes


def seeded_settings(tmp_path, **overrides) -> Settings:
    db = tmp_path / "station.sqlite3"
    engine = create_station_engine(db)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
    engine.dispose()
    return Settings(database=db, **overrides)


@pytest.fixture(autouse=True)
def english_afterwards():
    """Qt translators are application-wide: leave no Chinese catalogue to the next test."""
    yield
    from ui.i18n import reset

    reset()


class Packer:
    """Drives the window as a packer does: wedge keystrokes into whatever has focus."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window

    def scan(self, code: str, wait: bool = True, **shape) -> None:
        """The key events a wedge scanner sends (Shift around capitals, Ctrl+] for GS, the
        Enter suffix): ``shape`` picks keypad digits, another suffix or AltGr characters."""
        from tests.wedge_keys import scanner_keys, send_keys
        from ui.qt import QApplication

        if QApplication.focusWidget() is None:
            self.window.activateWindow()
            self.window.setFocus()
        before = self.window.controller.scans_answered
        send_keys(scanner_keys(code, **shape))
        if wait:
            self.qtbot.waitUntil(
                lambda: self.window.controller.scans_answered > before, timeout=5000
            )

    def put_on_scale(self, grams: int, status: str = "stable") -> None:
        self.window.on_weight(grams, status)

    @property
    def verdict(self) -> tuple[str, str]:
        banner = self.window.pack.banner
        return banner.severity, banner.code

    def wait_verdict(self, code: str, timeout: int = 5000) -> None:
        banner = self.window.pack.banner
        try:
            self.qtbot.waitUntil(lambda: banner.code == code, timeout=timeout)
        except Exception as exc:
            raise AssertionError(
                f"waited for {code!r}, screen shows {banner.code!r}: {banner.text.text()}"
            ) from exc


@pytest.fixture
def make_window(qtbot, tmp_path):
    from ui.app import build_window
    from ui.sounds import SoundPlayer

    made = []

    def make(make_bench=None, devices=None, **overrides):
        settings = seeded_settings(tmp_path, **overrides)
        window = build_window(
            settings, make_bench=make_bench, devices=devices, sounds=SoundPlayer(enabled=False)
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.ready, timeout=10000)
        made.append(window)
        return window, Packer(qtbot, window)

    yield make
    for window in made:
        window.close()
        window.controller.shutdown()


class Bench:
    """Real parts around the window: a TCP printer simulator driven through ``drivers`` and
    a label step with a local tracking pool on the station's SQLite file."""

    def __init__(self, tmp_path, client=None) -> None:
        from contract import PoolSegment
        from drivers.manager import DeviceConfig
        from drivers.sim.printer_sim import PrinterSimulator
        from station.store.pool import TrackingPool
        from station.store.uow import StationStore
        from ui.devices import DeviceBridge

        self.settings = seeded_settings(tmp_path)
        self.printer = PrinterSimulator("zpl").start()
        self.devices = DeviceBridge(
            [DeviceConfig("printer", "printer", self.printer.uri, {"language": "zpl"})]
        )
        self.engine = create_station_engine(self.settings.database)
        self.pool = TrackingPool(self.engine, "ST-01")
        for carrier, prefix, suffix, fmt in (("SF", "SF", "", "none"), ("EMS", "EE", "CN", "s10")):
            self.pool.add_segment(
                PoolSegment(segment_id=f"{carrier}-1", carrier=carrier, station="ST-01",
                            prefix=prefix, suffix=suffix, start=10_000_000, end=10_000_099,
                            width=8),
                fmt,
            )
        self.store = StationStore(self.engine)
        self.client = client
        self.printer_link = self.devices.runtime.printer(timeout_s=10)
        self.devices.start()

    def make_bench(self):
        """The core's bench with this printer and pool (built on the window's store lane)."""
        from station.bootstrap import build_bench

        return build_bench(self.store, self.settings, printer=self.printer_link,
                           pool=self.pool, client=self.client)

    def stop(self) -> None:
        self.devices.stop()
        self.printer.stop()
        self.store.close()
        self.engine.dispose()


@pytest.fixture
def bench_window(qtbot, tmp_path):
    from ui.app import build_window
    from ui.sounds import SoundPlayer

    bench = Bench(tmp_path)
    window = build_window(
        bench.settings, make_bench=bench.make_bench, devices=bench.devices,
        sounds=SoundPlayer(enabled=False),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    yield window, Packer(qtbot, window), bench
    window.close()
    window.controller.shutdown()
    bench.stop()
