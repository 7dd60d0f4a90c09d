"""The central API against a real server: pull, events exactly once, labels, warehouse scope."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select

from central import tables as t
from central.trackno import s10_check_digit
from contract import ChangeSet, EventBatchResult, Shipment


def _event(kind, payload, order_id=None, station="ST-01", key=None):
    return {
        "idempotency_key": key or uuid.uuid4().hex,
        "kind": kind,
        "station": station,
        "occurred_at": datetime.now(UTC).isoformat(),
        "order_id": order_id,
        "payload": payload,
    }


def _pack_completed(order_id, number=None):
    return _event(
        "pack_completed",
        {
            "order_id": order_id,
            "operator": "P001",
            "parcels": [{"parcel_no": 1, "tracking_number": number, "weight_g": 500}],
        },
        order_id,
    )


def _label_printed(order_id, number, carrier="EMS", service="EMS-STD"):
    return _event(
        "label_printed",
        {
            "order_id": order_id,
            "parcel_no": 1,
            "tracking_number": number,
            "carrier": carrier,
            "service": service,
            "weight_g": 500,
            "source": "pool",
        },
        order_id,
    )


def _pull_all(central, token, limit=500):
    cursor, pages, seen = None, [], []
    for _ in range(1000):
        params = {"limit": limit} | ({"since": cursor} if cursor else {})
        answer = central.call("GET", "/v1/changes", token, params=params)
        assert answer.status_code == 200, answer.text
        page = ChangeSet.model_validate_json(answer.content)
        pages.append(page)
        seen.extend(o.order_id for o in page.orders)
        cursor = page.cursor
        if not page.more:
            return pages, seen, cursor
    raise AssertionError("paging never ended")


def _status(central, order_id):
    with central.engine.connect() as conn:
        return conn.scalar(select(t.orders.c.status).where(t.orders.c.order_id == order_id))


def _count(central, table, *where):
    with central.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table).where(*where))


def test_station_pulls_its_warehouse_in_pages_and_resumes_from_cursor(central):
    whole, orders, cursor = _pull_all(central, central.station_token)
    assert len(whole) == 1 and len(orders) == 10
    assert {c.code for c in whole[0].carriers} == {"EMS", "OWN", "SF"}  # OWN: own vans
    assert whole[0].pool_segments and all(p.station == "ST-01" for p in whole[0].pool_segments)
    assert any(p.name_zh for p in whole[0].products)
    paged, paged_orders, paged_cursor = _pull_all(central, central.station_token, limit=3)
    assert len(paged) > 5 and paged_orders == orders and paged_cursor == cursor
    # Nothing new: an empty page. A cancellation shows up after the cursor.
    answer = central.call("GET", "/v1/changes", central.station_token, params={"since": cursor})
    assert ChangeSet.model_validate_json(answer.content).orders == []
    decided = central.call(
        "POST", "/v1/admin/orders/SO-1001/decision", central.admin_token,
        json={"status": "cancelled", "reason": "buyer cancelled"},
    )
    assert decided.status_code == 200, decided.text
    answer = central.call("GET", "/v1/changes", central.station_token, params={"since": cursor})
    page = ChangeSet.model_validate_json(answer.content)
    assert [(o.order_id, o.status) for o in page.orders] == [("SO-1001", "cancelled")]
    # The other warehouse's station sees none of these orders and no ST-01 pool.
    _, other_orders, _ = _pull_all(central, central.other_token)
    theirs, _, _ = _pull_all(central, central.other_token)
    assert other_orders == [] and theirs[0].pool_segments == []


def test_event_replay_returns_first_result_and_changes_nothing(central):
    batch = {"events": [_pack_completed("SO-1002"), _event("pack_started",
             {"order_id": "SO-1002", "operator": "P001"}, "SO-1002")]}
    first = central.call("POST", "/v1/events", central.station_token, json=batch)
    assert first.status_code == 200, first.text
    assert [r.status for r in EventBatchResult.model_validate_json(first.content).results] == [
        "accepted", "accepted"]
    assert _status(central, "SO-1002") == "packed"
    rows = _count(central, t.events, t.events.c.station == "ST-01")
    replay = central.call("POST", "/v1/events", central.station_token, json=batch)
    assert replay.json() == first.json()
    assert _count(central, t.events, t.events.c.station == "ST-01") == rows
    # Same key, different content: refused, nothing stored.
    forged = dict(batch["events"][0], payload={"order_id": "SO-1003", "operator": "X",
                                                "parcels": []}, order_id="SO-1003")
    answer = central.call("POST", "/v1/events", central.station_token, json={"events": [forged]})
    assert answer.json()["results"][0]["status"] == "rejected"
    assert _status(central, "SO-1003") == "released"
    assert _count(central, t.events, t.events.c.station == "ST-01") == rows


def test_manifest_close_ships_orders_even_when_it_arrives_before_the_label(central):
    number = f"EE20000001{s10_check_digit('20000001')}CN"  # from ST-01's pool segment
    close = _event("manifest_closed", {"manifest_id": "M-1", "carrier": "EMS",
                                       "closed_by": "L001", "tracking_numbers": [number]})
    # Out of order: the manifest first, then the pack and label events.
    later = [_pack_completed("SO-1004", number), _label_printed("SO-1004", number)]
    for events in ([close], later):
        answer = central.call("POST", "/v1/events", central.station_token, json={"events": events})
        assert {r["status"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    assert _status(central, "SO-1004") == "shipped"  # and packed never moved it back
    tracking = central.call("GET", f"/v1/tracking/{number}", central.station_token).json()
    assert tracking["order_id"] == "SO-1004" and tracking["status"] in ("shipped", "label_created")
    assert {e["status"] for e in tracking["events"]} == {"shipped", "label_created"}
    history = central.call("GET", "/v1/orders/SO-1004/history", central.station_token).json()
    assert [e["kind"] for e in history["events"]] == [
        "order_released", "pack_completed", "label_printed"]
    assert history["status"] == "shipped"
    # The other warehouse cannot see it.
    assert central.call("GET", f"/v1/tracking/{number}", central.other_token).status_code == 404
    assert central.call(
        "GET", "/v1/orders/SO-1004/history", central.other_token).status_code == 404


def test_events_about_another_warehouse_are_rejected_and_change_nothing(central):
    events = [_event("pack_completed", {"order_id": "SO-1005", "operator": "B",
                                        "parcels": []}, "SO-1005", station="ST-B1")]
    answer = central.call("POST", "/v1/events", central.other_token, json={"events": events})
    assert answer.status_code == 200
    result = answer.json()["results"][0]
    assert result["status"] == "rejected" and "not known in warehouse WH-BJS" in result["error"]
    assert _status(central, "SO-1005") == "released"
    # Events claiming to be another station: refused as a whole.
    answer = central.call("POST", "/v1/events", central.other_token,
                          json={"events": [_pack_completed("SO-1005")]})
    assert answer.status_code == 403 and answer.json()["code"] == "wrong_station"


def test_shipment_issues_valid_s10_number_once_and_no_label_of_its_own(central):
    hostile = {
        "order_id": "SO-9001", "warehouse": "WH-SHA", "carrier": "EMS", "service": "EMS-STD",
        "recipient": {"name": "Evil ^XZ^XA~JR_ 名字", "line1": "1 Road", "city": "X",
                      "country": "CN"},
        "lines": [{"line_no": 1, "sku": "MUG-350", "quantity": 1}],
    }
    assert central.call("POST", "/v1/admin/orders", central.admin_token, json=hostile).ok
    request = {"order_id": "SO-9001", "parcel_no": 1, "parcel_count": 1, "carrier": "EMS",
               "service": "EMS-STD", "weight_g": 420}
    first = central.call("POST", "/v1/shipments", central.station_token, json=request)
    assert first.status_code == 200, first.text
    shipment = Shipment.model_validate_json(first.content)
    number = shipment.tracking_number
    assert number.startswith("EE") and number.endswith("CN") and len(number) == 13
    assert int(number[10]) == s10_check_digit(number[2:10])
    # No label of central's own: the station draws (and escapes) it at its printer's dpi, so
    # the hostile name never reaches a printer through central.
    assert (shipment.label_format, shipment.label_data) == ("station", "")
    assert "Evil" not in first.text
    again = central.call("POST", "/v1/shipments", central.station_token, json=request)
    assert again.json()["tracking_number"] == number
    sf = central.call("POST", "/v1/shipments", central.station_token,
                      json=request | {"order_id": "SO-1002", "carrier": "SF",
                                      "service": "SF-STD"})
    assert sf.json()["tracking_number"] == "SF100000000000"
    central.call("POST", "/v1/admin/orders/SO-1006/decision", central.admin_token,
                 json={"status": "intercepted", "reason": "fraud check"})
    stopped = central.call("POST", "/v1/shipments", central.station_token,
                           json=request | {"order_id": "SO-1006"})
    assert stopped.status_code == 409 and stopped.json()["code"] == "order_intercepted"
    foreign = central.call("POST", "/v1/shipments", central.other_token, json=request)
    assert foreign.status_code == 404


def test_label_request_checks_the_token_before_it_reads_the_body(central):
    """``POST /v1/shipments`` serves the token check, the body and the work in one hop: a
    caller without a station token learns nothing of the request's schema (401/403, never the
    422 that lists the fields), and a station's wrong types are still refused, not coerced."""
    request = {"order_id": "SO-1002", "parcel_no": 1, "parcel_count": 1, "carrier": "SF",
               "service": "SF-STD", "weight_g": 420}
    probe = {"order_id": 1}  # wrong in every way
    assert central.call("POST", "/v1/shipments", json=probe).status_code == 401
    assert central.call("POST", "/v1/shipments", "nonsense", json=probe).json()["code"] == (
        "unauthorized")
    admin = central.call("POST", "/v1/shipments", central.admin_token, json=request)
    assert admin.status_code == 403 and admin.json()["code"] == "station_only"
    coerced = central.call("POST", "/v1/shipments", central.station_token,
                           json=request | {"weight_g": "420"})
    assert coerced.status_code == 422 and "weight_g" in coerced.text
    served = central.call("POST", "/v1/shipments", central.station_token, json=request)
    assert served.status_code == 200 and served.headers["content-type"] == "application/json"
    assert Shipment.model_validate_json(served.content).carrier == "SF"


def test_tokens_and_roles(central):
    from sqlalchemy import update

    from central.auth import create_token, hash_token, revoke_token

    assert central.call("GET", "/v1/changes").status_code == 401
    assert central.call("GET", "/v1/changes", "nonsense").json()["code"] == "unauthorized"
    assert central.call("GET", "/v1/changes", central.admin_token).status_code == 403
    answer = central.call("PUT", "/v1/admin/warehouses/X", central.station_token,
                          json={"code": "X", "name": "x"})
    assert answer.status_code == 403 and answer.json()["code"] == "admin_only"
    with central.engine.begin() as conn:
        expired = create_token(conn, station="ST-01", valid_days=1)
        conn.execute(update(t.api_tokens).where(t.api_tokens.c.token_hash == hash_token(expired))
                     .values(expires_at="2020-01-01T00:00:00+00:00"))  # a year-old token
        revoked = create_token(conn, station="ST-01")
        revoke_token(conn, revoked)
    assert central.call("GET", "/v1/changes", expired).json()["code"] == "token_expired"
    assert central.call("GET", "/v1/changes", revoked).json()["code"] == "token_revoked"


def test_bad_input_is_a_clear_4xx_never_5xx_never_a_row(central):
    token = central.station_token
    rows = _count(central, t.events)
    cases = [
        (b'{"events": [', "malformed_json", 422),
        (json.dumps({"events": [dict(_pack_completed("SO-1007"), kind=7)]}).encode(),
         "invalid_request", 422),
        (json.dumps({"events": [dict(_pack_completed("SO-1007"), surprise=1)]}).encode(),
         "invalid_request", 422),
        (json.dumps({"events": []}).encode(), "invalid_request", 422),
        # A batch big enough to be validated off the event loop is as strict: a Unix time is
        # not the ISO date the contract says (lax validation would take it).
        (json.dumps({"events": [_pack_completed(f"SO-{n}") for n in range(299)] + [
            dict(_pack_completed("SO-1007"), occurred_at=1_700_000_000)]
        }).encode(), "invalid_request", 422),
        (b"[" + b'"x",' * 1_000_000 + b'"x"]', "payload_too_large", 413),
    ]
    for body, code, status in cases:
        answer = central.call("POST", "/v1/events", token, data=body,
                              headers={"Content-Type": "application/json"})
        assert answer.status_code == status, answer.text
        assert answer.json()["code"] == code and answer.json()["message"]
    assert _count(central, t.events) == rows
    bad_cursor = central.call("GET", "/v1/changes", token, params={"since": "abc"})
    assert bad_cursor.status_code == 422 and bad_cursor.json()["code"] == "invalid_request"
    ahead = central.call("GET", "/v1/changes", token, params={"since": "99999999"})
    assert ahead.status_code == 409 and ahead.json()["code"] == "cursor_ahead"
    assert central.call("GET", "/v1/nowhere", token).json()["code"] == "no_such_route"
    # Wrong JSON types are refused, not coerced (0 is not False, "5" is not 5).
    product = {"sku": "X-1", "name": "x", "unit_weight_g": "5", "length_mm": 1, "width_mm": 1,
               "height_mm": 1}
    answer = central.call("PUT", "/v1/admin/products/X-1", central.admin_token, json=product)
    assert answer.status_code == 422 and "unit_weight_g" in answer.json()["message"]
    product |= {"unit_weight_g": 5, "active": 0}
    answer = central.call("PUT", "/v1/admin/products/X-1", central.admin_token, json=product)
    assert answer.status_code == 422 and "active" in answer.json()["message"]


def test_pool_segments_never_overlap(central):
    segment = {"segment_id": "EMS-X", "carrier": "EMS", "station": "ST-B1", "prefix": "EE",
               "suffix": "CN", "start": 20_000_500, "end": 20_001_500, "width": 8}
    answer = central.call("POST", "/v1/admin/pool-segments", central.admin_token, json=segment)
    assert answer.status_code == 409 and "overlap" in answer.json()["message"]
    segment |= {"start": 20_002_000, "end": 20_002_999}
    answer = central.call("POST", "/v1/admin/pool-segments", central.admin_token, json=segment)
    assert answer.status_code == 200, answer.text
    pages, _, _ = _pull_all(central, central.other_token)
    assert [p.segment_id for p in pages[0].pool_segments] == ["EMS-X"]


def test_values_the_database_cannot_hold_are_refused_per_event_or_422(central):
    long_number = _label_printed("SO-1008", "X" * 300)
    unknown_carrier = _label_printed("SO-1008", "EE1CN", carrier="C" * 100)
    odd_order = _event("pack_started", {"order_id": 5, "operator": "P"}, None)
    answer = central.call("POST", "/v1/events", central.station_token,
                          json={"events": [long_number, unknown_carrier, odd_order]})
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["rejected"] * 3
    huge = {"segment_id": "S" * 200, "carrier": "EMS", "station": "ST-01", "start": 1,
            "end": 2, "width": 8}
    answer = central.call("POST", "/v1/admin/pool-segments", central.admin_token, json=huge)
    assert answer.status_code == 422
    huge |= {"segment_id": "S-1", "start": 10**18, "end": 10**19, "width": 30}
    answer = central.call("POST", "/v1/admin/pool-segments", central.admin_token, json=huge)
    assert answer.status_code == 422 and answer.json()["code"] == "invalid_range"


def test_concurrent_replays_store_each_event_once(central):
    from concurrent.futures import ThreadPoolExecutor

    batch = {"events": [_pack_completed(f"SO-{1000 + n}") for n in range(1, 11)]}

    def post(_):
        return central.call("POST", "/v1/events", central.station_token, json=batch)

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(post, range(12)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1  # every caller gets the first result
    keys = [e["idempotency_key"] for e in batch["events"]]
    assert _count(central, t.events, t.events.c.idempotency_key.in_(keys)) == 10
    assert all(_status(central, f"SO-{1000 + n}") == "packed" for n in range(1, 11))


def test_a_key_repeated_inside_a_batch_is_stored_once_and_answered_like_a_replay(central):
    event = _pack_completed("SO-1009")
    batch = {"events": [event, event]}
    first = central.call("POST", "/v1/events", central.station_token, json=batch).json()
    replay = central.call("POST", "/v1/events", central.station_token, json=batch).json()
    assert first == replay and [r["status"] for r in first["results"]] == ["accepted"] * 2
    key = event["idempotency_key"]
    assert _count(central, t.events, t.events.c.idempotency_key == key) == 1


def test_an_event_payload_of_the_wrong_json_types_is_refused_not_coerced(central):
    """The payload is as strict as the batch around it: a weight sent as "500" is refused with
    where and why, and the order does not move; the same event with 500 is accepted."""
    def packed(weight):
        return _event("pack_completed", {
            "order_id": "SO-1007", "operator": "P001",
            "parcels": [{"parcel_no": 1, "tracking_number": None, "weight_g": weight}]},
            "SO-1007")

    answer = central.call("POST", "/v1/events", central.station_token,
                          json={"events": [packed("500")]})
    result = answer.json()["results"][0]
    assert result["status"] == "rejected" and "weight_g" in result["error"], result
    assert _order_status(central, "SO-1007") == "released"
    answer = central.call("POST", "/v1/events", central.station_token,
                          json={"events": [packed(500)]})
    assert answer.json()["results"][0]["status"] == "accepted"
    assert _order_status(central, "SO-1007") == "packed"


def _order_status(central, order_id):
    with central.engine.connect() as conn:
        return conn.scalar(select(t.orders.c.status).where(t.orders.c.order_id == order_id))
