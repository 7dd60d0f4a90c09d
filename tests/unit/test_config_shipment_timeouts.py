"""The ``[central]`` label-request timeouts: defaults, overrides, and bad values named."""

from __future__ import annotations

import pytest

from station.config import ConfigError, load_settings


def test_defaults_keep_the_one_second_promise(tmp_path):
    central = load_settings([tmp_path / "absent.toml"], {}).settings.central
    assert central.shipment_connect_timeout_s == 0.5
    assert central.shipment_read_timeout_s == 5.0


def test_file_and_environment_set_them(tmp_path):
    f = tmp_path / "station.toml"
    f.write_text("[central]\nshipment_connect_timeout_s = 0.3\n", encoding="utf-8")
    loaded = load_settings([f], {"STATION_CENTRAL__SHIPMENT_READ_TIMEOUT_S": "8"})
    assert loaded.settings.central.shipment_connect_timeout_s == 0.3
    assert loaded.settings.central.shipment_read_timeout_s == 8.0
    assert loaded.sources["central.shipment_read_timeout_s"] == (
        "STATION_CENTRAL__SHIPMENT_READ_TIMEOUT_S")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("shipment_connect_timeout_s", "0"),
        ("shipment_connect_timeout_s", "30"),  # a long connect wait breaks the 1 s promise
        ("shipment_read_timeout_s", "-1"),
        ("shipment_read_timeout_s", "600"),
        ("shipment_read_timeout_s", "'soon'"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path, key, value):
    f = tmp_path / "station.toml"
    f.write_text(f"[central]\n{key} = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings([f], {})
    assert str(f) in str(err.value) and f"central.{key}" in str(err.value)
