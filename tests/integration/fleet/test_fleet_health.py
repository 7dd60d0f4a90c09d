"""The fleet view's data path: a real station's HealthReporter → PUT /v1/health on a real
central → alerts raised, cleared and delivered once to the alert webhook; the page and the
CLI list what the stations said."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from core_fixtures import demo_db
from sqlalchemy import text

from central.fleet import FleetRules
from central.testkit import seeded_central
from central.webhooks import sign
from contract import PoolSegment
from contract.health import StationHealth
from station.bootstrap import DEMO_SEGMENTS
from station.device_status import DeviceState, DeviceStatus
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.health import HealthReporter


class AlertSink:
    """A real HTTP receiver for the alert webhook; checks the signature of each delivery."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict] = []
        self.bad_signatures = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stamp = self.headers.get("X-Station-Timestamp", "")
                if self.headers.get("X-Station-Signature") != sign(sink.secret, stamp, body):
                    sink.bad_signatures += 1
                sink.received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alerts"

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture
def fleet(tmp_path):
    sink = AlertSink("s3cret")
    server = seeded_central(
        f"sqlite:///{tmp_path / 'central.sqlite3'}",
        fleet_rules=FleetRules(silent_after_s=1.5, pool_min=50, pool_min_days=2.0),
        fleet_every_s=0.2, alert_webhook=sink.url, alert_secret="s3cret",
    )
    engine = demo_db(tmp_path / "station.sqlite3")
    pool = TrackingPool(engine, "ST-01")
    for seg, carrier, prefix, suffix, start, end, fmt in DEMO_SEGMENTS:
        pool.add_segment(PoolSegment(segment_id=seg, carrier=carrier, station="ST-01",
                                     prefix=prefix, suffix=suffix, start=start, end=end,
                                     width=8), fmt)
    client = CentralClient(server.url, server.station_token)
    devices = {"scale": DeviceStatus("scale", DeviceState.OK, ""),
               "printer": DeviceStatus("printer", DeviceState.OK, "")}
    reporter = HealthReporter(engine, client, pool,
                              interval_s=0.2, crash_folder=tmp_path / "logs",
                              devices=lambda: list(devices.values()))
    yield server, reporter, devices, sink, engine
    reporter.stop()
    client.close()
    engine.dispose()
    server.stop()
    sink.stop()


def _page(server) -> str:
    answer = requests.get(f"{server.url}/fleet",
                          headers={"Authorization": f"Bearer {server.admin_token}"}, timeout=5)
    assert answer.status_code == 200
    return answer.text


def _wait(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_a_report_carries_what_the_bench_knows(fleet, tmp_path):
    server, reporter, _devices, _sink, engine = fleet
    with engine.begin() as conn:  # two unsent events and one central refused
        conn.execute(text(
            "INSERT INTO outbox (idempotency_key, kind, payload, occurred_at, result, sent_at) "
            "VALUES ('k1', 'x', '{}', '2026-12-01T08:00:00+00:00', NULL, NULL), "
            "('k2', 'x', '{}', '2026-12-01T09:00:00+00:00', NULL, NULL), "
            "('k3', 'x', '{}', '2026-12-01T07:00:00+00:00', 'rejected', '2026-12-01T07:01:00')"))
    crash = tmp_path / "logs" / "crash"
    crash.mkdir(parents=True)
    (crash / "crash-20261201-1-1.txt").write_text(
        "Packing Station 1.0 crash report\nwhat: unhandled ValueError in the window\n")
    report = reporter.report()
    assert report.backlog == 2 and report.rejected == 1
    assert report.oldest_unsent_at == "2026-12-01T08:00:00+00:00"
    assert report.last_crash == "unhandled ValueError in the window"
    assert {p.carrier for p in report.pools} == {"SF", "EMS"}
    assert reporter.send()
    page = _page(server)
    assert 'data-station="ST-01"' in page and "unhandled ValueError" in page


def test_a_printer_fault_raises_one_alert_and_clears_when_it_answers(fleet):
    server, reporter, devices, sink, _engine = fleet
    devices["printer"] = DeviceStatus("printer", DeviceState.FAULT, "Paper out")
    for _ in range(3):  # reported three times: still one alert, one delivery
        assert reporter.send()
    page = _page(server)
    assert 'data-kind="device"' in page and "Paper out" in page
    _wait(lambda: [a for a in sink.received if a["kind"] == "device"])
    time.sleep(0.5)
    device_alerts = [a for a in sink.received if a["kind"] == "device"]
    assert len(device_alerts) == 1 and device_alerts[0]["subject"] == "printer"
    assert sink.bad_signatures == 0
    devices["printer"] = DeviceStatus("printer", DeviceState.OK, "")
    assert reporter.send()
    assert 'data-kind="device"' not in _page(server)


def test_a_station_that_stops_reporting_is_alerted_as_silent(fleet):
    server, reporter, _devices, sink, _engine = fleet
    assert reporter.send()
    assert 'data-kind="silent"' not in _page(server)
    _wait(lambda: [a for a in sink.received if a["kind"] == "silent"], timeout=10)
    assert 'data-kind="silent"' in _page(server)
    assert reporter.send()  # it is back: the alert clears at once
    assert 'data-kind="silent"' not in _page(server)


def test_a_low_pool_and_refused_events_are_alerts(fleet):
    server, reporter, _devices, _sink, engine = fleet
    with engine.begin() as conn:  # SF: 10 numbers left, 30 used today; EMS untouched
        conn.execute(text("UPDATE pool_segment SET next_no = end_no - 9 WHERE carrier = 'SF'"))
        for i in range(30):
            conn.execute(text(
                "INSERT INTO pool_number (number, carrier, segment_id, serial, station, "
                "taken_at) VALUES (:n, 'SF', 'SF-1', :s, 'ST-01', :at)"),
                {"n": f"SFX{i}", "s": i, "at": "2099-01-01T00:00:00+00:00"})
        conn.execute(text(
            "INSERT INTO outbox (idempotency_key, kind, payload, occurred_at, result, sent_at) "
            "VALUES ('k9', 'x', '{}', '2026-12-01T07:00:00+00:00', 'rejected', 'x')"))
    assert reporter.send()
    page = _page(server)
    assert 'data-kind="pool"' in page and "SF" in page and "10 numbers left" in page
    assert 'data-kind="rejected"' in page
    levels = {p.carrier: p for p in reporter.last_sent.pools}
    assert levels["SF"].left == 10 and levels["SF"].used_24h == 30


def test_station_reports_are_scoped_to_the_calling_station(fleet):
    server, _reporter, _devices, _sink, _engine = fleet
    bad = requests.put(f"{server.url}/v1/health", json={"version": "x", "backlog": 0,
                       "rejected": 0, "station": "ST-B1"},
                       headers={"Authorization": f"Bearer {server.station_token}"}, timeout=5)
    assert bad.status_code == 422  # no way to name another station
    admin = requests.put(f"{server.url}/v1/health", json=StationHealth(
        version="1", backlog=0, rejected=0).model_dump(),
        headers={"Authorization": f"Bearer {server.admin_token}"}, timeout=5)
    assert admin.status_code == 403


def test_device_messages_are_shown_as_text_never_markup(fleet):
    server, reporter, devices, _sink, _engine = fleet
    devices["scale"] = DeviceStatus("scale", DeviceState.FAULT,
                                    '<script>alert(1)</script><img src=x onerror=alert(2)>')
    assert reporter.send()
    answer = requests.get(f"{server.url}/fleet",
                          headers={"Authorization": f"Bearer {server.admin_token}"}, timeout=5)
    assert "<script>alert(1)" not in answer.text and "&lt;script&gt;" in answer.text
    assert "script-src" not in answer.headers["Content-Security-Policy"]  # default-src 'none'
    assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_the_page_needs_a_sign_in_and_a_link_works_once(fleet):
    server, _reporter, _devices, _sink, _engine = fleet
    anonymous = requests.get(f"{server.url}/fleet", timeout=5)
    assert anonymous.status_code == 401 and 'name="token"' in anonymous.text
    station = requests.get(f"{server.url}/fleet", timeout=5,
                           headers={"Authorization": f"Bearer {server.station_token}"})
    assert station.status_code == 401  # a station's token is not the admin's
    from central.routes_fleet import sign_in_link

    with server.live.engine.begin() as conn:
        link = sign_in_link(conn, server.url)
    browser = requests.Session()
    first = browser.get(link, timeout=5)
    assert first.status_code == 200 and 'id="stations"' in first.text
    cookie = next(c for c in browser.cookies if c.name == "fleet_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    again = requests.get(link, timeout=5)
    assert again.status_code == 401 and "used already" in again.text
    wrong = requests.post(f"{server.url}/fleet/login", data={"token": server.station_token},
                          timeout=5)
    assert wrong.status_code == 401
    right = requests.Session().post(f"{server.url}/fleet/login",
                                    data={"token": server.admin_token}, timeout=5)
    assert right.status_code == 200 and 'id="stations"' in right.text
    browser.post(f"{server.url}/fleet/logout", timeout=5)
    assert browser.get(f"{server.url}/fleet", timeout=5).status_code == 401
