"""Layout rules a packer sees: wrapping, truncation, pages, pictures, template errors."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from station.labels import LabelError, build_label, render_label
from station.labels import templates as templates_mod
from station.labels.api import render_pages
from station.labels.layout import TextRun, lay_out
from station.labels.model import Barcode, Label, Text
from station.labels.model import Image as PictureElement
from station.labels.readback import zpl_graphics
from station.labels.samples import manifest_data
from station.labels.text import clean_text, measure, wrap


def test_clean_text_keeps_words_and_drops_control_and_bidi_marks():
    assert clean_text("Jane\x00\tDoe\r\n\u202eevil\u202c\x7f\x85end") == "Jane Doe evil end"
    assert clean_text(None) == ""


def test_chinese_text_wraps_between_characters_and_latin_at_spaces():
    m = measure(24, False)
    lines = wrap("广东省深圳市南山区科技园南区深南大道10000号腾讯大厦", 240, 3, m)
    assert len(lines) == 3 and all(m.width(line) <= 240 for line in lines)
    assert "".join(lines).startswith("广东省深圳市")
    latin = wrap("Warehouse Way Building Seven", 200, 3, m)
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in latin)
    assert " ".join(latin) == "Warehouse Way Building Seven"


def test_text_that_does_not_fit_ends_with_an_ellipsis_within_the_box():
    m = measure(24, True)
    lines = wrap("W" * 200, 300, 2, m)
    assert len(lines) == 2 and lines[-1].endswith("...")
    assert all(m.width(line) <= 300 for line in lines)


def _label(*elements):
    return Label("test", 60, 40, tuple(elements))


def test_empty_text_still_holds_its_place_in_the_printer_program():
    laid = lay_out(_label(Text(x=2, y=2, w=50, text="\x00\x01 ")), 203)
    assert [r.text for r in laid.runs if isinstance(r, TextRun)] == [""]
    zpl = render_pages([laid], "zpl")
    assert zpl.count(b"^FD") == 1


def test_a_too_long_linear_barcode_is_refused_not_cut():
    label = _label(Barcode(x=2, y=2, symbology="code128", data="A" * 40, module=0.5, max_w=30))
    with pytest.raises(LabelError, match="too long to fit"):
        lay_out(label, 203)


def test_a_template_picture_is_loaded_from_beside_the_template(tmp_path, monkeypatch):
    logo = Image.new("1", (16, 16), 0)
    logo.save(tmp_path / "logo.png")
    (tmp_path / "logo.toml").write_text(
        'kind = "parcel"\nwidth = 50\nheight = 30\n'
        '[[elements]]\ntype = "image"\nx = 1\ny = 1\nw = 4\nh = 4\npath = "logo.png"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(templates_mod, "TEMPLATE_DIR", tmp_path)
    templates_mod.load_template.cache_clear()
    try:
        [(x, y, img)] = zpl_graphics(render_label("logo", {}, "en", 203))
        assert (x, y) == (8, 8) and img.size == (32, 32)  # 4 mm at 8 dots/mm
        assert img.getbbox() is None  # all black
    finally:
        templates_mod.load_template.cache_clear()


def test_a_picture_is_printed_as_a_graphic_and_previewed():
    logo = Image.new("L", (40, 20), 255)
    logo.paste(0, (0, 0, 20, 20))
    buf = io.BytesIO()
    logo.save(buf, format="PNG")
    laid = lay_out(_label(PictureElement(x=2, y=2, w=10, h=5, png=buf.getvalue())), 203)
    [(x, y, img)] = zpl_graphics(render_pages([laid], "zpl"))
    assert (x, y) == (16, 16) and img.getbbox() is not None
    png = Image.open(io.BytesIO(render_pages([laid], "png"))).convert("L")
    assert png.getpixel((20, 20)) == 0 and png.getpixel((400, 300)) == 255
    with pytest.raises(LabelError, match="picture"):
        lay_out(_label(PictureElement(x=2, y=2, w=10, h=5, png=b"not a png")), 203)


def test_a_long_manifest_spreads_over_numbered_pages():
    pages = build_label("manifest_a4", manifest_data(80), "en")
    assert len(pages) == 3
    footers = [e.text for p in pages for e in p.elements
               if isinstance(e, Text) and "page" in e.text]  # fmt: skip
    assert footers[-1].endswith("page 3/3")
    zpl = render_label("manifest_a4", manifest_data(80), "en", 203)
    assert zpl.count(b"^XA") == 3 and zpl.count(b"^XZ") == 3
    pdf = render_label("manifest_a4", manifest_data(80), "en", 203, printer_language="pdf")
    import pypdfium2

    assert len(pypdfium2.PdfDocument(pdf)) == 3


def test_unknown_or_broken_templates_are_clear_errors(tmp_path, monkeypatch):
    with pytest.raises(LabelError, match="no label template"):
        build_label("../../etc/passwd", {})
    (tmp_path / "broken.toml").write_text('kind = "parcel"\nwidth = 100\n', encoding="utf-8")
    (tmp_path / "escape.toml").write_text(
        'kind = "parcel"\nwidth = 50\nheight = 30\n'
        '[[elements]]\ntype = "image"\nx = 1\ny = 1\nw = 9\nh = 9\npath = "../secret.png"\n',
        encoding="utf-8",
    )
    (tmp_path / "typo.toml").write_text(
        'kind = "parcel"\nwidth = 50\nheight = 30\n'
        '[[elements]]\ntype = "text"\nx = 1\ny = 1\nw = 40\ntext = "{no_such_field}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(templates_mod, "TEMPLATE_DIR", tmp_path)
    templates_mod.load_template.cache_clear()
    try:
        with pytest.raises(LabelError, match="broken"):
            build_label("broken", {})
        with pytest.raises(LabelError, match="no_such_field"):
            build_label("typo", {})
        with pytest.raises(LabelError, match="beside the template"):
            build_label("escape", {})
    finally:
        templates_mod.load_template.cache_clear()


def test_unsupported_resolution_is_refused():
    with pytest.raises(LabelError, match="203 or 300"):
        lay_out(_label(Text(x=2, y=2, w=50, text="x")), 150)
