"""Fuzzing (hypothesis): the central API under forged event batches from the other warehouse,
the scan parser under any text, the scale parsers under any bytes. Counts grow under
``STATION_SOAK=1``; each test records how many examples it ran."""

from __future__ import annotations

import string
from datetime import UTC, datetime

from conftest import record_figure, soak_size
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from central import tables as t
from central.testkit import seeded_central
from contract import EventKind
from drivers.errors import ProtocolError
from drivers.scales.base import ScaleCommandReply, ScaleReading, Unreadable
from drivers.scales.protocols import PROTOCOLS
from station.scan import ScanError, parse_scan

API_EXAMPLES = soak_size(40, 3000)
SCAN_EXAMPLES = soak_size(300, 50_000)
SCALE_EXAMPLES = soak_size(100, 10_000)

ORDERS_OF_A = [f"SO-{1000 + n}" for n in range(1, 11)]
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                      st.text(max_size=30), st.sampled_from(ORDERS_OF_A))
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                          max_leaves=12)
numbers = st.one_of(st.text(alphabet=string.ascii_uppercase + string.digits, max_size=20),
                    st.builds(lambda n: f"EE{n:08d}0CN", st.integers(0, 99_999_999)))


@st.composite
def forged_event(draw):
    kind = draw(st.sampled_from([str(k) for k in EventKind]))
    payload = draw(st.dictionaries(st.text(max_size=16), json_value, max_size=6))
    for field, strategy in (("order_id", st.sampled_from(ORDERS_OF_A)),
                            ("tracking_number", numbers), ("carrier", st.sampled_from(
                                ["EMS", "SF", "X"])), ("source", st.sampled_from(
                                    ["pool", "central"])), ("parcel_no", st.integers(-2, 3)),
                            ("tracking_numbers", st.lists(numbers, max_size=3))):
        if draw(st.booleans()):
            payload[field] = draw(strategy)
    return {
        "idempotency_key": draw(st.text(alphabet=string.hexdigits, min_size=8, max_size=40)),
        "kind": kind,
        "station": "ST-B1",
        "occurred_at": datetime.now(UTC).isoformat(),
        "order_id": draw(st.one_of(st.none(), st.sampled_from(ORDERS_OF_A))),
        "payload": payload,
    }


def test_forged_batches_of_the_other_warehouse_never_touch_it(tmp_path):
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    statuses: list[int] = []

    @settings(max_examples=API_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(forged_event(), min_size=1, max_size=5))
    def attack(events):
        answer = central.call("POST", "/v1/events", central.other_token, json={"events": events})
        statuses.append(answer.status_code)
        assert answer.status_code < 500, answer.text
        if answer.status_code == 200:
            for event, result in zip(events, answer.json()["results"], strict=True):
                if result["status"] == "accepted":  # only what names nothing of warehouse A
                    assert event["order_id"] is None and "order_id" not in event["payload"]
                    assert event["kind"] in ("return", "receipt", "manifest_closed",
                                             "handover_scanned")

    try:
        attack()
        with central.engine.connect() as conn:
            about_orders = conn.scalar(select(t.events.c.id).where(
                t.events.c.station == "ST-B1", t.events.c.status == "accepted",
                t.events.c.order_id.is_not(None)))
            numbers = conn.scalar(select(t.tracking_numbers.c.number))
            shipped = conn.scalar(select(t.tracking_events.c.id))
            order_states = set(conn.scalars(select(t.orders.c.status)))
        assert about_orders is None and numbers is None and shipped is None
        assert order_states == {"released"}
    finally:
        central.stop()
    record_figure("fuzz_central_batches", len(statuses), "batches", "0 touching warehouse A, 0 5xx")


@settings(max_examples=SCAN_EXAMPLES, deadline=None)
@given(st.text(max_size=120))
def test_any_scan_parses_or_fails_with_a_sentence(raw):
    try:
        scan = parse_scan(raw)
    except ScanError as exc:
        assert exc.message
    else:
        assert scan.text


def test_scan_fuzz_count_is_recorded():
    """(Hypothesis runs ``max_examples`` unless it exhausts the space first.)"""
    record_figure("fuzz_scans", SCAN_EXAMPLES, "examples", "never a crash")


@settings(max_examples=SCALE_EXAMPLES, deadline=None)
@given(name=st.sampled_from(sorted(PROTOCOLS)), data=st.binary(max_size=300),
       chunk=st.integers(1, 40))
def test_any_bytes_from_a_scale_give_typed_frames_or_a_protocol_error(name, data, chunk):
    parser = PROTOCOLS[name].make_parser({"keep_first": "1", "checksum": "0"})
    for i in range(0, len(data), chunk):
        try:
            frames = parser.feed(data[i:i + chunk])
        except ProtocolError:
            continue
        assert all(isinstance(f, ScaleReading | ScaleCommandReply | Unreadable) for f in frames)


def test_scale_fuzz_count_is_recorded():
    record_figure("fuzz_scale_frames", SCALE_EXAMPLES, "examples", "never a crash")
