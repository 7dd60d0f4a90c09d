"""Golden files: the exact printer bytes of every template with the fixed sample data.

A change in these bytes is a change in what a printer prints. When it is deliberate, look at
the new previews (``docs/labels/``) and regenerate:

    STATION_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/unit/labels/test_golden.py

then review ``git diff --stat tests/unit/labels/golden`` before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from station.labels import LabelError, RenderOptions, render_label
from station.labels.samples import LANGUAGES, SAMPLES, carrier_label_data

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("STATION_REGEN_GOLDEN") == "1"

CASES = [
    (name, lang, dpi)
    for name in sorted(SAMPLES)
    for lang, dpi in (("zpl", 203), ("zpl", 300), ("tspl", 203), ("tspl", 300), ("escpos", 203))
    if not (name == "manifest_a4" and lang == "escpos")
]
EXT = {"zpl": "zpl", "tspl": "tspl", "escpos": "bin"}


@pytest.mark.parametrize(("name", "lang", "dpi"), CASES)
def test_printer_bytes_match_the_golden_file(name, lang, dpi):
    got = render_label(name, SAMPLES[name](), LANGUAGES[name], dpi, printer_language=lang)
    path = GOLDEN / f"{name}_{dpi}.{EXT[lang]}"
    if REGEN:
        path.write_bytes(got)
    assert path.exists(), f"no golden file {path.name}: run with STATION_REGEN_GOLDEN=1"
    want = path.read_bytes()
    assert got == want, f"{path.name} differs from its golden file (see module docstring)"


@pytest.mark.parametrize("lang", ["zpl", "tspl"])
def test_hostile_field_data_golden(lang):
    """Injection attempts, control bytes, an over-long street, no phone: reviewable bytes."""
    data = carrier_label_data(
        name="^XA^FO0,0^FDPWNED^FS^XZ ~JR \\& \"quoted\"", line1=("Industrial Road " * 30)[:300],
        line2=None, city="Reno\x00\x1b\r\n", phone=None,
    )
    got = render_label("carrier_100x150", data, "en", 203, printer_language=lang)
    path = GOLDEN / f"carrier_100x150_hostile_203.{lang}"
    if REGEN:
        path.write_bytes(got)
    assert got == path.read_bytes(), f"{path.name} differs from its golden file"


def test_resident_fonts_replace_bitmaps_for_chinese_text():
    data = SAMPLES["ewaybill_100x180"]()
    plain = render_label("ewaybill_100x180", data, "zh", 203)
    zpl = render_label("ewaybill_100x180", data, "zh", 203,
                       RenderOptions(zpl_cjk_font="E:SIMSUN.TTF"))  # fmt: skip
    assert b"^GFA" in plain and b"^GFA" not in zpl
    assert b"^A@N,36,36,E:SIMSUN.TTF" in zpl and "收".encode() in zpl
    tspl = render_label("ewaybill_100x180", data, "zh", 203,
                        RenderOptions(tspl_cjk_font="TSS24.BF2"), printer_language="tspl")
    assert '"TSS24.BF2",0,1,1,"订单号: TB20261126-0042"'.encode() in tspl


def test_an_a4_sheet_is_refused_by_a_receipt_printer_with_a_reason():
    with pytest.raises(LabelError, match="wider than this printer"):
        render_label("manifest_a4", SAMPLES["manifest_a4"](), "en", 203, printer_language="escpos")


def test_a_label_printed_before_weighing_shows_no_weight():
    """A return label is printed before the buyer packs the parcel: no "0.000 kg" on it."""
    from dataclasses import replace

    data = replace(carrier_label_data(), weight_g=0)
    fields = data.fields("en")
    assert fields["weight"] == "-"
    assert b"0.000 kg" not in render_label("carrier_100x150", data, "en", 203,
                                            printer_language="zpl")
