"""Settings layering and the messages IT sees for a bad value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station.config import ConfigError, DeviceSettings, PrinterSettings, Settings, load_settings
from station.doctor import check_settings


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_overrides_machine_file_and_env_overrides_both(tmp_path):
    machine = write(tmp_path / "m.toml", 'station_id = "ST-M"\nlanguage = "zh_CN"\n')
    user = write(tmp_path / "u.toml", 'station_id = "ST-U"\n[weigh]\ntolerance_g = 40\n')
    loaded = load_settings([machine, user], {"STATION_WEIGH__TOLERANCE_PCT": "2.5"})
    s = loaded.settings
    assert (s.station_id, s.language) == ("ST-U", "zh_CN")
    assert s.weigh.tolerance_g == 40
    assert s.weigh.tolerance_pct == Decimal("2.5")  # Decimal, never float, for tolerances
    assert loaded.sources["station_id"] == str(user)
    assert loaded.sources["language"] == str(machine)
    assert loaded.sources["weigh.tolerance_pct"] == "STATION_WEIGH__TOLERANCE_PCT"


def test_missing_files_fall_back_to_defaults(tmp_path):
    loaded = load_settings([tmp_path / "absent.toml"], {})
    assert loaded.files == []
    assert loaded.settings.central.url == "http://127.0.0.1:8700"


def test_bad_value_names_file_and_key(tmp_path):
    f = write(tmp_path / "station.toml", "[central]\nurl = 'ftp://wms'\n")
    with pytest.raises(ConfigError) as err:
        load_settings([f], {})
    assert str(f) in str(err.value) and "central.url" in str(err.value)


def test_unknown_key_is_reported_not_ignored(tmp_path):
    f = write(tmp_path / "station.toml", "[weigh]\ntolerence_g = 5\n")
    with pytest.raises(ConfigError, match=r"weigh\.tolerence_g.*unknown setting"):
        load_settings([f], {})


def test_corrupt_toml_is_a_config_error_with_the_file(tmp_path):
    f = write(tmp_path / "station.toml", "station_id = [unclosed\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings([f], {})


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="STATION_IDLE_LOCK_MINUTES"):
        load_settings([], {"STATION_IDLE_LOCK_MINUTES": "forever"})


def test_secrets_in_environment_are_not_settings():
    loaded = load_settings([], {"STATION_API_TOKEN": "s3cret"})
    assert "api_token" not in loaded.sources


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_file_content_is_either_settings_or_a_config_error(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("cfg") / "station.toml"
    f.write_bytes(data)
    try:
        load_settings([f], {})
    except ConfigError as exc:
        assert str(exc)


def test_server_test_and_hardware_variables_are_not_station_settings():
    env = {
        "STATION_CENTRAL_DB": "sqlite:///c.db",  # the central server's own
        "STATION_TEST_PG_URL": "postgresql://x",
        "STATION_HW_SCALE": "serial:///dev/ttyUSB0|mt-sics",
        "STATION_REGEN_GOLDEN": "1",
        "STATION_CENTRAL__URL": "https://wms:8700",  # but a nested station setting still counts
    }
    loaded = load_settings([], env)
    assert loaded.settings.central.url == "https://wms:8700"
    assert set(loaded.sources) == {"central.url"}


# --- printer resolution, resident CJK font, label template per carrier ---------------------


def test_printer_dpi_and_cjk_font_from_the_settings_file(tmp_path):
    f = write(tmp_path / "station.toml",
              '[printer]\nprotocol = "zpl"\ndpi = 300\ncjk_font = "E:SIMSUN.TTF"\n')  # fmt: skip
    loaded = load_settings([f], {"STATION_PRINTER__DPI": "203"})
    assert loaded.settings.printer.dpi == 203  # the variable wins, as for every setting
    assert loaded.settings.printer.cjk_font == "E:SIMSUN.TTF"
    assert loaded.sources["printer.cjk_font"] == str(f)
    # `station doctor` lists every key set and where it came from
    assert f"printer.cjk_font={f}" in check_settings(loaded).detail
    assert "printer.dpi=STATION_PRINTER__DPI" in check_settings(loaded).detail


@pytest.mark.parametrize(
    ("toml", "key", "why"),
    [
        ("[printer]\ndpi = 600\n", "printer.dpi", "203 or 300"),
        ('[printer]\nprotocol = "zpl"\ncjk_font = "SIMSUN"\n', "printer.cjk_font", "E:SIMSUN"),
        ('[printer]\ncjk_font = "E:X.TTF^FS^XA"\n', "printer.cjk_font", "ZPL font name"),
        ('[printer]\nprotocol = "tspl"\ncjk_font = "TSS24\\"X"\n', "printer.cjk_font", "TSPL"),
        ('[printer]\nprotocol = "escpos"\ncjk_font = "E:A.TTF"\n', "printer.cjk_font", "only"),
        ('[labels]\ncarrier_templates = {SF = "nope"}\n', "labels.carrier_templates",
         "no label template"),
        ('[labels]\ncarrier_templates = {SF = "sku_50x30"}\n', "labels.carrier_templates",
         "not a parcel label"),
        ('[labels]\ndefault_template = "../etc/passwd"\n', "labels.default_template",
         "no label template"),
        ('[labels]\ntemplate = "carrier_100x150"\n', "labels.template", "unknown setting"),
    ],
)  # fmt: skip
def test_bad_printer_and_label_settings_name_file_and_key(tmp_path, toml, key, why):
    f = write(tmp_path / "station.toml", toml)
    with pytest.raises(ConfigError) as err:
        load_settings([f], {})
    assert str(f) in str(err.value) and key in str(err.value) and why in str(err.value)


def test_carrier_templates_add_to_the_built_in_choice(tmp_path):
    toml = '[labels]\ncarrier_templates = {dhl = "ewaybill_100x180", SF = "carrier_100x150"}\n'
    f = write(tmp_path / "station.toml", toml)
    templates = load_settings([f], {}).settings.labels.carrier_templates
    assert templates["DHL"] == "ewaybill_100x180"  # codes are case-insensitive
    assert templates["SF"] == "carrier_100x150"  # replaced
    assert templates["EMS"] == templates["ZTO"] == "ewaybill_100x180"  # kept


def test_a_plain_device_section_is_a_printer_with_default_resolution_and_no_font():
    s = Settings(printer=DeviceSettings(uri="tcp://10.0.5.21:9100", protocol="zpl"))
    assert isinstance(s.printer, PrinterSettings)
    assert (s.printer.uri, s.printer.dpi, s.printer.cjk_font) == ("tcp://10.0.5.21:9100", 203, None)
