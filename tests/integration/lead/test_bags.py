"""Handover by bag (集包) on a real station SQLite file: parcels into a bag, the seal, one
scan of the sealed bag hands them all over; an order intercepted after bagging stops the bag
until the parcel is taken out; the A4 sheet lists each parcel's bag and the bags' seals."""

from __future__ import annotations

import json

import pytest
from lead_kit import labelled_parcel, station_file
from pypdfium2 import PdfDocument
from sqlalchemy import text

from station.services.handover import HandoverService

LEAD = "B-LEAD"


@pytest.fixture
def desk(tmp_path):
    engine = station_file(tmp_path / "station.sqlite3")
    for order, number in (("SO-1001", "SF100000001"), ("SO-1004", "SF100000004"),
                          ("SO-1005", "SF100000005")):
        labelled_parcel(engine, order, number, 800)
    labelled_parcel(engine, "SO-1002", "EE100000002CN", 2300, carrier="EMS")
    service = HandoverService(engine, "ST-01", "WH1", pdf_folder=tmp_path / "manifests")
    yield service, engine
    engine.dispose()


def _codes(service, manifest_id, *scans, out=False):
    return [service.scan(LEAD, manifest_id, s, out_of_bag=out).code for s in scans]


def test_bag_filled_sealed_and_handed_over_by_one_scan(desk, tmp_path):
    service, engine = desk
    manifest = service.open(LEAD, "SF", "16:00 · 沪A-12345")
    m = manifest.manifest_id
    assert _codes(service, m, "bag-0001", "SF100000001", "SF100000004", "SF100000004",
                  "EE100000002CN") == ["bag_opened", "bag_parcel_added", "bag_parcel_added",
                                       "bag_parcel_twice", "handover_other_carrier"]
    assert service.manifest(m).scanned == ()  # bagged, not yet handed over
    assert _codes(service, m, "BAG-0002") == ["bag_seal_first"]
    assert _codes(service, m, "SEAL:", "SEAL:SL-778899") == ["bag_bad_seal", "bag_sealed"]
    # a bagged parcel scanned on its own goes with its bag
    assert _codes(service, m, "SF100000001") == ["handover_in_bag"]
    handed = service.scan(LEAD, m, "BAG-0001")
    assert handed.code == "bag_handed_over" and handed.params["n"] == 2
    assert "SL-778899" in handed.message
    assert {line.tracking_number for line in service.manifest(m).scanned} == {
        "SF100000001", "SF100000004"}
    assert _codes(service, m, "BAG-0001", "SF100000005") == ["bag_scanned_twice",
                                                           "handover_accepted"]
    with engine.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM outbox WHERE kind = "
                                   "'handover_scanned'")).scalar_one()
    assert events == 3  # one per parcel, as a parcel-by-parcel handover sends

    closed = service.close(LEAD, m)
    assert closed.verdict.code == "manifest_closed"
    service.print_manifest(m)
    text_of_sheet = PdfDocument(str(tmp_path / "manifests" / f"{m}.pdf"))[0].get_textpage() \
        .get_text_range()
    assert "BAG-0001 · seal SL-778899 · 2 parcels" in text_of_sheet
    assert text_of_sheet.count("BAG-0001") >= 3  # the summary and each bagged parcel's row


def test_an_order_intercepted_after_bagging_stops_the_bag_until_taken_out(desk):
    service, engine = desk
    m = service.open(LEAD, "SF").manifest_id
    _codes(service, m, "BAG-0009", "SF100000001", "SF100000005", "SEAL:S-001")
    with engine.begin() as conn:  # central intercepts SO-1005 after it was bagged
        conn.execute(text("UPDATE orders SET status = 'intercepted' WHERE order_id = 'SO-1005'"))
    refused = service.scan(LEAD, m, "BAG-0009")
    assert refused.code == "bag_holds_refused" and "SF100000005" in refused.message
    assert service.manifest(m).scanned == ()  # nothing of the bag went
    assert _codes(service, m, "SF100000001", out=True) == ["bag_parcel_removed"]
    assert _codes(service, m, "SF100000005", out=True) == ["bag_parcel_removed"]
    assert _codes(service, m, "SF100000001", "SEAL:S-002", "BAG-0009") == [
        "bag_parcel_added", "bag_sealed", "bag_handed_over"]
    assert [line.tracking_number for line in service.manifest(m).scanned] == ["SF100000001"]
    with engine.connect() as conn:
        seal = conn.execute(text("SELECT seal FROM bags WHERE bag_code = 'BAG-0009'")).scalar()
        refusals = [json.loads(d) for d in conn.execute(text(
            "SELECT detail FROM audit WHERE action = 'handover_refused'")).scalars()]
    assert seal == "S-002"
    assert refusals[0]["code"] == "bag_holds_refused"


def test_the_driver_signs_the_closed_manifest_on_screen(desk, tmp_path):
    """A signature drawn on the bench goes into the driver's box of the A4 sheet with the
    driver's name; its hash is audited; an open manifest cannot be signed."""
    import io

    from PIL import Image, ImageDraw

    service, engine = desk
    m = service.open(LEAD, "SF").manifest_id
    picture = Image.new("RGB", (520, 180), "white")
    ImageDraw.Draw(picture).line([(20, 150), (200, 40), (380, 150), (500, 60)], fill="black",
                                 width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    png = buffer.getvalue()
    assert service.sign(LEAD, m, "Li Wei", png).code == "sign_after_close"
    service.scan(LEAD, m, "SF100000001")
    service.close(LEAD, m)
    service.print_manifest(m)
    sheet = tmp_path / "manifests" / f"{m}.pdf"
    unsigned = PdfDocument(str(sheet))[0]
    images_before = sum(1 for o in unsigned.get_objects() if o.type == 3)  # FPDF_PAGEOBJ_IMAGE
    signed = service.sign(LEAD, m, "  Li   Wei ", png)
    assert signed.code == "manifest_signed" and "Li Wei" in signed.message
    page = PdfDocument(str(sheet))[0]
    assert sum(1 for o in page.get_objects() if o.type == 3) == images_before + 1
    assert "Li Wei" in page.get_textpage().get_text_range()
    with engine.connect() as conn:
        detail = json.loads(conn.execute(text(
            "SELECT detail FROM audit WHERE action = 'manifest_signed'")).scalar_one())
    import hashlib

    assert detail == {"driver": "Li Wei", "sha256": hashlib.sha256(png).hexdigest()}


def test_re_weighing_at_the_handover_stops_a_parcel_that_lost_weight(tmp_path):
    """[handover] reweigh: each parcel is weighed again as the driver takes it; 800 g packed,
    805 g now passes, 450 g (an item taken out) is a stop, audited; no reading asks for one.
    A sealed bag may weigh its parcels plus the bag."""
    from station.domain.model import Tolerance

    engine = station_file(tmp_path / "station.sqlite3")
    for order, number in (("SO-1001", "SF100000001"), ("SO-1004", "SF100000004"),
                          ("SO-1005", "SF100000005")):
        labelled_parcel(engine, order, number, 800)
    service = HandoverService(engine, "ST-01", "WH1", reweigh=Tolerance(30, None),
                              bag_tare_g=300)
    try:
        m = service.open(LEAD, "SF").manifest_id
        assert service.scan(LEAD, m, "SF100000001").code == "reweigh_needed"
        assert service.scan(LEAD, m, "SF100000001", weight_g=450).code == "reweigh_mismatch"
        assert service.scan(LEAD, m, "SF100000001", weight_g=805).code == "handover_accepted"
        _codes(service, m, "BAG-0100", "SF100000004", "SF100000005", "SEAL:S-100")
        assert service.scan(LEAD, m, "BAG-0100", weight_g=1200).code == "reweigh_mismatch"
        handed = service.scan(LEAD, m, "BAG-0100", weight_g=1600 + 250)
        assert handed.code == "bag_handed_over"
        with engine.connect() as conn:
            codes = [json.loads(d)["code"] for d in conn.execute(text(
                "SELECT detail FROM audit WHERE action = 'handover_refused'")).scalars()]
        assert codes == ["reweigh_mismatch", "reweigh_mismatch"]
    finally:
        engine.dispose()


def test_a_bag_whose_parcel_was_taken_meanwhile_hands_over_nothing(desk, monkeypatch):
    """Another bench put a bagged parcel on its manifest between this scan's read and its
    write: nothing of the bag goes, and the lead is told to scan it again (a clear refusal,
    never an unhandled error)."""
    from dataclasses import replace

    from station.store import bag_store

    service, engine = desk
    m = service.open(LEAD, "SF").manifest_id
    _codes(service, m, "BAG-0300", "SF100000001", "SF100000004", "SEAL:S-300")
    other = service.open(LEAD, "SF", "other van").manifest_id
    with engine.begin() as conn:  # the other bench's write, after our read
        conn.execute(text("INSERT INTO manifest_parcels (manifest_id, tracking_number, "
                          "parcel_id, weight_g, scanned_by, scanned_at) SELECT :m, "
                          "tracking_number, id, actual_g, 'L2', 'x' FROM parcels WHERE "
                          "tracking_number = 'SF100000004'"), {"m": other})
    real = bag_store.parcel_facts
    monkeypatch.setattr(bag_store, "parcel_facts", lambda conn, bag: [
        replace(f, manifest_id=None, manifest_status=None) for f in real(conn, bag)])
    assert service.scan(LEAD, m, "BAG-0300").code == "bag_parcel_taken"
    assert service.manifest(m).scanned == ()
    with engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM bags WHERE bag_code = 'BAG-0300'"))
        assert status.scalar_one() == "sealed"
