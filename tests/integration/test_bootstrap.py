"""Wiring from settings: what the bench's devices and database get."""

from __future__ import annotations

from station.bootstrap import device_configs
from station.config import load_settings
from station.store.db import create_station_engine, schema_is_current, upgrade


def test_scale_gate_and_protocols_come_from_the_settings():
    settings = load_settings(
        [],
        {
            "STATION_SCALE__URI": "serial:///dev/ttyUSB0?baudrate=9600",
            "STATION_SCALE__PROTOCOL": "toledo-8213",
            "STATION_PRINTER__URI": "tcp://127.0.0.1:9100",
            "STATION_PRINTER__PROTOCOL": "tspl",
            "STATION_WEIGH__STABLE_BAND_G": "5",
            "STATION_WEIGH__STABLE_READINGS": "4",
        },
    ).settings
    scale, printer = device_configs(settings)
    assert scale.options["protocol"] == "toledo-8213"
    assert (scale.options["stable_band_mg"], scale.options["stable_readings"]) == (5000, 4)
    assert printer.options["language"] == "tspl"
    assert device_configs(load_settings([], {}).settings) == []  # nothing configured


def test_schema_is_current_only_after_every_migration(tmp_path):
    path = tmp_path / "station.sqlite3"
    assert not schema_is_current(path)  # no file yet
    engine = create_station_engine(path)
    upgrade(engine, "0002_pack")
    assert not schema_is_current(path)  # an older station's file
    upgrade(engine)
    assert schema_is_current(path)
    engine.dispose()
