"""The handover on a real station SQLite file: scans, foreign parcels, close, reopen, print."""

from __future__ import annotations

import json

import pytest
from lead_kit import labelled_parcel, station_file
from sqlalchemy import text

from station.devices import PrintJob, PrintResult
from station.services.errors import PermissionDenied
from station.services.handover import HandoverService

LEAD, PACKER = "B-LEAD", "B-PACKER"


class PaperPrinter:
    """Collects jobs like a printer that always reports no fault (implements ``Printer``)."""

    def __init__(self) -> None:
        self.jobs: list[PrintJob] = []

    def send(self, job: PrintJob) -> PrintResult:
        self.jobs.append(job)
        return PrintResult(True, "printed")


@pytest.fixture
def desk(tmp_path):
    engine = station_file(tmp_path / "station.sqlite3")
    labelled_parcel(engine, "SO-1001", "SF100000001", 810)
    labelled_parcel(engine, "SO-1004", "SF100000004", 1200)
    labelled_parcel(engine, "SO-1005", "SF100000005", 450)
    labelled_parcel(engine, "SO-1002", "EE100000002CN", 2300, carrier="EMS")
    printer = PaperPrinter()
    service = HandoverService(engine, "ST-01", "WH1", printer=printer,
                              pdf_folder=tmp_path / "manifests")
    yield service, engine, printer
    engine.dispose()


def _rows(engine, sql, **params):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_scan_expected_parcels_then_close_ships_them_and_queues_one_manifest(desk):
    service, engine, _ = desk
    manifest = service.open(LEAD, "SF", "16:00 van")
    assert manifest.manifest_id.startswith("MF-ST-01-") and manifest.expected == 3
    first = service.scan(LEAD, manifest.manifest_id, "SF100000001")
    assert (first.code, first.params["scanned"]) == ("handover_accepted", 1)
    assert service.scan(LEAD, manifest.manifest_id, " SF100000004\r\n").ok
    live = service.manifest(manifest.manifest_id)
    assert [m.tracking_number for m in live.missing] == ["SF100000005"]
    closed = service.close(LEAD, manifest.manifest_id)
    assert closed.verdict.code == "manifest_closed"
    assert closed.verdict.params == {"manifest": manifest.manifest_id, "scanned": 2,
                                     "missing": 1}
    status = dict(_rows(engine, "SELECT tracking_number, status FROM parcels"))
    assert status == {"SF100000001": "shipped", "SF100000004": "shipped",
                      "SF100000005": "labelled", "EE100000002CN": "labelled"}
    events = _rows(engine, "SELECT payload FROM outbox WHERE kind = 'manifest_closed'")
    assert len(events) == 1
    payload = json.loads(events[0][0])
    assert payload["carrier"] == "SF" and payload["closed_by"] == LEAD
    assert sorted(payload["tracking_numbers"]) == ["SF100000001", "SF100000004"]
    assert len(_rows(engine, "SELECT id FROM outbox WHERE kind = 'handover_scanned'")) == 2
    # Closing twice changes nothing.
    assert service.close(LEAD, manifest.manifest_id).verdict.code == "manifest_already_closed"
    assert len(_rows(engine, "SELECT id FROM outbox WHERE kind = 'manifest_closed'")) == 1


@pytest.mark.parametrize(
    ("number", "code", "sound"),
    [
        ("EE100000002CN", "handover_other_carrier", "other_carrier"),
        ("SF999999999", "handover_unknown", "unknown_parcel"),
        ("not a barcode!", "handover_bad_scan", "unknown_parcel"),
    ],
)
def test_foreign_parcels_are_refused_with_their_own_code_and_sound(desk, number, code, sound):
    service, _, _ = desk
    manifest = service.open(LEAD, "SF")
    verdict = service.scan(LEAD, manifest.manifest_id, number)
    assert (verdict.code, str(verdict.sound), verdict.severity) == (code, sound, "stop")
    assert verdict.message  # a sentence for the lead, never an empty banner
    assert service.manifest(manifest.manifest_id).scanned == ()


def test_scanned_twice_voided_shipped_other_manifest_other_warehouse(desk, tmp_path):
    service, engine, _ = desk
    first = service.open(LEAD, "SF", "morning")
    assert service.scan(LEAD, first.manifest_id, "SF100000001").ok
    twice = service.scan(LEAD, first.manifest_id, "SF100000001")
    assert (twice.code, str(twice.sound)) == ("handover_scanned_twice", "scanned_twice")
    second = service.open(LEAD, "SF", "afternoon")
    other = service.scan(LEAD, second.manifest_id, "SF100000001")
    assert (other.code, str(other.sound)) == ("handover_on_other_manifest", "already_shipped")
    service.close(LEAD, first.manifest_id)
    shipped = service.scan(LEAD, second.manifest_id, "SF100000001")
    assert (shipped.code, str(shipped.sound)) == ("handover_already_shipped", "already_shipped")
    # A label a lead voided (the label step audits it and clears the parcel's number).
    with engine.begin() as conn:
        conn.execute(text("UPDATE parcels SET status = 'ready', tracking_number = NULL "
                          "WHERE tracking_number = 'SF100000005'"))
        conn.execute(text("INSERT INTO audit (at, operator, action, subject, detail) VALUES "
                          "('2026-01-01', 'B-LEAD', 'label_voided', 'SO-1005', "
                          "'{\"parcel_no\": 1, \"tracking\": \"SF100000005\"}')"))
        conn.execute(text("UPDATE orders SET warehouse = 'WH-BJS' WHERE order_id = 'SO-1004'"))
    voided = service.scan(LEAD, second.manifest_id, "SF100000005")
    assert (voided.code, str(voided.sound), voided.params["order"]) == (
        "handover_voided", "voided_label", "SO-1005")
    elsewhere = service.scan(LEAD, second.manifest_id, "SF100000004")
    assert (elsewhere.code, str(elsewhere.sound)) == ("handover_other_warehouse",
                                                      "other_warehouse")
    refused = _rows(engine, "SELECT detail FROM audit WHERE action = 'handover_refused'")
    assert [json.loads(r[0])["code"] for r in refused] == [
        "handover_scanned_twice", "handover_on_other_manifest", "handover_already_shipped",
        "handover_voided", "handover_other_warehouse"]


def test_intercepted_order_must_not_ship(desk):
    service, engine, _ = desk
    with engine.begin() as conn:
        conn.execute(text("UPDATE orders SET status = 'intercepted' WHERE order_id = 'SO-1005'"))
    manifest = service.open(LEAD, "SF")
    assert manifest.expected == 2  # the intercepted parcel is not expected
    verdict = service.scan(LEAD, manifest.manifest_id, "SF100000005")
    assert (verdict.code, str(verdict.sound)) == ("handover_order_stopped", "order_stopped")


def test_only_a_lead_opens_scans_closes_or_reopens(desk):
    service, _, _ = desk
    with pytest.raises(PermissionDenied):
        service.open(PACKER, "SF")
    manifest = service.open(LEAD, "SF")
    for call in (lambda: service.scan(PACKER, manifest.manifest_id, "SF100000001"),
                 lambda: service.close(None, manifest.manifest_id),
                 lambda: service.reopen("B-NOBODY", manifest.manifest_id, "late parcel")):
        with pytest.raises(PermissionDenied):
            call()
    assert service.manifest(manifest.manifest_id).scanned == ()


def test_reopen_is_audited_and_the_second_close_sends_the_full_manifest(desk):
    service, engine, _ = desk
    manifest = service.open(LEAD, "SF")
    service.scan(LEAD, manifest.manifest_id, "SF100000001")
    service.close(LEAD, manifest.manifest_id)
    verdict = service.reopen("B-ADMIN", manifest.manifest_id, "driver came back")
    assert verdict.code == "manifest_reopened"
    assert _rows(engine, "SELECT status FROM parcels WHERE tracking_number = 'SF100000001'") == [
        ("labelled",)]
    assert service.scan(LEAD, manifest.manifest_id, "SF100000005").ok
    assert service.close(LEAD, manifest.manifest_id).verdict.params["scanned"] == 2
    audits = _rows(engine, "SELECT operator, action FROM audit WHERE subject = :m ORDER BY id",
                   m=manifest.manifest_id)
    assert ("B-ADMIN", "manifest_reopened") in audits
    closes = [json.loads(r[0])["tracking_numbers"] for r in _rows(
        engine, "SELECT payload FROM outbox WHERE kind = 'manifest_closed' ORDER BY id")]
    assert [sorted(c) for c in closes] == [["SF100000001"], ["SF100000001", "SF100000005"]]


def test_a_parcel_is_on_one_manifest_only_even_for_a_second_process(desk):
    service, engine, _ = desk
    a = service.open(LEAD, "SF", "a")
    b = service.open(LEAD, "SF", "b")
    service.scan(LEAD, a.manifest_id, "SF100000001")
    pid = _rows(engine, "SELECT id FROM parcels WHERE tracking_number = 'SF100000001'")[0][0]
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:  # the database refuses too
        conn.execute(text("INSERT INTO manifest_parcels VALUES (:m, 'SF100000001', :p, 1, "
                          "'x', 'now')"), {"m": b.manifest_id, "p": pid})


def test_print_writes_the_a4_pdf_and_sends_the_thermal_slip(desk):
    service, _, printer = desk
    manifest = service.open(LEAD, "SF")
    service.scan(LEAD, manifest.manifest_id, "SF100000001")
    service.close(LEAD, manifest.manifest_id)
    outcome = service.print_manifest(manifest.manifest_id, "zh_CN")
    assert outcome.thermal_printed and outcome.pdf_path is not None
    assert outcome.pdf_path.read_bytes().startswith(b"%PDF")
    job = printer.jobs[-1]
    assert job.language == "zpl" and b"^XA" in job.data and manifest.manifest_id in job.description


def test_an_order_stopped_after_its_scan_is_held_back_at_close(desk):
    service, engine, _ = desk
    manifest = service.open(LEAD, "SF")
    assert service.scan(LEAD, manifest.manifest_id, "sf100000001").ok  # Caps Lock: still ours
    assert service.scan(LEAD, manifest.manifest_id, "SF100000005").ok
    with engine.begin() as conn:  # central intercepts SO-1005 while the van is loading
        conn.execute(text("UPDATE orders SET status = 'intercepted' WHERE order_id = 'SO-1005'"))
    result = service.close(LEAD, manifest.manifest_id)
    assert (result.verdict.code, str(result.verdict.sound)) == (
        "manifest_closed_held_back", "order_stopped")
    assert "SF100000005" in result.verdict.message
    assert [line.tracking_number for line in result.manifest.scanned] == ["SF100000001"]
    payload = json.loads(_rows(engine, "SELECT payload FROM outbox WHERE kind = "
                                       "'manifest_closed'")[0][0])
    assert payload["tracking_numbers"] == ["SF100000001"]
    assert dict(_rows(engine, "SELECT tracking_number, status FROM parcels WHERE order_id IN "
                              "('SO-1001', 'SO-1005')")) == {"SF100000001": "shipped",
                                                             "SF100000005": "labelled"}


def test_a_restart_resumes_the_open_manifest_with_its_scans(desk):
    service, engine, printer = desk
    manifest = service.open(LEAD, "SF", "16:00 van")
    service.scan(LEAD, manifest.manifest_id, "SF100000001")
    after = HandoverService(engine, "ST-01", "WH1", printer=printer)  # the station restarted
    again = after.open(LEAD, "SF")  # the lead scans CMD:HANDOVER:SF, no pickup typed
    assert again.manifest_id == manifest.manifest_id
    assert [line.tracking_number for line in again.scanned] == ["SF100000001"]
    other = after.open(LEAD, "SF", "18:00 van")  # a second pickup is its own manifest
    assert other.manifest_id != manifest.manifest_id and other.scanned == ()


def test_the_printed_manifest_counts_the_parcels_left_behind(desk):
    """The A4 sheet and the slip always said "Missing 0": the waiting list was read after the
    close had shipped everything."""
    service, _, printer = desk
    manifest = service.open(LEAD, "SF")
    service.scan(LEAD, manifest.manifest_id, "SF100000001")
    closed = service.close(LEAD, manifest.manifest_id)
    assert "2 missing" in closed.verdict.message
    service.print_manifest(manifest.manifest_id, "en")
    slip = printer.jobs[-1].data
    assert b"Expected 3 Scanned 1 Missing 2" in slip, slip[:2000]


def test_a_parcel_taken_onto_another_manifest_meanwhile_is_refused_not_a_crash(desk,
                                                                               monkeypatch):
    """Another bench put the parcel on its manifest between this scan's read and its write:
    a clear refusal (the database's one-manifest rule), never an unhandled error."""
    from dataclasses import replace

    from station.store import parcel_reads

    service, _engine, _printer = desk
    other = service.open(LEAD, "SF", "other van").manifest_id
    assert service.scan(LEAD, other, "SF100000001").code == "handover_accepted"
    mine = service.open(LEAD, "SF", "my van").manifest_id
    real = parcel_reads.parcel_facts

    def stale(conn, number):  # what this bench read before the other bench's write
        return replace(real(conn, number), manifest_id=None, manifest_status=None)

    monkeypatch.setattr(parcel_reads, "parcel_facts", stale)
    verdict = service.scan(LEAD, mine, "SF100000001")
    assert verdict.code == "handover_on_other_manifest"
    assert service.manifest(mine).scanned == ()
