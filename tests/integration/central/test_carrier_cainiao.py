"""Central buys Cainiao e-waybills from the TOP gateway (a loopback fake that checks every
signature), through ``POST /v1/shipments`` as a station calls it: the answer is a platform
print job, a lost answer never costs a second waybill, a refusal keeps Cainiao's words."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from central import tables as t
from central.carriers.cainiao import Cainiao, CainiaoSettings
from central.carriers.cainiao.fake import FakeCainiao
from central.testkit import postgres_url, seeded_central

TEMPLATE = "https://cloudprint.cainiao.com/template/standard/101/123"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def cainiao_central(request, tmp_path):
    fake = FakeCainiao().start()
    adapter = Cainiao(CainiaoSettings(app_key=fake.app_key, app_secret=fake.app_secret,
                                      session=fake.session, cp_code="EMS",
                                      template_url=TEMPLATE, url=fake.url,
                                      read_timeout_s=1.0), code="EMS")
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite"
           else postgres_url())
    server = seeded_central(url, carriers={"EMS": adapter})
    yield server, fake
    server.stop()
    fake.stop()


def _ship(central, key, order_id="SO-1003"):
    return central.call("POST", "/v1/shipments", central.station_token, json={
        "order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
        "service": "EMS-STD", "weight_g": 1250, "attempt_key": key})


def _gets(fake):
    return [r for r in fake.requests if r.get("method") == "cainiao.waybill.ii.get"]


def test_the_label_is_a_platform_print_job_for_the_component(cainiao_central):
    central, fake = cainiao_central
    answer = _ship(central, "attempt-cn-0001")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["label_format"] == "platform"
    document = json.loads(body["label_data"])
    [waybill] = fake.waybills.values()
    assert document["documentID"] == body["tracking_number"] == waybill["number"]
    assert document["templateURL"] == TEMPLATE and document["data"] == waybill["print_data"]
    again = _ship(central, "attempt-cn-0001")  # the station asks again: the same label
    assert again.json() == body and len(_gets(fake)) == 1


def test_an_answer_lost_after_cainiao_issued_the_waybill_costs_no_second_waybill(
        cainiao_central):
    central, fake = cainiao_central
    fake.faults = ["lost_after_create"]
    lost = _ship(central, "attempt-cn-0002")
    assert lost.status_code == 503 and lost.json()["code"] == "carrier_unknown"
    assert len(fake.waybills) == 1  # Cainiao did issue it
    retry = _ship(central, "attempt-cn-0002")
    assert retry.status_code == 200, retry.text
    [waybill] = fake.waybills.values()
    assert retry.json()["tracking_number"] == waybill["number"]
    with central.engine.connect() as conn:
        numbers = conn.execute(select(t.tracking_numbers.c.number).where(
            t.tracking_numbers.c.order_id == "SO-1003")).scalars().all()
    assert numbers == [waybill["number"]]


def test_an_address_cainiao_does_not_serve_is_refused_in_its_words(cainiao_central):
    central, fake = cainiao_central
    with central.engine.connect() as conn:
        data = conn.scalar(select(t.orders.c.data).where(t.orders.c.order_id == "SO-1003"))
    fake.unserved_city = json.loads(data)["recipient"]["city"]
    answer = _ship(central, "attempt-cn-0003")
    assert answer.status_code == 409, answer.text
    assert answer.json()["code"] == "carrier_not_serviceable"
    assert "收件地址不在服务范围内" in answer.json()["message"]
    assert fake.waybills == {}
