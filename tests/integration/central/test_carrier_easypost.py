"""Central buys UPS labels through EasyPost (a loopback stand-in of EasyPost's API checking the
API key): the reference is our attempt key, a buy whose answer was lost is looked up by that
reference before anything else, a 300 dpi printer is told EasyPost's 203 dpi ZPL would print
small, refunds are asked for voided labels, and tracker webhooks need a valid HMAC."""

from __future__ import annotations

import json
import re

import pytest

from central.carriers.easypost import EasyPost, EasyPostSettings
from central.carriers.easypost import protocol as ep
from central.carriers.easypost.fake import FakeEasyPost
from central.testkit import seeded_central

SECRET = "easypost-webhook-secret-42"


@pytest.fixture
def world(tmp_path):
    fake = FakeEasyPost().start()
    adapter = EasyPost(EasyPostSettings(api_key=fake.api_key, url=fake.url,
                                        services={"UPS-GROUND": ("UPS", "Ground")},
                                        webhook_secret=SECRET))
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}",
                             carriers={"UPS": adapter})
    carrier = {"code": "UPS", "name": "UPS", "tracking_format": "none",
               "services": [{"code": "UPS-GROUND", "name": "Ground"}]}
    assert central.call("PUT", "/v1/admin/carriers/UPS", central.admin_token,
                        json=carrier).status_code == 200
    order = {"order_id": "SO-US-1", "warehouse": "WH-SHA", "carrier": "UPS",
             "service": "UPS-GROUND", "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}],
             "recipient": {"name": "Emma Brown", "line1": "1 Main St", "city": "Austin",
                           "region": "TX", "postcode": "78701", "country": "US"}}
    assert central.call("POST", "/v1/admin/orders", central.admin_token,
                        json=order).status_code == 200
    yield central, fake, adapter
    central.stop()
    fake.stop()


def _ship(central, key, dpi=203):
    return central.call("POST", "/v1/shipments", central.station_token, json={
        "order_id": "SO-US-1", "parcel_no": 1, "parcel_count": 1, "carrier": "UPS",
        "service": "UPS-GROUND", "weight_g": 900, "attempt_key": key, "printer_dpi": dpi,
        "label_width_mm": 102, "label_height_mm": 152})


def test_the_webhook_signature_is_easyposts_hmac():
    body = b'{"description":"tracker.updated"}'
    sig = ep.signature("s\u00e9cret", body)  # NFKD: the accent is decomposed first
    assert sig.startswith("hmac-sha256-hex=") and len(sig) == 16 + 64
    assert ep.signature_ok("s\u00e9cret", body, sig)
    assert not ep.signature_ok("s\u00e9cret", body + b" ", sig)


def test_a_ups_label_through_easypost_with_our_key_as_reference(world):
    central, fake, _adapter = world
    answer = _ship(central, "attempt-ep-0001")
    assert answer.status_code == 200, answer.text
    number = answer.json()["tracking_number"]
    (created,) = [b for m, p, b in fake.requests if m == "POST" and p == "/v2/shipments"]
    assert created["shipment"]["reference"] == "attempt-ep-0001"
    assert created["shipment"]["options"]["label_format"] == "ZPL"
    bought = [p for m, p, _b in fake.requests if p.endswith("/buy")]
    assert len(bought) == 1
    assert re.search(r"\^FD(1Z[^\^]+)\^FS", answer.json()["label_data"]).group(1) == number
    assert _ship(central, "attempt-ep-0001").json()["tracking_number"] == number  # stored


def test_a_lost_buy_answer_is_looked_up_by_reference_never_bought_twice(world):
    central, fake, _adapter = world
    fake.faults = ["lost_after_buy"]
    lost = _ship(central, "attempt-ep-0002")
    assert lost.status_code == 503 and lost.json()["code"] == "carrier_unknown"
    retry = _ship(central, "attempt-ep-0002")
    assert retry.status_code == 200, retry.text
    assert [p for m, p, _b in fake.requests if p.endswith("/buy")] == [
        next(p for m, p, _b in fake.requests if p.endswith("/buy"))]  # one buy in all
    assert ("GET", "/v2/shipments/attempt-ep-0002", {}) in fake.requests
    assert len(fake.shipments) == 1


def test_a_300_dpi_printer_is_told_easyposts_label_would_print_small(world):
    central, _fake, _adapter = world
    answer = _ship(central, "attempt-ep-0003", dpi=300)
    assert answer.status_code == 422
    assert answer.json()["code"] == "carrier_label_does_not_fit"
    assert "203 dpi" in answer.json()["message"]


def test_a_wrong_api_key_tells_it(world, tmp_path):
    central, fake, _adapter = world
    fake.api_key = "another-key"
    answer = _ship(central, "attempt-ep-0004")
    assert answer.status_code == 503 and answer.json()["code"] == "carrier_credentials"


def test_tracker_webhooks_need_the_hmac_and_reach_the_timeline_once(world):
    central, _fake, _adapter = world
    number = _ship(central, "attempt-ep-0005").json()["tracking_number"]
    event = {"description": "tracker.updated", "result": {
        "tracking_code": number, "status": "delivered",
        "tracking_details": [{"datetime": "2026-12-04T15:00:00Z", "message": "Delivered",
                              "tracking_location": {"city": "Austin", "country": "US"}}]}}
    raw = json.dumps(event).encode()
    forged = central.http.post(central.url + "/v1/carriers/easypost/events", data=raw,
                               headers={"X-Hmac-Signature": "hmac-sha256-hex=00"}, timeout=30)
    assert forged.status_code == 403
    for _ in range(2):
        ok = central.http.post(central.url + "/v1/carriers/easypost/events", data=raw,
                               headers={"X-Hmac-Signature": ep.signature(SECRET, raw)},
                               timeout=30)
        assert ok.status_code == 200
    timeline = central.call("GET", f"/v1/tracking/{number}", central.station_token).json()
    assert [e["status"] for e in timeline["events"]].count("delivered") == 1


def test_a_voided_label_is_refunded_and_a_refused_refund_is_shown(world):
    from sqlalchemy import update

    from central import tables as t
    from central.carrier_voids import CarrierVoider

    central, fake, adapter = world
    first = _ship(central, "attempt-ep-0006").json()["tracking_number"]
    second = _ship(central, "attempt-ep-0007").json()["tracking_number"]
    fake.scanned(second)  # UPS already scanned the second parcel
    with central.engine.begin() as conn:  # what label_voided events leave for the voider
        conn.execute(update(t.shipment_attempts).where(
            t.shipment_attempts.c.number.in_([first, second])).values(void_state="wanted"))
    assert CarrierVoider(central.engine, {"UPS": adapter}).run_once() == 2
    timeline = central.call("GET", f"/v1/tracking/{second}", central.station_token).json()
    assert "void_refused" in [e["status"] for e in timeline["events"]]
    refunded = next(s for s in fake.shipments.values() if s["tracking_code"] == first)
    assert refunded["refund_status"] == "submitted"


def test_a_closed_manifest_gets_its_scanform_from_easypost(world):
    """The manifest of two EasyPost labels closes at the bench: central asks EasyPost for one
    ScanForm with both shipments, keeps its URL for the station, and a second close after a
    reopen owes nothing new; a refund after the form is refused by EasyPost."""
    import uuid
    from datetime import UTC, datetime

    from central.carrier_closeouts import CarrierCloser

    central, fake, adapter = world
    numbers = [_ship(central, f"attempt-ep-01{n}").json()["tracking_number"] for n in (1, 2)]

    def close(key):
        body = {"events": [{"idempotency_key": key, "kind": "manifest_closed", "station": "ST-01",
                            "occurred_at": datetime.now(UTC).isoformat(),
                            "payload": {"manifest_id": "MF-ST-01-US-01", "carrier": "UPS",
                                        "closed_by": "L001", "tracking_numbers": numbers}}]}
        answer = central.call("POST", "/v1/events", central.station_token, json=body)
        assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text

    close(uuid.uuid4().hex)
    owed = central.call("GET", "/v1/manifests/MF-ST-01-US-01/closeout", central.station_token)
    assert owed.status_code == 200 and owed.json()["state"] == "wanted"
    closer = CarrierCloser(central.engine, {"UPS": adapter})
    assert closer.run_once() == 1
    [form] = fake.scan_forms
    assert sorted(form["tracking_codes"]) == sorted(numbers)
    done = central.call("GET", "/v1/manifests/MF-ST-01-US-01/closeout",
                        central.station_token).json()
    assert done["state"] == "done" and done["form_id"] == form["id"]
    assert done["form_url"].endswith(f"{form['id']}.pdf")
    close(uuid.uuid4().hex)  # reopened and closed again: the form stands
    assert closer.run_once() == 0 and len(fake.scan_forms) == 1
    assert central.call("GET", "/v1/manifests/MF-NOPE/closeout",
                        central.station_token).status_code == 404


def test_station_central_closeouts_lists_the_forms_to_print(world, capsys):
    import argparse

    from sqlalchemy import insert

    from central import tables as t
    from central.cli import cmd_closeouts

    central, _fake, _adapter = world
    with central.engine.begin() as conn:
        conn.execute(insert(t.carrier_closeouts).values(
            manifest_id="MF-1", warehouse="WH-SHA", carrier="UPS", refs="[]", state="done",
            form_url="https://forms/sf_1.pdf", tries=1, updated_at="2026-12-03T08:00:00"))
        conn.execute(insert(t.carrier_closeouts).values(
            manifest_id="MF-2", warehouse="WH-SHA", carrier="UPS", refs="[]", state="refused",
            error="shipments not eligible", tries=1, updated_at="2026-12-03T09:00:00"))
    code = cmd_closeouts(argparse.Namespace(db=str(central.engine.url), limit=50))
    out = capsys.readouterr().out.splitlines()
    assert code == 1  # a refused form needs someone
    assert "MF-2" in out[0] and "not eligible" in out[0]
    assert "MF-1" in out[1] and "https://forms/sf_1.pdf" in out[1]
