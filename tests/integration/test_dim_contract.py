"""DIM weight on the wire and in the station store: optional, backward compatible."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from contract import Carrier, LabelPrinted, ShipmentRequest
from station.demo_data import demo_changeset
from station.store.db import create_station_engine, upgrade
from station.store.reference import apply_changes
from station.store.tables import carriers


def test_carriers_divisor_reaches_the_station_table(tmp_path):
    engine = create_station_engine(tmp_path / "s.sqlite3")
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
        rows = dict(conn.execute(select(carriers.c.code, carriers.c.dim_divisor)).all())
    assert rows == {"EMS": 5000, "SF": 6000, "OWN": None}  # own fleet: billed by weight
    engine.dispose()


def test_old_payloads_without_dim_fields_still_validate():
    old = {"order_id": "SO-1", "parcel_no": 1, "tracking_number": "SF1", "carrier": "SF",
           "service": "STD", "weight_g": 900, "source": "pool"}
    assert LabelPrinted.model_validate(old).billed_weight_g is None
    assert Carrier.model_validate({"code": "SF", "name": "SF"}).dim_divisor is None
    req = ShipmentRequest(order_id="SO-1", parcel_no=1, parcel_count=1, carrier="SF",
                          service="STD", weight_g=900)
    assert req.dim_weight_g is None


def test_new_payload_carries_dims_dim_and_billed_weight():
    label = LabelPrinted(order_id="SO-1", parcel_no=1, tracking_number="SF1", carrier="SF",
                         service="STD", weight_g=800, source="pool", length_mm=400,
                         width_mm=300, height_mm=200, dim_weight_g=4000, billed_weight_g=4000)
    assert label.model_dump()["billed_weight_g"] == 4000
    with pytest.raises(ValidationError):
        Carrier(code="X", name="X", dim_divisor=0)
