"""The bench's label step can never ship wrong (core, no Qt): a real SQLite file, the real
pool, fakes standing in for the printer and for central's shipment call.

Each test is one defect seen from outside: an intercepted order labelled from the pool, a
voided number printed again, a void forgotten after a restart, REPRINT that printed nothing,
a lost central answer leaving a second live number, an offline label waiting on retries,
and a typed lead badge accepted as authority.
"""

from __future__ import annotations

import json

import pytest
from core_fixtures import demo_db

from contract import PoolSegment
from station.services.pins import LeadProof
from station.store.pool import TrackingPool
from station.sync.status import SyncStatus
from tests.benchkit import BenchPrinter, FakeCentral, kinds, make_bench, pack_to_label, run


@pytest.fixture
def station(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")
    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(PoolSegment(segment_id="SF-1", carrier="SF", station="ST-01", prefix="SF",
                                 start=10_000_000, end=10_000_099, width=8), "none")
    yield engine, pool
    engine.dispose()


def test_central_refusal_is_a_stop_never_a_pool_label(station):
    engine, pool = station
    printer = BenchPrinter()
    bench = make_bench(engine, printer, FakeCentral("refuse", "order_intercepted"))
    answer = pack_to_label(bench)
    assert answer.verdict is not None and answer.verdict.severity == "stop"
    assert answer.verdict.code == "order_stopped"
    assert printer.jobs == []  # nothing printed
    assert pool.level("SF").remaining == 100  # and no pool number taken
    assert "label_printed" not in kinds(engine)
    assert answer.view.state == "order_stopped"
    # Any other refusal (here: unknown service) stops too, with central's reason.
    bench2 = make_bench(demo_db(engine.url.database.replace(".sqlite3", "-2.sqlite3")),
                        BenchPrinter(), FakeCentral("refuse", "unknown_service"))
    other = pack_to_label(bench2)
    assert other.verdict is not None and other.verdict.code == "central_refused"


def test_a_voided_number_is_never_printed_again_even_before_central_hears_of_the_void(station):
    engine, _pool = station
    printer = BenchPrinter()
    central = FakeCentral("ok")
    bench = make_bench(engine, printer, central)
    first = pack_to_label(bench).view.parcels[0].tracking
    voided = bench.void("Label damaged", LeadProof.scan("B-LEAD"))
    assert voided.verdict is not None and voided.verdict.code == "label_voided"
    second = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert second.printed and second.tracking != first
    assert central.calls[0].attempt_key != central.calls[1].attempt_key

    # A server that answers the voided number again is refused: nothing prints.
    engine2 = demo_db(engine.url.database.replace(".sqlite3", "-old.sqlite3"))
    old = FakeCentral("same")
    printer2 = BenchPrinter()
    bench2 = make_bench(engine2, printer2, old)
    number = pack_to_label(bench2).view.parcels[0].tracking or ""
    bench2.void("Label damaged", LeadProof.scan("B-LEAD"))
    again = run(bench2, bench2.scan("CMD:REPRINT"))
    assert again.verdict is not None and again.verdict.code == "number_reused"
    assert len(printer2.jobs) == 1 and number.encode() in printer2.jobs[0].data
    assert again.view.parcels[0].tracking is None
    assert not again.view.parcels[0].printed


def test_after_a_restart_void_and_reprint_work_and_are_audited_with_the_operator(station):
    engine, pool = station
    printer = BenchPrinter()
    first = make_bench(engine, printer)
    number = pack_to_label(first, packer="B-LEAD").view.parcels[0].tracking
    assert number and pool.status(number) == "taken"

    restarted = make_bench(engine, printer)  # the station restarts
    restarted.start()
    restarted.scan("B-LEAD")
    reprinted = run(restarted, restarted.scan("CMD:REPRINT"))
    assert reprinted.view.parcels[0].tracking == number and len(printer.jobs) == 2
    with engine.connect() as conn:
        from sqlalchemy import text

        who = conn.execute(text("SELECT operator FROM audit WHERE action = 'label_reprinted'"))
        assert list(who.scalars()) == ["B-LEAD"]
    again = make_bench(engine, printer)  # and once more
    again.start()
    again.scan("B-LEAD")
    voided = again.void("Wrong parcel labelled", LeadProof.scan("B-LEAD"))
    assert voided.verdict is not None and voided.verdict.code == "label_voided"
    assert pool.status(number) == "voided"
    assert kinds(engine).count("label_voided") == 1


def test_reprint_by_scan_after_a_failed_print_prints_the_same_number(station):
    engine, pool = station
    printer = BenchPrinter()
    printer.fault = "paper out"
    bench = make_bench(engine, printer)
    failed = pack_to_label(bench)
    assert failed.verdict is not None and failed.verdict.code == "label_failed"
    assert failed.view.failed_labels == (1,)
    number = failed.view.parcels[0].tracking
    printer.fault = None
    done = run(bench, bench.scan("CMD:REPRINT"))  # the scanner alone, no button
    assert done.view.parcels[0].printed and done.view.parcels[0].tracking == number
    assert len(printer.jobs) == 1
    assert pool.level("SF").remaining == 99  # one number for one label
    closed = bench.scan("CMD:CLOSE")
    assert closed.verdict is not None and closed.verdict.code == "order_packed"
    payload = json.loads(next(iter(_payloads(engine, "pack_completed"))))
    assert payload["parcels"][0]["tracking_number"] == number


def _payloads(engine, kind: str) -> list[str]:
    from sqlalchemy import text

    with engine.connect() as conn:
        return list(conn.execute(text("SELECT payload FROM outbox WHERE kind = :k"),
                                 {"k": kind}).scalars())


def test_a_lost_central_answer_is_abandoned_and_the_pool_labels_the_parcel(station):
    engine, pool = station
    printer = BenchPrinter()
    central = FakeCentral("lost")
    status = SyncStatus()
    bench = make_bench(engine, printer, central, status)
    answer = pack_to_label(bench)
    parcel = answer.view.parcels[0]
    assert parcel.printed and pool.status(parcel.tracking or "") == "taken"
    [abandoned] = [json.loads(p) for p in _payloads(engine, "shipment_abandoned")]
    assert abandoned["attempt_key"] == central.calls[0].attempt_key
    assert abandoned["order_id"] == "SO-1005" and abandoned["parcel_no"] == 1
    assert status.snapshot.online is False  # shared: the next label does not wait


def test_offline_labels_do_not_ask_central_again(station):
    engine, pool = station
    central = FakeCentral("down")
    status = SyncStatus()
    bench = make_bench(engine, BenchPrinter(), central, status)
    first = pack_to_label(bench).view.parcels[0]
    assert first.printed and pool.status(first.tracking or "") == "taken"
    assert len(central.calls) == 1 and status.snapshot.online is False
    bench.void("Label damaged", LeadProof.scan("B-LEAD"))
    second = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert second.printed and pool.status(second.tracking or "") == "taken"
    assert len(central.calls) == 1  # offline is known: no second wait on central
    status.update(online=True)  # the sync loop reached central again
    bench.void("Label damaged", LeadProof.scan("B-LEAD"))
    central.mode = "ok"
    third = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert third.printed and third.tracking and third.tracking.startswith("SF00000")
    assert len(central.calls) == 2


def test_a_restart_during_a_central_request_abandons_it(station):
    engine, _pool = station
    from station.store.tables import parcel_labels

    with engine.begin() as conn:
        conn.execute(parcel_labels.insert().values(
            order_id="SO-1005", parcel_no=1, attempt_key="k" * 32, tracking_number=None,
            source="central", status="requested", created_at="2026-12-01T00:00:00+00:00"))
    make_bench(engine, BenchPrinter()).start()
    assert [json.loads(p)["attempt_key"] for p in _payloads(engine, "shipment_abandoned")] == [
        "k" * 32]


def test_a_typed_lead_badge_alone_authorises_nothing(station):
    engine, _pool = station
    bench = make_bench(engine, BenchPrinter())
    pack_to_label(bench)
    typed = bench.void("Label damaged", LeadProof("B-LEAD", scanned=False))
    assert typed.verdict is not None and typed.verdict.code == "permission_denied"
    wrong = bench.void("Label damaged", LeadProof.with_pin("B-LEAD", "0000"))
    assert wrong.verdict is not None and wrong.verdict.code == "login_failed"
    right = bench.void("Label damaged", LeadProof.with_pin("B-LEAD", "222222"))
    assert right.verdict is not None and right.verdict.code == "label_voided"


def test_wrong_pins_back_off_then_lock_even_across_a_restart(station):
    engine, _pool = station
    bench = make_bench(engine, BenchPrinter())
    bench.start()
    codes = [bench.login_pin("B-LEAD", "0000").verdict.message for _ in range(3)]
    assert "try again in" not in codes[0]
    # the third wrong PIN starts a wait: even the right PIN is refused during it
    assert "try again in" in bench.login_pin("B-LEAD", "222222").verdict.message
    restarted = make_bench(engine, BenchPrinter())
    restarted.start()
    assert "try again in" in restarted.login_pin("B-LEAD", "222222").verdict.message
    # a scanned badge still works
    assert restarted.scan("B-LEAD").view.operator == "B-LEAD"


def test_void_by_scanner_alone(station):
    engine, pool = station
    bench = make_bench(engine, BenchPrinter())
    number = pack_to_label(bench).view.parcels[0].tracking
    asked = bench.scan("CMD:VOID")
    assert asked.verdict is not None and asked.verdict.code == "void_scan_lead"
    refused = bench.scan("B-PACKER")  # a packer's badge cannot void
    assert refused.verdict is not None and refused.verdict.code == "permission_denied"
    bench.scan("CMD:VOID")
    done = bench.scan("B-LEAD")
    assert done.verdict is not None and done.verdict.code == "label_voided"
    assert pool.status(number or "") == "voided"
    new = run(bench, bench.scan("CMD:REPRINT")).view.parcels[0]
    assert new.printed and new.tracking != number


def test_an_empty_pool_offline_is_one_clear_stop_not_a_retry_loop(tmp_path):
    engine = demo_db(tmp_path / "station.sqlite3")  # no pool segment at all
    printer = BenchPrinter()
    bench = make_bench(engine, printer, FakeCentral("down"), SyncStatus())
    answer = pack_to_label(bench)  # run() would never return if the bench asked again
    assert answer.verdict is not None and answer.verdict.code == "pool_empty"
    assert answer.tasks == () and answer.view.failed_labels == (1,)
    assert printer.jobs == []


def test_the_label_fits_the_carrier_and_the_printer(station):
    """SF gets the 100x180 mm e-waybill, at the printer's dpi, with its resident CJK font."""
    from station.config import LabelSettings, PrinterSettings

    engine, _pool = station
    printer = BenchPrinter()
    pack_to_label(make_bench(engine, printer))
    job = printer.jobs[0].data
    assert b"^PW800" in job and b"^LL1440" in job  # 100 x 180 mm at 203 dpi (8 dots/mm)
    assert b"^GFA" in job  # Chinese recipient as a bitmap: no CJK font on this printer

    engine2 = demo_db(engine.url.database.replace(".sqlite3", "-300.sqlite3"))
    TrackingPool(engine2, "ST-01").add_segment(PoolSegment(
        segment_id="SF-2", carrier="SF", station="ST-01", prefix="SF", start=10_000_000,
        end=10_000_099, width=8), "none")
    printer2 = BenchPrinter()
    resident = PrinterSettings(protocol="zpl", dpi=300, cjk_font="E:SIMSUN.TTF")
    pack_to_label(make_bench(engine2, printer2, printer_setup=resident))
    job2 = printer2.jobs[0].data
    assert b"^PW1200" in job2 and b"E:SIMSUN.TTF" in job2

    engine3 = demo_db(engine.url.database.replace(".sqlite3", "-cfg.sqlite3"))
    TrackingPool(engine3, "ST-01").add_segment(PoolSegment(
        segment_id="SF-3", carrier="SF", station="ST-01", prefix="SF", start=10_000_000,
        end=10_000_099, width=8), "none")
    printer3 = BenchPrinter()
    pack_to_label(make_bench(engine3, printer3,
                             labels=LabelSettings(carrier_templates={"SF": "carrier_100x150"})))
    assert b"^LL1200" in printer3.jobs[0].data  # 150 mm: the site chose the 100x150 label


def test_central_s_own_label_prints_as_it_came_when_it_is_safe(station):
    engine, _pool = station
    printer = BenchPrinter()
    central = FakeCentral("ok")
    parcel = pack_to_label(make_bench(engine, printer, central)).view.parcels[0]
    assert parcel.printed
    sent = printer.jobs[0].data.decode()
    assert parcel.tracking in sent and "Zhang Wei" in sent  # central's ZPL, not our template


class Watcher:
    """Records what the bench tells a pack watcher (the evidence recorder is one)."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.fail = fail

    def order_opened(self, order_id: str, operator: str, station: str) -> None:
        self.calls.append(("opened", order_id, operator, station))
        if self.fail:
            raise RuntimeError("camera unplugged")

    def tracking_added(self, number: str) -> None:
        self.calls.append(("tracking", number))

    def order_ended(self, reason: str) -> None:
        self.calls.append(("ended", reason))


def test_watchers_follow_the_pack_and_a_failing_one_never_stops_it(station):
    engine, _pool = station
    good, bad = Watcher(), Watcher(fail=True)
    bench = make_bench(engine, BenchPrinter())
    bench.watchers += [bad, good]
    number = pack_to_label(bench).view.parcels[0].tracking
    assert bench.scan("CMD:CLOSE").verdict.code == "order_packed"
    assert good.calls == [("opened", "SO-1005", "B-PACKER", "ST-01"), ("tracking", number),
                          ("ended", "finished")]
    assert bad.calls[0][0] == "opened"


def test_a_pack_resumed_after_a_restart_is_filmed_under_the_packer_who_opened_it(station):
    """The window restarts mid-pack: nobody is logged in yet, but the clip that picks the pack
    up again names the packer who opened it (it was blank)."""
    engine, _pool = station
    first = make_bench(engine, BenchPrinter())
    first.start()
    for code in ("B-PACKER", "SO-1005", "4006381333931"):
        first.scan(code)
    first.close()
    watcher = Watcher()
    again = make_bench(engine, BenchPrinter())
    again.watchers.append(watcher)
    again.start()
    assert watcher.calls == [("opened", "SO-1005", "B-PACKER", "ST-01")]


def test_the_billed_weight_goes_with_the_shipment_and_the_label_event(station):
    """SF bills by volume (divisor 6000): a light mug in a medium box is billed by DIM."""
    engine, _pool = station
    central = FakeCentral("ok")
    pack_to_label(make_bench(engine, BenchPrinter(), central))
    [request] = central.calls
    assert request.length_mm and request.dim_weight_g
    assert request.billed_weight_g == max(request.weight_g, request.dim_weight_g)
    volume = request.length_mm * request.width_mm * request.height_mm
    assert request.dim_weight_g == -(-volume // 6000)  # ceil(mm³ / divisor): grams
    event = json.loads(_payloads(engine, "label_printed")[0])
    assert event["billed_weight_g"] == request.billed_weight_g
