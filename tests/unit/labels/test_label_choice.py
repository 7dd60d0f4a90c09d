"""Label choice per carrier and printer, and what it makes the printer print."""

from __future__ import annotations

import pytest

from station.config import Settings, load_settings
from station.labels import render_label
from station.labels.choice import LabelSetup, label_setup
from station.labels.options import RenderOptions
from station.labels.samples import carrier_label_data, ewaybill_data


def settings_from(tmp_path, text: str) -> Settings:
    path = tmp_path / "station.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings([path], {}).settings


@pytest.mark.parametrize("code", ["SF", "sf", "EMS", "ZTO", "YTO", "STO", "YUNDA", "JD", "JT",
                                  "DBL", "BEST", "CAINIAO"])  # fmt: skip
def test_chinese_carriers_get_the_100x180_ewaybill(code):
    assert label_setup(Settings(), code).template == "ewaybill_100x180"


def test_other_carriers_get_100x150_unless_based_in_china():
    assert label_setup(Settings(), "UPS").template == "carrier_100x150"
    assert label_setup(Settings(), "UPS", "US").template == "carrier_100x150"
    assert label_setup(Settings(), "KERRY-CN", "cn").template == "ewaybill_100x180"


def test_defaults_are_203_dpi_and_bitmaps_for_chinese_text():
    assert label_setup(Settings(), "SF") == LabelSetup("ewaybill_100x180", 203, RenderOptions())


def test_a_300_dpi_zpl_printer_with_a_resident_font_prints_the_ewaybill_with_it(tmp_path):
    settings = settings_from(tmp_path, '[printer]\nprotocol = "zpl"\ndpi = 300\n'
                                       'cjk_font = "E:SIMSUN.TTF"\n')  # fmt: skip
    setup = label_setup(settings, "SF")
    assert setup.options == RenderOptions(zpl_cjk_font="E:SIMSUN.TTF")
    job = render_label(setup.template, ewaybill_data(), "zh", setup.dpi, setup.options)
    assert b"^PW1200\n^LL2160\n" in job  # 100 x 180 mm at 12 dots/mm
    assert b",E:SIMSUN.TTF^FB" in job and b"^GFA" not in job


def test_a_tspl_printer_gets_its_gb_font_and_a_zpl_option_stays_unset(tmp_path):
    settings = settings_from(tmp_path, '[printer]\nprotocol = "tspl"\ncjk_font = "TSS24.BF2"\n')
    setup = label_setup(settings, "UPS")
    assert setup.options == RenderOptions(tspl_cjk_font="TSS24.BF2")
    job = render_label(setup.template, carrier_label_data(), "en", setup.dpi, setup.options,
                       printer_language="tspl")  # fmt: skip
    assert job.startswith(b"SIZE 100 mm,150 mm\r\n")


def test_station_toml_overrides_a_carriers_template(tmp_path):
    settings = settings_from(tmp_path, '[labels]\ncarrier_templates = {SF = "carrier_100x150"}\n'
                                       'default_template = "ewaybill_100x180"\n')  # fmt: skip
    assert label_setup(settings, "sf").template == "carrier_100x150"
    assert label_setup(settings, "UPS").template == "ewaybill_100x180"
