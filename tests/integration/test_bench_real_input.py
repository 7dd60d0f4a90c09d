"""The bench fed what happens at a real bench, not what our own code sends.

A badge number typed on the keyboard proves nothing: anyone can read a lead's badge off a
lanyard. Before the fix, typing ``B-LEAD`` + Enter logged in as the lead (Handover, Lookup,
Devices), with no PIN and no audit row. Now a typed badge above packer needs its PIN, and
every login is audited with how it came. An intercept pulled from central while an order is
being packed stops the very next scan."""

from __future__ import annotations

import json

from core_fixtures import demo_db
from sqlalchemy import text

from tests.benchkit import BenchPrinter, make_bench


def _logins(engine) -> list[tuple[str, dict]]:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT operator, detail FROM audit WHERE action = 'login' ORDER BY id")).all()
    return [(r[0], json.loads(r[1])) for r in rows]


def test_typed_lead_and_admin_badges_need_the_pin(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter())
    for badge in ("B-LEAD", "B-ADMIN"):
        answer = bench.scan(badge, scanned=False)
        assert answer.verdict is not None and answer.verdict.code == "pin_required"
        assert answer.verdict.severity != "ok"
        assert bench.packing.operator is None
    assert _logins(engine) == []


def test_typed_packer_badge_logs_in_and_every_login_is_audited_with_its_way(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter())
    assert bench.scan("B-PACKER", scanned=False).verdict.code == "logged_in"
    assert bench.scan("B-LEAD", scanned=True).verdict.code == "logged_in"
    assert bench.packing.operator is not None and bench.packing.operator.badge == "B-LEAD"
    logins = _logins(engine)
    assert [(who, d["via"]) for who, d in logins] == [("B-PACKER", "typed"), ("B-LEAD", "scan")]
    assert logins[1][1]["role"] == "lead"


def test_typed_lead_badge_does_not_clear_a_wrong_item_stop(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter())
    bench.scan("B-PACKER")
    bench.scan("SO-1001")
    wrong = bench.scan("09501101530003")  # vitamins: not in SO-1001
    assert wrong.verdict is not None and wrong.verdict.code == "wrong_item", wrong.verdict
    typed = bench.scan("B-LEAD", scanned=False)
    assert typed.verdict is not None and typed.verdict.code == "pin_required"
    assert bench.view().state == "wrong_item"
    assert bench.scan("B-LEAD").view.state != "wrong_item"


def test_wrong_pin_says_how_many_tries_are_left(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter())
    answer = bench.login_pin("B-LEAD", "000000")
    assert answer.verdict is not None
    assert "4 more tries" in answer.verdict.message


def test_an_intercept_pulled_mid_pack_stops_the_next_item_scan(tmp_path):
    """Before: the next item scans were accepted; the intercept showed only at CLOSE."""
    from contract import ChangeSet
    from station.store.reference import apply_changes

    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter())
    bench.scan("B-PACKER")
    bench.scan("SO-1001")
    assert bench.scan("4006381333931").verdict.code == "item_packed"
    from station.demo_data import orders

    order = next(o for o in orders() if o.order_id == "SO-1001")
    with engine.begin() as conn:  # what the pull loop applies when central intercepts it
        apply_changes(conn, ChangeSet(cursor="x", orders=[
            order.model_copy(update={"status": "intercepted"})]))
    answer = bench.scan("4006381333931")
    assert answer.verdict is not None and answer.verdict.code == "order_stopped"
    assert answer.verdict.severity == "stop"
    assert answer.view.state == "order_stopped"


def test_a_label_refused_by_central_is_audited_with_the_packer(tmp_path):
    from tests.benchkit import FakeCentral, pack_to_label

    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter(), FakeCentral("refuse", "order_intercepted"))
    pack_to_label(bench)
    with engine.connect() as conn:
        who = conn.execute(text("SELECT operator FROM audit WHERE action = "
                                "'central_refused_label'")).scalar_one()
    assert who == "B-PACKER"  # it was None


def test_a_revoked_token_is_not_the_orders_fault_a_pool_carrier_still_labels(tmp_path):
    """Before: 401 was a refusal of the order: a STOP, and CANCEL, CLOSE, VOID all refused."""
    from contract import PoolSegment
    from station.store.pool import TrackingPool
    from station.sync.status import SyncStatus
    from tests.benchkit import FakeCentral, pack_to_label

    engine = demo_db(tmp_path / "station.sqlite3")
    TrackingPool(engine, "ST-01").add_segment(PoolSegment(
        segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF", start=10_000_000,
        end=10_000_099, width=8), "none")
    printer, status = BenchPrinter(), SyncStatus()
    bench = make_bench(engine, printer, FakeCentral("revoked"), status)
    answer = pack_to_label(bench)
    assert answer.view.parcels[0].printed and answer.view.parcels[0].tracking.startswith("SF1")
    assert status.snapshot.online is False and status.snapshot.reason == "token_refused"


def test_a_lead_can_always_put_a_stuck_order_aside_by_scanner(tmp_path):
    """Central refused the label for a reason the bench cannot fix (unknown service): CANCEL,
    CLOSE, VOID and a new order all refused and nothing got out. Now PUT-ASIDE + a lead's
    badge takes the order off the bench (held, audited) and the bench is free."""
    from tests.benchkit import FakeCentral, pack_to_label

    engine = demo_db(tmp_path / "station.sqlite3")
    bench = make_bench(engine, BenchPrinter(), FakeCentral("refuse", "unknown_service"))
    stuck = pack_to_label(bench)
    assert stuck.verdict.code == "central_refused"
    assert bench.scan("SO-1001").verdict.severity == "stop"  # another order: refused
    asked = bench.scan("CMD:PUT-ASIDE")
    assert asked.verdict.code == "put_aside_scan_lead"
    assert bench.scan("B-PACKER").verdict.code != "order_put_aside"  # a packer may not
    assert bench.scan("CMD:PUT-ASIDE").verdict.code == "put_aside_scan_lead"
    done = bench.scan("B-LEAD")
    assert done.verdict.code == "order_put_aside", done.verdict
    assert done.view.state == "held"
    with engine.connect() as conn:
        row = conn.execute(text("SELECT operator, detail FROM audit WHERE action = "
                                "'order_put_aside'")).one()
        waiting = conn.execute(text("SELECT count(*) FROM parcels WHERE order_id = 'SO-1005' "
                                    "AND status = 'ready'")).scalar_one()
    assert row.operator == "B-LEAD" and "Put aside" in json.loads(row.detail)["reason"]
    assert waiting == 0  # no parcel of it waits for a label any more
    bench.scan("B-PACKER")
    assert bench.scan("SO-1001").verdict.code != "other_order"  # the bench is free again
