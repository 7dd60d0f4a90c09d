"""Small open doors an attacker's probe found, each closed: enrolment codes valid for -5 h or
a million hours (and a crash on nan), a webhook secret of sixteen spaces, negative or absurd
parcel dimensions, and a re-enrolled station whose old token still worked."""

from __future__ import annotations

import math

import pytest

from central.enrolment import create_enrolment_code, redeem_enrolment_code
from central.errors import ApiProblem


@pytest.mark.parametrize("hours", [-5, 0, 1_000_000, 1e12, math.nan, math.inf])
def test_enrolment_code_validity_is_bounded(central, hours):
    with central.engine.begin() as conn, pytest.raises(ApiProblem) as refused:
        create_enrolment_code(conn, "ST-01", valid_hours=hours)
    assert refused.value.status == 422


def test_cli_refuses_nan_hours_with_a_message(central, capsys):
    from central.cli import main

    url = central.engine.url.render_as_string(hide_password=False)
    assert main(["enrol-code", "create", "--db", url, "--station", "ST-01",
                 "--valid-hours", "nan"]) == 1
    assert "hours" in capsys.readouterr().err


@pytest.mark.parametrize("secret", [" " * 16, "a" * 40, " padded-secret-1234 "])
def test_a_webhook_secret_must_be_a_secret(central, secret):
    answer = central.call("PUT", "/v1/admin/sellers/SHOP-X", central.admin_token, json={
        "code": "SHOP-X", "name": "Shop X", "webhook_url": "https://example.invalid/hook",
        "webhook_secret": secret})
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("dims", [{"length_mm": -1}, {"width_mm": 10**29},
                                  {"height_mm": 0}, {"dim_weight_g": 10**29}])
def test_shipment_dimensions_are_bounded(central, dims):
    body = {"order_id": "SO-1001", "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
            "service": "EMS-STD", "weight_g": 500, **dims}
    answer = central.call("POST", "/v1/shipments", central.station_token, json=body)
    assert answer.status_code == 422, answer.text


def test_enrolling_again_revokes_the_old_token(central):
    with central.engine.begin() as conn:
        first = redeem_enrolment_code(conn, create_enrolment_code(conn, "ST-01"))[2]
    assert central.call("GET", "/v1/changes?limit=1", first).status_code == 200
    with central.engine.begin() as conn:
        second = redeem_enrolment_code(conn, create_enrolment_code(conn, "ST-01"))[2]
    assert central.call("GET", "/v1/changes?limit=1", second).status_code == 200
    assert central.call("GET", "/v1/changes?limit=1", first).status_code == 401
    assert central.call("GET", "/v1/changes?limit=1", central.station_token).status_code == 401


def test_a_big_rejected_event_is_not_kept_whole_and_its_replay_gets_the_same_answer(central):
    import json
    import uuid
    from datetime import UTC, datetime

    from sqlalchemy import select

    from central import tables as t

    event = {"idempotency_key": uuid.uuid4().hex, "kind": "pack_started", "station": "ST-01",
             "occurred_at": datetime.now(UTC).isoformat(), "order_id": "SO-NOPE",
             "payload": {"order_id": "SO-NOPE", "operator": "P001", "junk": "x" * 200_000}}
    first = central.call("POST", "/v1/events", central.station_token, json={"events": [event]})
    again = central.call("POST", "/v1/events", central.station_token, json={"events": [event]})
    assert first.json()["results"][0]["status"] == "rejected"
    assert again.json() == first.json()  # the replay: the first answer, not "key reuse"
    with central.engine.connect() as conn:
        kept = conn.scalar(select(t.events.c.payload).where(
            t.events.c.idempotency_key == event["idempotency_key"]))
    assert len(kept) < 5000 and json.loads(kept)["_truncated"] > 200_000
