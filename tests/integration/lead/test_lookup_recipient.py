"""Lookup by the recipient: a lead types a name (Chinese or Latin, any case or spacing, or its
beginning) or a phone number (as written on a note, or its last four digits) and gets the
orders, masked (脱敏) the way Chinese e-commerce shows them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lead_kit import station_file

from contract import Address, ChangeSet, Order, OrderLine
from station.demo_data import demo_changeset
from station.domain.recipients import mask_name, mask_phone, name_key
from station.services.errors import InvalidInput
from station.services.lookup import LookupService
from station.store.reference import apply_changes

LEAD = "B-LEAD"


def _order(order_id: str, name: str, phone: str, city: str = "北京") -> Order:
    return Order(order_id=order_id, warehouse="WH-SHA", carrier="SF", service="STD",
                 recipient=Address(name=name, phone=phone, line1="1 Road", city=city,
                                   postcode="100000", country="CN"),
                 lines=[OrderLine(line_no=1, sku="MUG-01", quantity=1)])


@pytest.fixture
def service(tmp_path):
    engine = station_file(tmp_path / "station.sqlite3")
    with engine.begin() as conn:
        apply_changes(conn, ChangeSet(cursor="r", orders=[
            _order("SO-2001", "王小明", "138-0013-8000"),
            _order("SO-2002", "王小明", "+86 139 1234 5678", city="上海"),
            _order("SO-2003", "Emma Brown", "+44 20 7946 0000", city="London"),
            _order("SO-2004", "王小红", "(010) 6552 9999"),
        ]))
    yield LookupService(engine)
    engine.dispose()


def _found(service, text):
    return [o.order_id for o in service.find(LEAD, text).orders]


def test_a_name_finds_every_order_of_that_person_masked(service):
    found = service.find(LEAD, "王小明")
    assert found.kind == "recipient"
    assert sorted(o.order_id for o in found.orders) == ["SO-2001", "SO-2002"]
    shown = {o.order_id: o.recipient for o in found.orders}
    assert shown["SO-2001"] == "王*明, 北京 · 138****8000"
    assert "王小明" not in " ".join(shown.values()) and "0013" not in shown["SO-2001"]


def test_latin_names_ignore_case_spacing_and_dots_and_may_be_cut_short(service):
    for typed in ("Emma Brown", "emma  brown", "EMMA.BROWN", "emma b"):
        assert _found(service, typed) == ["SO-2003"], typed
    assert sorted(_found(service, "王小")) == ["SO-2001", "SO-2002", "SO-2004"]


def test_a_phone_as_written_or_its_last_four_digits(service):
    assert _found(service, "13800138000") == ["SO-2001"]
    assert _found(service, "138 0013 8000") == ["SO-2001"]
    assert _found(service, "8000") == ["SO-2001"]
    assert _found(service, "5678") == ["SO-2002"]
    assert _found(service, "010-6552-9999") == ["SO-2004"]
    with pytest.raises(InvalidInput):
        service.find(LEAD, "4321")


def test_recipients_of_orders_synced_before_the_upgrade_are_found(tmp_path):
    """Migration 0011 keys the orders already in the file."""
    from alembic import command
    from sqlalchemy import text

    from station.store.db import alembic_config, create_station_engine

    path = tmp_path / "old.sqlite3"
    engine = create_station_engine(path)
    command.upgrade(alembic_config(engine), "0010_parcel_size")
    with engine.begin() as conn:
        recipient = demo_changeset().orders[0].recipient.model_dump_json()
        conn.execute(text(
            "INSERT INTO orders (order_id, warehouse, status, carrier, service, recipient, "
            "updated_at) VALUES ('SO-OLD', 'WH-SHA', 'released', 'SF', 'STD', :r, 'x')"),
            {"r": recipient})
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        key = conn.execute(text("SELECT recipient_key, phone_tail FROM orders "
                                "WHERE order_id = 'SO-OLD'")).one()
    engine.dispose()
    assert key == ("张伟", "0000")


@given(st.text(min_size=1, max_size=30))
def test_a_name_key_is_stable_and_masking_never_shows_a_whole_name(name):
    assert name_key(name_key(name)) == name_key(name)
    assume("*" not in name)  # a name made of stars would look masked already
    masked = mask_name(name)
    if any(len(word) > 1 for word in name.split()):
        assert masked != name.strip() and masked.count("*") >= 1


@given(st.from_regex(r"\+?\d[\d \-]{7,20}", fullmatch=True))
def test_a_masked_phone_keeps_only_the_first_three_and_last_four_digits(phone):
    masked = mask_phone(phone)
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) < 8:  # too short to show 7 of its digits: nothing is shown
        assert masked == "*" * len(digits)
        return
    assert masked.startswith(digits[:3]) and masked.endswith(digits[-4:])
    assert masked.count("*") == len(digits) - 7
