"""Abuse: two stations of two warehouses attack central as the issue describes. Each test is
one defect of issue 11; every one failed before the fix."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import insert, select

from central import tables as t
from central.cli import openapi_document
from central.clock import now_iso
from central.trackno import s10_check_digit
from contract import ChangeSet, OrderHistory, Shipment

B_ORDER = "SO-B-1"


def _ems(serial: int) -> str:
    digits = f"{serial:08d}"
    return f"EE{digits}{s10_check_digit(digits)}CN"


def _event(kind, payload, order_id=None, station="ST-01", key=None, at=None):
    return {
        "idempotency_key": key or uuid.uuid4().hex,
        "kind": kind,
        "station": station,
        "occurred_at": (at or datetime.now(UTC)).isoformat(),
        "order_id": order_id,
        "payload": payload,
    }


def _label(order_id, number, station="ST-01", source="pool", carrier="EMS", weight_g=500):
    payload = {"order_id": order_id, "parcel_no": 1, "tracking_number": number,
               "carrier": carrier, "service": f"{carrier}-STD", "weight_g": weight_g,
               "source": source}
    return _event("label_printed", payload, order_id, station)


def _send(central, token, *events):
    answer = central.call("POST", "/v1/events", token, json={"events": list(events)})
    assert answer.status_code == 200, answer.text
    return [r["status"] for r in answer.json()["results"]], answer.json()["results"]


def _release_b_order(central):
    """An order of warehouse WH-BJS, so station B has something legitimately its own."""
    order = {"order_id": B_ORDER, "warehouse": "WH-BJS", "carrier": "EMS", "service": "EMS-STD",
             "recipient": {"name": "Li Lei", "line1": "1 Road", "city": "Beijing",
                           "country": "CN"},
             "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}]}
    answer = central.call("POST", "/v1/admin/orders", central.admin_token, json=order)
    assert answer.status_code == 200, answer.text


def _shipment(central, token, order_id="SO-1001", carrier="EMS", weight_g=800):
    return central.call("POST", "/v1/shipments", token, json={
        "order_id": order_id, "parcel_no": 1, "parcel_count": 1, "carrier": carrier,
        "service": f"{carrier}-STD", "weight_g": weight_g})


# ---------------------------------------------------------------- numbers
def test_forged_next_central_number_is_refused_and_never_blocks_label_issuing(central):
    _release_b_order(central)
    forged = _ems(10_000_000)  # the next number of the EMS central range
    for source in ("central", "pool"):
        status, results = _send(central, central.other_token,
                                _label(B_ORDER, forged, "ST-B1", source))
        assert status == ["rejected"], results
    # Rows written before this fix (or by any other path) must not stop issuing either.
    with central.engine.begin() as conn:
        conn.execute(insert(t.tracking_numbers).values(
            number=_ems(10_000_001), carrier="EMS", order_id=B_ORDER, warehouse="WH-BJS",
            parcel_no=1, source="pool", voided=False, created_at=now_iso()))
    for order_id in ("SO-1001", "SO-1003"):
        answer = _shipment(central, central.station_token, order_id)
        assert answer.status_code == 200, answer.text
        number = Shipment.model_validate_json(answer.content).tracking_number
        assert number not in (_ems(10_000_001),)
    answer = _shipment(central, central.other_token, B_ORDER)
    assert answer.status_code == 200, answer.text


def test_a_station_cannot_claim_numbers_of_another_stations_pool(central):
    _release_b_order(central)
    a_number, a_other = _ems(20_000_005), _ems(20_000_006)  # ST-01's segment
    status, _ = _send(central, central.other_token, _label(B_ORDER, a_number, "ST-B1"))
    assert status == ["rejected"]
    close = _event("manifest_closed", {"manifest_id": "M-B", "carrier": "EMS",
                                       "closed_by": "L-B", "tracking_numbers": [a_other]},
                   station="ST-B1")
    status, _ = _send(central, central.other_token, close)
    assert status == ["rejected"]
    # The owner's real labels are still accepted.
    status, results = _send(central, central.station_token, _label("SO-1001", a_number),
                            _label("SO-1003", a_other))
    assert status == ["accepted", "accepted"], results
    # A pool number of its own segment, and a central number issued to its warehouse, pass.
    issued = Shipment.model_validate_json(
        _shipment(central, central.station_token, "SO-1005").content).tracking_number
    status, results = _send(central, central.station_token,
                            _label("SO-1005", issued, source="central"))
    assert status == ["accepted"], results
    status, _ = _send(central, central.other_token, _label(B_ORDER, issued, "ST-B1", "central"))
    assert status == ["rejected"]


def test_history_only_kinds_are_checked_against_the_senders_warehouse(central):
    _release_b_order(central)
    intruders = [
        _event("return", {"order_id": "SO-1001", "reason": "forged"}, "SO-1001", "ST-B1"),
        _event("receipt", {"notice_id": "IN-1", "order_id": "SO-1001"}, "SO-1001", "ST-B1"),
        _event("handover_scanned", {"manifest_id": "M-X", "carrier": "EMS",
                                    "tracking_number": _ems(20_000_001)}, "SO-1001", "ST-B1"),
    ]
    notice = {"notice_id": "IN-A", "warehouse": "WH-SHA",
              "lines": [{"sku": "MUG-350", "quantity": 12}]}
    assert central.call("PUT", "/v1/admin/inbound-notices/IN-A", central.admin_token,
                        json=notice).status_code == 200
    intruders.append(_event("receipt", {"notice_id": "IN-A", "counted": 12}, None, "ST-B1"))
    status, _ = _send(central, central.other_token, *intruders)
    assert status == ["rejected"] * 4
    history = OrderHistory.model_validate_json(
        central.call("GET", "/v1/orders/SO-1001/history", central.station_token).content)
    assert [e.station for e in history.events if e.station == "ST-B1"] == []
    # Its own warehouse's order is still its own (a return needs a shipped order and a full
    # payload now, so the check is shown with the order's pack start).
    own = _event("pack_started", {"order_id": B_ORDER, "operator": "P101"}, B_ORDER, "ST-B1")
    status, results = _send(central, central.other_token, own)
    assert status == ["accepted"], results


def test_replay_with_same_key_but_other_order_or_time_is_flagged_not_accepted(central):
    key = uuid.uuid4().hex
    at = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    first = _event("pack_started", {"order_id": "SO-1001", "operator": "P001"}, "SO-1001",
                   key=key, at=at)
    assert _send(central, central.station_token, first)[0] == ["accepted"]
    assert _send(central, central.station_token, first)[0] == ["accepted"]  # honest replay
    later = dict(first, occurred_at=(at + timedelta(hours=1)).isoformat())
    other_order = dict(first, order_id="SO-1003")
    for forged in (later, other_order):
        status, results = _send(central, central.station_token, forged)
        assert status == ["rejected"], results
        assert "key_reuse" in results[0]["error"]


# ---------------------------------------------------------------- operators and PINs
def test_changes_hand_out_pin_hashes_only_of_operators_allowed_at_the_station(central):
    answer = central.call("PUT", "/v1/admin/operators/P009?warehouse=WH-SHA&station=ST-02",
                          central.admin_token,
                          json={"badge": "P009", "name": "Elsewhere", "role": "packer"})
    assert answer.status_code == 200, answer.text
    answer = central.call("PUT", "/v1/admin/operators/P009/pin", central.admin_token,
                          json={"pin": "48151623"})
    assert answer.status_code == 200, answer.text
    page = ChangeSet.model_validate_json(
        central.call("GET", "/v1/changes", central.station_token).content)
    by_badge = {o.badge: o for o in page.operators}
    assert by_badge["P001"].pin_hash  # a packer of this warehouse logs in here
    assert by_badge["A001"].pin_hash is None  # admins never get a bench PIN hash
    assert by_badge["P009"].pin_hash is None and not by_badge["P009"].active
    other = ChangeSet.model_validate_json(
        central.call("GET", "/v1/changes", central.other_token).content)
    assert [o.badge for o in other.operators if o.pin_hash] == []


def test_central_sets_pins_itself_and_refuses_short_ones_and_raw_hashes(central):
    short = central.call("PUT", "/v1/admin/operators/P001/pin", central.admin_token,
                         json={"pin": "1234"})
    assert short.status_code == 422 and short.json()["code"] == "pin_too_short"
    raw = central.call("PUT", "/v1/admin/operators/P001?warehouse=WH-SHA", central.admin_token,
                       json={"badge": "P001", "name": "Li Wei", "role": "packer",
                             "pin_hash": PasswordHasher().hash("1")})
    assert raw.status_code == 422 and raw.json()["code"] == "pin_hash_refused"
    ok = central.call("PUT", "/v1/admin/operators/P001/pin", central.admin_token,
                      json={"pin": "27182818"})
    assert ok.status_code == 200, ok.text
    page = ChangeSet.model_validate_json(
        central.call("GET", "/v1/changes", central.station_token).content)
    stored = next(o for o in page.operators if o.badge == "P001").pin_hash
    assert stored and PasswordHasher().verify(stored, "27182818")


# ---------------------------------------------------------------- webhooks, labels, tokens
def test_seller_webhook_without_a_secret_is_refused(central):
    answer = central.call("PUT", "/v1/admin/sellers/S-1", central.admin_token,
                          json={"code": "S-1", "name": "Shop",
                                "webhook_url": "https://shop.example/hook"})
    assert answer.status_code == 422 and "secret" in answer.text
    from central.webhooks import sign

    with pytest.raises(ValueError):
        sign("", "1", b"{}")


def test_central_sends_no_label_of_its_own_so_no_recipient_leaves_in_one(central):
    """Central's own ranges carry no label: the station draws its template (masking the
    recipient for SF, which says so). Before, central drew a 4x6 in ZPL with the recipient
    in it, at 203 dpi whatever the printer, its Chinese names in a font without them."""
    for order, carrier in (("SO-1002", "SF"), ("SO-1001", "EMS")):
        answer = _shipment(central, central.station_token, order, carrier=carrier)
        assert answer.status_code == 200, answer.text
        shipment = Shipment.model_validate_json(answer.content)
        assert (shipment.label_format, shipment.label_data) == ("station", "")
        assert "陈静" not in answer.text and "1234-5678" not in answer.text

def test_weights_have_an_upper_bound(central):
    assert _shipment(central, central.station_token, weight_g=10**12).status_code == 422
    status, _ = _send(central, central.station_token,
                      _label("SO-1001", _ems(20_000_009), weight_g=10**9))
    assert status == ["rejected"]


def test_openapi_offers_only_the_label_format_the_server_makes():
    schemas = openapi_document()["components"]["schemas"]
    offered = schemas["ShipmentRequest"]["properties"]["label_format"]
    assert offered.get("enum", [offered.get("const")]) == ["zpl"]


def test_token_valid_days_must_be_between_one_and_the_maximum(tmp_path):
    db = str(tmp_path / "central.sqlite3")
    cli = [sys.executable, "-m", "central.cli"]
    subprocess.run([*cli, "seed", "--demo", "--db", db], capture_output=True, timeout=120,
                   check=True)
    for days in ("0", "-3", "100000"):
        made = subprocess.run([*cli, "token", "create", "--station", "ST-01", "--valid-days",
                               days, "--db", db], capture_output=True, text=True, timeout=60)
        assert made.returncode == 2 and made.stdout == "", (days, made.stdout)
        assert "valid-days" in made.stderr
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.scalars(select(t.api_tokens.c.id)).all() == []
    engine.dispose()


# ---------------------------------------------------------------- public tracking page
def test_tracking_page_sends_protective_headers(central):
    answer = central.call("GET", "/t/EE123456789CN")
    assert answer.status_code == 404
    headers = answer.headers
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_tracking_page_is_rate_limited_per_client(central):
    answers = [central.call("GET", f"/t/EE{n:08d}0CN") for n in range(40)]
    statuses = [a.status_code for a in answers]
    assert statuses[0] == 404 and statuses.count(429) >= 20  # burst of 10, then ~1 per 2 s
    limited = next(a for a in answers if a.status_code == 429)
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.headers["X-Frame-Options"] == "DENY"
    number = limited.url.rsplit("/", 1)[-1]
    assert number not in limited.text  # the refusal says nothing about the number


def test_rate_limiter_memory_stays_bounded_under_many_addresses():
    from central.public_guard import RateLimiter

    limiter = RateLimiter(per_minute=30, burst=10, max_clients=1000)
    for n in range(50_000):
        limiter.allow(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", now=1000.0 + n * 1e-4)
    assert len(limiter) <= 1000
    assert limiter.allow("192.0.2.1", now=2000.0)


def test_tracking_page_limit_is_shared_by_every_worker_and_ignores_forged_forwarding(central):
    """Before: 10 answers with 1 worker, 20 with 2, 38 with 4 (a bucket per process), and 30
    of 30 when the X-Forwarded-For header was rotated (uvicorn trusted it from loopback)."""
    from central.live import start_server

    second = start_server(central.engine)  # a second worker process on the same database
    try:
        answered = 0
        for n in range(30):
            url = (central.url if n % 2 else second.url) + f"/t/EE{n:08d}0CN"
            got = central.http.get(url, timeout=30,
                                   headers={"X-Forwarded-For": f"203.0.113.{n}"})
            answered += got.status_code != 429
        assert answered <= 11, answered  # one burst of 10 (+1 refilled), for both together
    finally:
        second.stop()


def test_rate_limiter_rows_of_old_clients_are_pruned(central):
    from sqlalchemy import func, select

    from central import tables as t
    from central.public_guard import SharedRateLimiter

    now = [1000.0]
    limiter = SharedRateLimiter(central.engine, forget_s=60, clock=lambda: now[0])
    for n in range(499):
        limiter.allow(f"198.51.100.{n % 250}")
    now[0] += 3600
    limiter.allow("192.0.2.1")  # the 500th call prunes clients not seen for a minute
    with central.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(t.rate_buckets)) == 1
