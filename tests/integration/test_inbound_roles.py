"""Roles are checked in the receiving/returns services, not only in the UI; a refused write
leaves the open receipt as the store holds it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from contract import Barcode, ChangeSet, InboundLine, InboundNotice, Location, Product
from station.domain.model import Operator, Role
from station.services.errors import NotLoggedIn, PermissionDenied, StoreUnavailable
from station.services.receiving import ReceivingService
from station.services.returns import ReturnsService
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes

NOTICE = InboundNotice(notice_id="ASN-1", warehouse="WH",
                       lines=[InboundLine(sku="BOLT", quantity=5)])


@pytest.fixture
def engine(tmp_path):
    eng = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(eng)
    product = Product(sku="BOLT", name="Bolt", barcodes=[Barcode(code="4006381333931")],
                      unit_weight_g=5, length_mm=1, width_mm=1, height_mm=1)
    with eng.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="1", products=[product],
                                      locations=[Location(code="A-1")]))
    yield eng
    eng.dispose()


def test_nobody_logged_in_or_an_inactive_badge_cannot_receive_or_return(engine):
    who: dict[str, Operator | None] = {"op": None}
    receiving = ReceivingService(engine, "ST", lambda: who["op"])
    returns = ReturnsService(engine, "ST", lambda: who["op"])
    with pytest.raises(NotLoggedIn):
        receiving.open_notice("ASN-1", NOTICE)
    with pytest.raises(NotLoggedIn):
        returns.scan("SO-1")
    who["op"] = Operator("P9", "Gone", Role.PACKER, active=False)
    with pytest.raises(PermissionDenied):
        receiving.open_notice("ASN-1", NOTICE)
    with pytest.raises(PermissionDenied):
        returns.fetch("SO-1")
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM receipts")) == 0
    receiving.close()
    returns.close()


def test_a_refused_write_changes_nothing_on_screen_or_disk(engine):
    who = Operator("P1", "Pat", Role.PACKER)
    receiving = ReceivingService(engine, "ST", lambda: who)
    receiving.open_notice("ASN-1", NOTICE)
    receiving.scan("4006381333931")
    with engine.begin() as conn:  # the disk refuses the next fact (as a full or locked disk)
        conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON receipt_scans "
                          "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"))
    with pytest.raises(StoreUnavailable):
        receiving.scan("4006381333931")
    assert receiving.receipt is not None and receiving.receipt.counted == {"BOLT": 1}
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse"))
    assert receiving.scan("4006381333931").code == "counted_scan_location"
    assert receiving.receipt.counted == {"BOLT": 2}
    receiving.close()


def test_a_badge_scanned_while_receiving_is_not_counted_as_an_unknown_item(engine):
    from contract import Operator as OperatorRow

    with engine.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="2", operators=[
            OperatorRow(badge="L7", name="Lee", role="lead")]))
    who = Operator("P1", "Pat", Role.PACKER)
    receiving = ReceivingService(engine, "ST", lambda: who)
    receiving.open_notice("ASN-1", NOTICE)
    assert receiving.scan("L7").code == "badge_not_here"
    assert receiving.receipt is not None and receiving.receipt.unknown == {}
    receiving.close()
