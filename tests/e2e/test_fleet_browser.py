"""The fleet page in a real browser (Debian's headless Chromium) against a real central, with
three simulated stations each sending its health through the station's own HealthReporter:
a printer fault, a low pool and a station that goes silent appear within one sync interval.

``FLEET_SCREENSHOT=path.png`` also saves what the browser drew (docs/screenshots/fleet_en.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import text

from central.auth import create_token
from central.fleet import FleetRules
from central.routes_fleet import sign_in_link
from central.schemas import Station as StationRecord
from central.testkit import seeded_central
from central.wms import save_station
from contract import PoolSegment
from station.bootstrap import DEMO_SEGMENTS
from station.device_status import DeviceState, DeviceStatus
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.health import HealthReporter

INTERVAL_S = 1.0  # the stations' sync interval in this test


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: .ci/run installs the chromium package")
    pytest.skip("chromium is not installed (apt-get install chromium)")


class _Rows(HTMLParser):
    """What a person reads: the alert rows (station, kind) and each station row's text."""

    def __init__(self) -> None:
        super().__init__()
        self.alerts: set[tuple[str, str]] = set()
        self.stations: dict[str, str] = {}
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and "alert" in (a.get("class") or "").split():
            self.alerts.add((a.get("data-station") or "", a.get("data-kind") or ""))
        if tag == "tr" and "station" in (a.get("class") or "").split():
            self._row = a.get("data-station")
            self.stations[self._row or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self.stations[self._row] += data + " "


class SimStation:
    def __init__(self, name: str, folder: Path, central, token: str) -> None:
        self.engine = create_station_engine(folder / f"{name}.sqlite3")
        upgrade(self.engine)
        self.pool = TrackingPool(self.engine, name)
        for seg, carrier, prefix, suffix, start, end, fmt in DEMO_SEGMENTS:
            self.pool.add_segment(PoolSegment(
                segment_id=f"{name}-{seg}", carrier=carrier, station=name, prefix=prefix,
                suffix=suffix, start=start, end=end, width=8), fmt)
        self.devices = {d: DeviceStatus(d, DeviceState.OK, "") for d in ("scale", "printer",
                                                                          "scanner")}
        self.client = CentralClient(central.url, token)
        self.reporter = HealthReporter(self.engine, self.client, self.pool,
                                       interval_s=INTERVAL_S,
                                       devices=lambda: list(self.devices.values()))

    def stop(self) -> None:
        self.reporter.stop()
        self.client.close()
        self.engine.dispose()


@pytest.fixture
def fleet(tmp_path):
    browser = _chromium()
    central = seeded_central(
        f"sqlite:///{tmp_path / 'central.sqlite3'}",
        fleet_rules=FleetRules(silent_after_s=3 * INTERVAL_S), fleet_every_s=0.25,
    )
    tokens = {"ST-01": central.station_token}
    with central.engine.begin() as conn:
        for name in ("ST-02", "ST-03"):
            save_station(conn, StationRecord(name=name, warehouse="WH-SHA"))
            tokens[name] = create_token(conn, station=name)
    stations = {n: SimStation(n, tmp_path, central, tok) for n, tok in tokens.items()}
    for s in stations.values():
        s.reporter.start()
    yield browser, central, stations, tmp_path
    for s in stations.values():
        s.stop()
    central.stop()


def _look(browser: str, central, folder: Path, *, lang: str = "en",
          screenshot: str | None = None) -> _Rows:
    """Sign in with a one-time link in a fresh browser and read the fleet page it shows."""
    with central.engine.begin() as conn:
        link = sign_in_link(conn, central.url) + f"&lang={lang}"
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={folder / 'chromium'}", "--window-size=1366,768",
            "--lang=" + ("zh-CN" if lang == "zh" else "en-US")]
    done = subprocess.run([*args, "--dump-dom", link], capture_output=True, text=True,
                          timeout=60, check=True)
    if screenshot:
        with central.engine.begin() as conn:
            link = sign_in_link(conn, central.url) + f"&lang={lang}"
        subprocess.run([*args, f"--screenshot={screenshot}", "--hide-scrollbars", link],
                       capture_output=True, timeout=60, check=True)
    rows = _Rows()
    rows.feed(done.stdout)
    assert rows.stations, done.stdout[:500]  # the page itself, not the sign-in form
    return rows


def _within_one_interval(browser, central, folder, want) -> _Rows:
    """The page shows ``want`` no later than one sync interval (+ the page's own time)."""
    deadline = time.monotonic() + INTERVAL_S + 3.0  # one interval, the browser's start-up
    while True:
        rows = _look(browser, central, folder)
        if want(rows) or time.monotonic() > deadline:
            return rows


def test_fault_low_pool_and_silence_show_within_one_sync_interval(fleet):
    browser, central, stations, folder = fleet
    rows = _within_one_interval(browser, central, folder,
                                lambda r: all("ago" in r.stations.get(n, "") for n in stations))
    assert not rows.alerts, rows.alerts
    assert "printer: ok" in rows.stations["ST-02"]

    stations["ST-02"].devices["printer"] = DeviceStatus("printer", DeviceState.FAULT,
                                                        "Paper out")
    with stations["ST-03"].engine.begin() as conn:
        conn.execute(text("UPDATE pool_segment SET next_no = end_no - 6 WHERE carrier = 'SF'"))
    rows = _within_one_interval(browser, central, folder,
                                lambda r: {("ST-02", "device"), ("ST-03", "pool")} <= r.alerts)
    assert ("ST-02", "device") in rows.alerts and "Paper out" in rows.stations["ST-02"]
    assert ("ST-03", "pool") in rows.alerts and "SF: 7" in rows.stations["ST-03"]
    assert ("ST-01", "silent") not in rows.alerts

    stations["ST-01"].reporter.stop()  # the bench PC is switched off
    rows = _within_one_interval(browser, central, folder,
                                lambda r: ("ST-01", "silent") in r.alerts)
    assert ("ST-01", "silent") in rows.alerts

    shot = os.environ.get("FLEET_SCREENSHOT")
    _look(browser, central, folder, screenshot=shot)
    zh = _look(browser, central, folder, lang="zh",
               screenshot=shot.replace("_en", "_zh_CN") if shot else None)
    assert "故障" in zh.stations["ST-02"]


def test_the_browser_without_a_sign_in_gets_the_form(fleet):
    browser, central, _stations, folder = fleet
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         f"--user-data-dir={folder / 'anon'}", "--dump-dom", f"{central.url}/fleet"],
        capture_output=True, text=True, timeout=60, check=True)
    assert 'name="token"' in done.stdout and 'data-station="ST-01"' not in done.stdout
