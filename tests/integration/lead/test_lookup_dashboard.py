"""Lookup and the lead's dashboard on a real station SQLite file."""

from __future__ import annotations

import pytest
from lead_kit import labelled_parcel, station_file
from sqlalchemy import text

from station.services.dashboard import DashboardService, to_csv
from station.services.errors import InvalidInput, PermissionDenied
from station.services.handover import HandoverService
from station.services.lookup import LookupService

LEAD = "B-LEAD"


@pytest.fixture
def engine(tmp_path):
    engine = station_file(tmp_path / "station.sqlite3")
    labelled_parcel(engine, "SO-1001", "SF100000001", 810)
    labelled_parcel(engine, "SO-1005", "SF100000005", 450, packer="=HYPERLINK(evil)")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit (at, operator, action, subject, detail) VALUES "
                          "(:at, 'B-LEAD', 'weight_override', 'SO-1001', "
                          "'{\"parcel\": 1, \"expected_g\": 700, \"actual_g\": 810, "
                          "\"reason\": \"padding\"}')"),
                     {"at": "2999-01-01T00:00:00+00:00"})
    yield engine
    engine.dispose()


@pytest.mark.parametrize("code", ["SF100000001", "SO-1001", "SO-1001/1", "T-01", "PL-1001"])
def test_one_scan_of_tracking_order_parcel_tote_or_pick_list_finds_the_order(engine, code):
    found = LookupService(engine).find(LEAD, code)
    assert [h.order_id for h in found.orders] == ["SO-1001"]
    history = found.orders[0]
    codes = [line.verdict.code for line in history.lines]
    assert {"pack_opened", "scan_weighed", "label_printed", "weight_override"} <= set(codes)
    printed = next(line for line in history.lines if line.verdict.code == "label_printed")
    assert printed.who == "B-PACKER" and "SF100000001" in printed.verdict.message
    assert history.parcels[0].actual_g == 810 and history.parcels[0].box_code == "S"
    assert history.tracking_numbers == ["SF100000001"]


def test_lookup_shows_the_handover_and_refuses_nonsense_and_packers(engine):
    handover = HandoverService(engine, "ST-01", "WH1")
    manifest = handover.open(LEAD, "SF")
    handover.scan(LEAD, manifest.manifest_id, "SF100000001")
    handover.close(LEAD, manifest.manifest_id)
    lines = LookupService(engine).find(LEAD, "SF100000001").orders[0].lines
    codes = [ln.verdict.code for ln in lines]
    assert codes.index("label_printed") < codes.index("handover_scanned") < codes.index(
        "manifest_closed_line")
    with pytest.raises(InvalidInput):
        LookupService(engine).find(LEAD, "NOPE-42")
    with pytest.raises(InvalidInput):
        LookupService(engine).find(LEAD, "\x1b[2J")
    with pytest.raises(PermissionDenied):
        LookupService(engine).find("B-PACKER", "SO-1001")


def test_lookup_by_sku_lists_the_orders_that_packed_it(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO scans (session_id, seq, at, operator, type, sku, units) "
                          "VALUES (1, 2, 'now', 'B-PACKER', 'item_packed', 'MUG-01', 1)"))
    found = LookupService(engine).find(LEAD, "MUG-01")
    assert found.kind == "sku" and [h.order_id for h in found.orders] == ["SO-1001"]


def test_offline_timeline_says_so_and_keeps_local_history(engine):
    class Down:
        def tracking(self, number):
            raise ConnectionError("central server unreachable")

    timeline = LookupService(engine, Down()).carrier_timeline(["SF100000001"])
    assert not timeline.online and "unreachable" in timeline.note


def test_dashboard_counts_today_per_carrier_and_packer_and_exports_safe_csv(engine):
    handover = HandoverService(engine, "ST-01", "WH1")
    manifest = handover.open(LEAD, "SF")
    handover.scan(LEAD, manifest.manifest_id, "SF100000001")
    handover.scan(LEAD, manifest.manifest_id, "EE-NOT-OURS")  # refused: an exception row
    handover.close(LEAD, manifest.manifest_id)
    handover.open(LEAD, "EMS", "evening")
    board = DashboardService(engine).today(LEAD)
    sf = board.per_carrier["SF"]
    assert (sf.packed, sf.labelled, sf.handed_over) == (2, 2, 1)
    assert board.per_packer["B-PACKER"].handed_over == 1
    assert [m.carrier for m in board.open_manifests] == ["EMS"]
    assert [e.kind for e in board.exceptions] == ["handover_refused"]  # the override is not today
    said = board.exceptions[0].what.message  # a sentence, not "code=handover_unknown"
    assert said == "EE-NOT-OURS not handed over: not a parcel of this station", said
    csv_text = to_csv(board)
    assert "carrier,SF,2,2,1" in csv_text and "'=HYPERLINK(evil)" in csv_text
    assert "\r\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    with pytest.raises(PermissionDenied):
        DashboardService(engine).today("B-PACKER")


def test_reprint_and_void_from_lookup_go_through_the_label_step(engine, tmp_path):
    from contract import PoolSegment
    from station.services.label_step import LabelStep
    from station.services.lookup_labels import reprint_from_lookup, void_from_lookup
    from station.store.pool import TrackingPool
    from station.store.uow import StationStore
    from tests.benchkit import BenchPrinter

    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(PoolSegment(segment_id="SF-T", carrier="SF", station="ST-01", prefix="SF",
                                 start=50_000_000, end=50_000_099, width=8), "none")
    paper = BenchPrinter()
    labels = LabelStep(StationStore(engine), paper, pool=pool)
    reprinted = reprint_from_lookup(labels.store, labels, LEAD, "SO-1001", 1)
    assert reprinted.printed and reprinted.tracking == "SF100000001" and len(paper.jobs) == 1
    with engine.connect() as conn:
        who = conn.execute(text("SELECT operator FROM audit WHERE action = 'label_reprinted'"))
        assert list(who.scalars()) == [LEAD]  # audited with the lead's badge
    with pytest.raises(PermissionDenied):
        reprint_from_lookup(labels.store, labels, "B-PACKER", "SO-1001", 1)
    with pytest.raises(InvalidInput):
        reprint_from_lookup(labels.store, labels, LEAD, "SO-1001", 7)
    # A printed label is voided (also one printed before a restart: the state is stored);
    # the parcel then waits for a new number and can never be handed over under the dead one.
    number = pool.take("SF", "SO-1004/1")
    labelled_parcel(engine, "SO-1004", number)
    voided = void_from_lookup(labels.store, labels, LEAD, "SO-1004", 1, "torn label")
    assert voided.verdict.code == "label_voided" and number in voided.verdict.message
    assert pool.status(number) == "voided"
    with engine.connect() as conn:
        row = conn.execute(text("SELECT status, tracking_number FROM parcels WHERE order_id = "
                                "'SO-1004'")).one()
    assert tuple(row) == ("ready", None)
    manifest = HandoverService(engine, "ST-01", "WH1").open(LEAD, "SF")
    verdict = HandoverService(engine, "ST-01", "WH1").scan(LEAD, manifest.manifest_id,
                                                           number)
    assert verdict.code == "handover_voided"
    # The voided parcel is never stranded: Lookup's REPRINT gives it a new label (before,
    # "no label to reprint" and no screen could relabel it).
    relabelled = reprint_from_lookup(labels.store, labels, LEAD, "SO-1004", 1)
    assert relabelled.printed and relabelled.tracking not in (None, number)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT status, tracking_number FROM parcels WHERE order_id = "
                                "'SO-1004'")).one()
    assert tuple(row) == ("labelled", relabelled.tracking)


def test_void_from_lookup_relabels_in_one_step(engine, tmp_path):
    from contract import PoolSegment
    from station.services.label_step import LabelStep
    from station.services.lookup_labels import void_and_relabel
    from station.store.pool import TrackingPool
    from station.store.uow import StationStore
    from tests.benchkit import BenchPrinter

    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(PoolSegment(segment_id="SF-T", carrier="SF", station="ST-01", prefix="SF",
                                 start=50_000_000, end=50_000_099, width=8), "none")
    paper = BenchPrinter()
    labels = LabelStep(StationStore(engine), paper, pool=pool)
    number = pool.take("SF", "SO-1004/1")
    labelled_parcel(engine, "SO-1004", number)
    voided, relabel = void_and_relabel(labels.store, labels, LEAD, "SO-1004", 1, "torn label")
    assert voided.verdict.code == "label_voided"
    assert relabel is not None and relabel.printed and relabel.tracking != number
    assert len(paper.jobs) == 1 and relabel.tracking.encode() in paper.jobs[0].data


def test_exceptions_are_work_items_acknowledged_and_resolved_with_a_reason(engine):
    """Yesterday's override nobody dealt with is still on today's dashboard; a lead
    acknowledges it, then resolves it with a reason (audited); a resolved one from an earlier
    day leaves the list, today's stay listed as resolved; a packer can do neither."""
    from datetime import UTC, datetime, timedelta

    now = datetime.now().astimezone()
    yesterday = (now - timedelta(days=1)).astimezone(UTC).isoformat()
    with engine.begin() as conn:
        for subject in ("SO-1001", "SO-1005"):
            conn.execute(text("INSERT INTO audit (at, operator, action, subject, detail) VALUES "
                              "(:at, 'B-LEAD', 'weight_override', :s, '{\"parcel\": 1}')"),
                         {"at": yesterday, "s": subject})
    service = DashboardService(engine)
    board = service.today(LEAD)
    carried = [e for e in board.exceptions if e.kind == "weight_override"]
    assert [e.subject for e in carried] == ["SO-1001", "SO-1005"]
    assert all(e.state == "open" and e.key.startswith("audit:") for e in carried)
    first, second = carried

    with pytest.raises(PermissionDenied):
        service.handle("B-PACKER", first.key, "acknowledged", "")
    assert service.handle(LEAD, first.key, "acknowledged", "").code == "exception_acknowledged"
    with pytest.raises(InvalidInput):
        service.handle(LEAD, first.key, "resolved", "")  # a resolve says how
    done = service.handle(LEAD, first.key, "resolved", "  customer  agreed ")
    assert done.code == "exception_resolved" and "customer agreed" in done.message
    assert service.handle(LEAD, first.key, "resolved", "again").code == \
        "exception_already_resolved"
    with pytest.raises(InvalidInput):
        service.handle(LEAD, "audit:999999", "acknowledged", "")

    board = service.today(LEAD)
    left = {e.subject: e for e in board.exceptions if e.kind == "weight_override"}
    assert list(left) == ["SO-1005"] and left["SO-1005"].state == "open"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT operator, action, subject FROM audit "
                                 "WHERE action LIKE 'exception_%' ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(LEAD, "exception_acknowledged", first.key),
                                       (LEAD, "exception_resolved", first.key)]
    assert second.key != first.key
    csv_text = to_csv(board)
    assert "state,handled_by,reason" in csv_text


def test_the_day_at_a_glance_per_hour_and_the_next_cut_off_per_carrier(engine):
    """Work per local hour for the chart; SF's next cut-off in 45 minutes with one labelled
    parcel not handed over and one order not packed; EMS has nothing due."""
    from datetime import UTC, datetime, timedelta

    now = datetime.now().astimezone()
    cutoff = (now + timedelta(minutes=45)).astimezone(UTC).isoformat()
    with engine.begin() as conn:
        for order in ("SO-1001", "SO-1004"):  # SO-1001 labelled; SO-1004 not packed yet
            conn.execute(text("UPDATE orders SET cutoff = :c WHERE order_id = :o"),
                         {"c": cutoff, "o": order})
    board = DashboardService(engine).today(LEAD, now)
    hour = now.hour
    [row] = [h for h in board.hours if h.hour == hour]
    assert row.packed >= 2 and row.labelled >= 2  # the fixture's two labelled parcels
    [sf] = [c for c in board.cutoffs if c.carrier == "SF"]
    assert (sf.not_handed, sf.not_packed) == (1, 1)
    assert 43 <= sf.minutes_left <= 45
    assert sf.at.strftime("%H:%M") == (now + timedelta(minutes=45)).strftime("%H:%M")
    assert [c.carrier for c in board.cutoffs] == ["SF"]
