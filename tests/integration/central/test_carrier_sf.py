"""Central buys SF labels from SF's gateway (a loopback fake that checks every signature and
answers in SF's envelope), through ``POST /v1/shipments`` as a station calls it.

Never two labels for one parcel: the attempt key is stored before the call and is SF's
``orderId``; when SF created the waybill but the answer was lost, the station's retry with the
same key makes central ask SF what it has (look-up) before anything else.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from central import tables as t
from central.carriers.sf import SfExpress, SfSettings
from central.carriers.sf.fake import FakeSf
from central.testkit import postgres_url, seeded_central
from station.labels.readback import zpl_graphics

PUSH_TOKEN = "push-secret-0123456789"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def sf_central(request, tmp_path):
    fake = FakeSf().start()
    adapter = SfExpress(SfSettings(partner_id=fake.partner_id, check_word=fake.check_word,
                                   monthly_card="7551234567", url=fake.url,
                                   read_timeout_s=1.0, push_token=PUSH_TOKEN))
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite"
           else postgres_url())
    server = seeded_central(url, carriers={"SF": adapter})
    yield server, fake
    server.stop()
    fake.stop()


def _ship(central, key, order_id="SO-1002", dpi=300, width=100, height=150):
    return central.call("POST", "/v1/shipments", central.station_token, json={
        "order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": "SF",
        "service": "SF-STD", "weight_g": 1250, "attempt_key": key, "printer_dpi": dpi,
        "label_width_mm": width, "label_height_mm": height})


def _barcodes(zpl: str) -> set[str]:
    """The data of every Code 128 (ZPL subset invocations removed) and QR field."""
    found = set()
    for kind, data in re.findall(r"\^B([CQ])[^\^]*\^FH\^FD([^\^]*)\^FS", zpl):
        if kind == "C":
            found.add(re.sub(r">[:;956 7]", "", data))
        else:
            found.add(data.split(",", 1)[1])
    return found


def _a0_fields(zpl: str) -> list[str]:
    return re.findall(r"\^A0[^\^]*(?:\^FB[^\^]*)?\^FH\^FD([^\^]*)\^FS", zpl)


def _creates(fake):
    return [r for r in fake.requests if r["serviceCode"] == "EXP_RECE_CREATE_ORDER"]


def test_sf_label_at_the_printers_dpi_decodes_to_sfs_number(sf_central):
    central, fake = sf_central
    answer = _ship(central, "attempt-sf-0001")
    assert answer.status_code == 200, answer.text
    shipment = answer.json()
    number = shipment["tracking_number"]
    assert number == fake.orders["attempt-sf-0001"]["number"]
    assert _creates(fake)[0]["msg"]["orderId"] == "attempt-sf-0001"
    zpl = shipment["label_data"]
    width = int(re.search(r"\^PW(\d+)", zpl).group(1))
    assert 1150 <= width <= 1220  # ~100 mm at 300 dpi (203 dpi ZPL would be 812: 69 mm)
    assert _barcodes(zpl) >= {number}  # Code 128 and QR carry SF's number
    # Chinese text is drawn as bitmaps (never printer font ^A0, which prints boxes) ...
    assert not any(re.search(r"[\u4e00-\u9fff]", f) for f in _a0_fields(zpl))
    # ... and the bitmaps hold ink: the recipient's name 王小明 is rendered, not blank.
    graphics = zpl_graphics(zpl.encode())
    assert graphics and all(img.convert("L").getextrema()[0] < 128 for _x, _y, img in graphics)
    # The same key again: the stored label, no second purchase.
    again = _ship(central, "attempt-sf-0001")
    assert again.json()["tracking_number"] == number
    assert len(_creates(fake)) == 1


def test_answer_lost_after_sf_created_the_waybill_is_resolved_by_look_up(sf_central):
    central, fake = sf_central
    fake.faults = ["lost_after_create"]
    lost = _ship(central, "attempt-sf-0002")
    assert lost.status_code == 503 and lost.json()["code"] == "carrier_unknown"
    assert len(fake.orders) == 1  # SF did create it
    retry = _ship(central, "attempt-sf-0002")
    assert retry.status_code == 200, retry.text
    assert retry.json()["tracking_number"] == fake.orders["attempt-sf-0002"]["number"]
    searched = [r for r in fake.requests if r["serviceCode"] == "EXP_RECE_SEARCH_ORDER_RESP"]
    assert len(searched) == 1 and len(_creates(fake)) == 1  # looked up, never created again
    with central.engine.connect() as conn:
        live = conn.execute(select(t.tracking_numbers.c.number).where(
            t.tracking_numbers.c.order_id == "SO-1002")).scalars().all()
    assert live == [retry.json()["tracking_number"]]


def test_not_serviceable_is_a_refusal_with_sfs_reason(sf_central):
    central, fake = sf_central
    with central.engine.connect() as conn:
        data = conn.scalar(select(t.orders.c.data).where(t.orders.c.order_id == "SO-1002"))
    fake.unserved_city = json.loads(data)["recipient"]["city"]  # SF does not serve the buyer
    answer = _ship(central, "attempt-sf-0003")
    assert answer.status_code == 409, answer.text
    assert answer.json()["code"] == "carrier_not_serviceable"
    assert "收方地址超范围" in answer.json()["message"]


def test_rate_limit_and_server_errors_are_retryable_not_refusals(sf_central):
    central, fake = sf_central
    fake.faults = ["a1005"]
    limited = _ship(central, "attempt-sf-0004")
    assert limited.status_code == 503 and limited.headers.get("Retry-After")
    fake.faults = ["http500"]
    broken = _ship(central, "attempt-sf-0004")
    assert broken.status_code == 503
    ok = _ship(central, "attempt-sf-0004")
    assert ok.status_code == 200, ok.text


def test_wrong_credentials_tell_it_not_the_packer(sf_central):
    central, fake = sf_central
    fake.check_word = "another-check-word-entirely-0000"
    answer = _ship(central, "attempt-sf-0005")
    assert answer.status_code == 503
    assert answer.json()["code"] == "carrier_credentials" and "A1006" in answer.json()["message"]


def test_a_label_size_sf_has_no_template_for_is_refused(sf_central):
    central, _fake = sf_central
    answer = _ship(central, "attempt-sf-0006", width=50, height=30)
    assert answer.status_code == 422
    assert answer.json()["code"] == "carrier_label_does_not_fit"


def test_sf_route_push_reaches_the_timeline_once_and_gets_sfs_answer(sf_central):
    central, _fake = sf_central
    number = _ship(central, "attempt-sf-0007").json()["tracking_number"]
    push = {"Body": {"WaybillRoute": [
        {"mailno": number, "orderid": "attempt-sf-0007", "opCode": "50",
         "acceptTime": "2026-12-02 17:05:00", "acceptAddress": "上海市浦东新区",
         "remark": "顺丰速运 已收取快件"},
        {"mailno": number, "opCode": "80", "acceptTime": "2026-12-03 10:12:00",
         "acceptAddress": "广州市天河区", "remark": "已签收"}]}}
    refused = central.http.post(central.url + "/v1/carriers/sf/routes?token=wrong", json=push,
                                timeout=30)
    assert refused.status_code == 403
    for _ in range(2):  # SF pushes again when unsure: still once each
        answer = central.http.post(central.url + f"/v1/carriers/sf/routes?token={PUSH_TOKEN}",
                                   json=push, timeout=30)
        assert answer.json() == {"return_code": "0000", "return_msg": "成功"}
    timeline = central.call("GET", f"/v1/tracking/{number}", central.station_token).json()
    statuses = [e["status"] for e in timeline["events"]]
    assert statuses.count("collected") == 1 and statuses.count("delivered") == 1, statuses


def test_a_route_push_lost_on_the_way_is_caught_by_the_route_pull(sf_central):
    """SF does not resend a push that never arrived: the pull asks SF for the routes of
    undelivered waybills; each event reaches the timeline once, and a delivered waybill is
    not asked again."""
    from central.carrier_tracking import CarrierTracker

    central, fake = sf_central
    number = _ship(central, "attempt-sf-0008").json()["tracking_number"]
    fake.routes[number] = [
        {"opCode": "50", "acceptTime": "2026-12-02 17:05:00", "acceptAddress": "上海市浦东新区",
         "remark": "顺丰速运 已收取快件"},
        {"opCode": "44", "acceptTime": "2026-12-03 08:40:00",
         "acceptAddress": "广州市天河区" * 60,  # longer than the column: cut, never a failure
         "remark": "快件派送中"}]
    adapter = SfExpress(SfSettings(partner_id=fake.partner_id, check_word=fake.check_word,
                                   url=fake.url))
    tracker = CarrierTracker(central.engine, {"SF": adapter})
    assert tracker.run_once() == 2
    assert tracker.run_once() == 0  # nothing new: nothing stored twice
    fake.routes[number].append({"opCode": "80", "acceptTime": "2026-12-03 10:12:00",
                                "acceptAddress": "广州市天河区", "remark": "已签收"})
    assert tracker.run_once() == 1
    asked = len([r for r in fake.requests if r["serviceCode"] == "EXP_RECE_SEARCH_ROUTES"])
    assert tracker.run_once() == 0
    assert len([r for r in fake.requests if r["serviceCode"] == "EXP_RECE_SEARCH_ROUTES"]) \
        == asked  # delivered: SF is not asked again
    timeline = central.call("GET", f"/v1/tracking/{number}", central.station_token).json()
    statuses = [e["status"] for e in timeline["events"]]
    assert [s for s in statuses if s != "label_created"] == [
        "collected", "out_for_delivery", "delivered"]


def test_server_timing_tells_centrals_time_from_the_carriers(sf_central):
    """IT reads central's own time apart from the carrier's on every answer (Server-Timing);
    ``make bench`` measures the adapter's overhead with it."""
    central, fake = sf_central
    fake.delay_s = 0.05
    answer = _ship(central, "attempt-sf-timing")
    assert answer.status_code == 200, answer.text
    parts = dict(p.split(";dur=") for p in
                 answer.headers["Server-Timing"].replace(" ", "").split(","))
    app, carrier = float(parts["app"]), float(parts["carrier"])
    assert carrier >= 2 * 50  # two calls to SF (create, print), each answered after 50 ms
    assert app >= carrier
    plain = central.call("GET", "/v1/audit/head", central.station_token)
    assert plain.headers["Server-Timing"].endswith("carrier;dur=0.00")  # no carrier asked
