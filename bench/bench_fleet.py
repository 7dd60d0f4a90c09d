"""The fleet page with 500 stations: each reported (devices, pools, a few faults and low
pools, so alerts are listed too), the page served by a real central on loopback (SQLite) and
fetched over HTTP with a signed-in session, as a browser refreshing it does. Between two
loads a third of the stations send a new report, as at a 15 s report and 10 s reload."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.figures import figure, percentile
from central.fleet import FleetRules, evaluate, store_report
from central.routes_fleet import sign_in_link
from central.schemas import Station
from central.testkit import seeded_central
from central.wms import save_station
from contract.health import DeviceHealth, PoolHealth, StationHealth

STATIONS = 500
FETCHES = 60


def _report(i: int) -> StationHealth:
    printer = "fault" if i % 50 == 0 else "ok"
    return StationHealth(
        version="1.0.0", backlog=i % 7, rejected=1 if i % 97 == 0 else 0,
        oldest_unsent_at="2026-12-01T08:00:00+00:00" if i % 7 else None,
        devices=[DeviceHealth(device="scale", state="ok"),
                 DeviceHealth(device="printer", state=printer,
                              message="Paper out" if printer == "fault" else ""),
                 DeviceHealth(device="scanner", state="ok")],
        pools=[PoolHealth(carrier="SF", left=20 if i % 40 == 0 else 800, used_24h=120),
               PoolHealth(carrier="EMS", left=900, used_24h=30)],
    )


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        central = seeded_central(f"sqlite:///{Path(folder) / 'central.sqlite3'}")
        try:
            with central.engine.begin() as conn:
                for i in range(STATIONS):
                    name = f"ST-{i:04d}"
                    save_station(conn, Station(name=name, warehouse="WH-SHA"))
                    store_report(conn, name, _report(i))
                raised = evaluate(conn, FleetRules())
                link = sign_in_link(conn, central.url)
            browser = central.http
            first = browser.get(link, timeout=30)
            assert first.status_code == 200 and first.text.count('class="station') >= STATIONS
            samples = []
            for n in range(FETCHES):
                # Stations report every 15 s, the page reloads every 10 s: about a third of
                # the reports are new at each load (not timed).
                with central.engine.begin() as conn:
                    for i in range(n % 3, STATIONS, 3):
                        store_report(conn, f"ST-{i:04d}", _report(i))
                start = time.perf_counter()
                answer = browser.get(f"{central.url}/fleet", timeout=30)
                samples.append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200
        finally:
            central.stop()
    return [
        figure("fleet page, 500 stations, served (p95)", percentile(samples, 95), "ms",
               "<= 200 ms", alerts=len(raised), page_kb=round(len(answer.content) / 1024),
               median_ms=round(percentile(samples, 50), 1), min_ms=round(min(samples), 1)),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
