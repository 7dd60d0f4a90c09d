"""Central buys PDD e-waybills (拼多多电子面单) from PDD's gateway (a loopback fake that checks
every signature and token), through ``POST /v1/shipments`` as a station calls it: a platform
print job for PDD's print component, a lost answer never costs a second waybill, a void
cancels at PDD, a refusal keeps PDD's words, a wrong secret is said as such."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from central import tables as t
from central.carriers.base import LabelSpec
from central.carriers.pdd import Pdd, PddSettings
from central.carriers.pdd.fake import FakePdd
from central.testkit import postgres_url, seeded_central

TEMPLATE = "https://file-link.pinduoduo.com/ems_one"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pdd_central(request, tmp_path):
    fake = FakePdd().start()
    adapter = Pdd(PddSettings(client_id=fake.client_id, client_secret=fake.client_secret,
                              access_token=fake.access_token, wp_code="EMS",
                              template_url=TEMPLATE, url=fake.url, read_timeout_s=1.0),
                  code="EMS")
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite"
           else postgres_url())
    server = seeded_central(url, carriers={"EMS": adapter})
    yield server, fake, adapter
    server.stop()
    fake.stop()


def _ship(central, key, order_id="SO-1003"):
    return central.call("POST", "/v1/shipments", central.station_token, json={
        "order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
        "service": "EMS-STD", "weight_g": 1250, "attempt_key": key})


def _gets(fake):
    return [r for r in fake.requests if r.get("type") == "pdd.waybill.get"]


def test_the_label_is_a_platform_print_job_and_a_lost_answer_costs_no_second_waybill(
        pdd_central):
    central, fake, _adapter = pdd_central
    fake.faults = ["lost_after_create"]
    lost = _ship(central, "attempt-pdd-0001")
    assert lost.status_code == 503 and lost.json()["code"] == "carrier_unknown"
    assert len(fake.waybills) == 1  # PDD did issue it
    answer = _ship(central, "attempt-pdd-0001")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    [waybill] = fake.waybills.values()
    assert body["label_format"] == "platform" and body["tracking_number"] == waybill["number"]
    document = json.loads(body["label_data"])
    assert document["platform"] == "pdd" and document["templateURL"] == TEMPLATE
    assert document["data"] == waybill["print_data"]
    request = json.loads(_gets(fake)[0]["param_waybill_cloud_print_apply_new_request"])
    assert request["trade_order_info_dtos"][0]["object_id"] == "attempt-pdd-0001"
    with central.engine.connect() as conn:
        numbers = conn.execute(select(t.tracking_numbers.c.number).where(
            t.tracking_numbers.c.order_id == "SO-1003")).scalars().all()
    assert numbers == [waybill["number"]]


def test_void_cancels_at_pdd_and_a_refusal_keeps_pdds_words(pdd_central):
    central, fake, adapter = pdd_central
    answer = _ship(central, "attempt-pdd-0002")
    number = answer.json()["tracking_number"]
    assert adapter.void("attempt-pdd-0002", number).ok
    assert fake.waybills["attempt-pdd-0002"]["cancelled"]
    assert adapter.label(number, LabelSpec()).ok  # reprint data of an issued waybill
    with central.engine.connect() as conn:
        data = conn.scalar(select(t.orders.c.data).where(t.orders.c.order_id == "SO-1003"))
    fake.unserved_city = json.loads(data)["recipient"]["city"]
    refused = _ship(central, "attempt-pdd-0003")
    assert refused.status_code == 409 and refused.json()["code"] == "carrier_not_serviceable"
    assert "收件地址不在服务范围内" in refused.json()["message"]


def test_a_wrong_secret_is_told_as_bad_credentials_not_a_second_try(pdd_central):
    _central, fake, adapter = pdd_central
    wrong = Pdd(PddSettings(client_id=fake.client_id, client_secret="not-the-secret",
                            access_token=fake.access_token, wp_code="EMS",
                            template_url=TEMPLATE, url=fake.url), code="EMS")
    probe = wrong.lookup("attempt-pdd-0009")
    assert probe.error == "bad_credentials" and probe.raw_code == "10016"
    assert adapter.lookup("attempt-pdd-0009").error == "not_found"  # right secret: ask again
