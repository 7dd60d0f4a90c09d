"""Render every template, decode every barcode with zxing-cpp, get exactly the data back.

Covers PNG previews and PDFs (rasterised with pdfium) at 203 and 300 dpi, the ESC/POS
raster, carrier-provided PDF labels, and the ``^GFA`` bitmaps of Chinese text.
"""

from __future__ import annotations

import base64
import io
from collections import Counter

import pytest
import zxingcpp
from PIL import Image

from contract import Shipment
from station.labels import (
    LabelError,
    build_label,
    carrier_label_for_printer,
    rasterise_pdf,
    render_label,
    render_preview_png,
)
from station.labels.layout import lay_out
from station.labels.model import Barcode
from station.labels.raster import rasterise
from station.labels.readback import escpos_raster, tspl_commands, zpl_graphics
from station.labels.samples import LANGUAGES, SAMPLES

# zxing-cpp symbology identifiers: GS1 must come back flagged as GS1 (FNC1 first).
AIM = {"code128": "]C0", "gs1_128": "]C1", "qr": "]Q", "datamatrix": "]d1",
       "gs1_datamatrix": "]d2", "pdf417": "]L"}  # fmt: skip


def expected_codes(name: str) -> Counter[tuple[str, str]]:
    pages = build_label(name, SAMPLES[name](), LANGUAGES[name])
    return Counter(
        (AIM[e.symbology], e.data) for e in pages[0].elements if isinstance(e, Barcode)
    )


def decoded_codes(img: Image.Image) -> Counter[tuple[str, str]]:
    found = zxingcpp.read_barcodes(img.convert("L"))
    return Counter((r.symbology_identifier[:2] if r.symbology_identifier.startswith(("]Q", "]L"))
                    else r.symbology_identifier, r.text) for r in found)  # fmt: skip


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_png_preview_barcodes_decode_to_exactly_their_data(name, dpi):
    png = render_preview_png(name, SAMPLES[name](), LANGUAGES[name], dpi)
    img = Image.open(io.BytesIO(png))
    assert round(img.info["dpi"][0]) == dpi
    want = expected_codes(name)
    assert want, "every template carries at least one barcode"
    assert decoded_codes(img) == want


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pdf_barcodes_decode_after_rasterising(name, dpi):
    pdf = render_label(name, SAMPLES[name](), LANGUAGES[name], dpi, printer_language="pdf")
    assert pdf.startswith(b"%PDF")
    assert decoded_codes(rasterise_pdf(pdf, dpi)) == expected_codes(name)


def test_pdf_text_is_real_text_with_the_chinese_font_embedded():
    import pypdfium2

    pdf = render_label("ewaybill_100x180", SAMPLES["ewaybill_100x180"](), "zh", 300,
                       printer_language="pdf")  # fmt: skip
    doc = pypdfium2.PdfDocument(pdf)
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    assert "顺丰速运" in text and "张* 138****5678" in text and "13812345678" not in text


def test_chinese_text_in_a_qr_code_comes_back_intact():
    got = decoded_codes(Image.open(io.BytesIO(
        render_preview_png("ewaybill_100x180", SAMPLES["ewaybill_100x180"](), "zh", 203))))
    qr = [text for (aim, text) in got if aim == "]Q"]
    assert qr == ["SF1402345678901 TB20261126-0042 张* 518057 深圳市 广东省"]


@pytest.mark.parametrize("name", ["carrier_100x150", "ewaybill_100x180", "sku_50x30"])
def test_escpos_raster_prints_the_same_picture_as_the_preview(name):
    data = SAMPLES[name]()
    job = render_label(name, data, LANGUAGES[name], 203, printer_language="escpos")
    printed = escpos_raster(job)
    preview = rasterise(lay_out(build_label(name, data, LANGUAGES[name])[0], 203))
    assert printed.crop((0, 0, *preview.size)).tobytes() == preview.tobytes()
    assert decoded_codes(printed) == expected_codes(name)


def test_zpl_bitmaps_of_chinese_text_show_exactly_the_preview_pixels():
    data = SAMPLES["ewaybill_100x180"]()
    zpl = render_label("ewaybill_100x180", data, "zh", 203)
    preview = rasterise(lay_out(build_label("ewaybill_100x180", data, "zh")[0], 203))
    graphics = zpl_graphics(zpl)
    assert len(graphics) >= 10
    for x, y, img in graphics:
        w, h = img.size
        region = preview.crop((x, y, x + w, y + h))
        ink = [i for i, v in enumerate(img.convert("L").tobytes()) if v == 0]
        preview_px = region.convert("L").tobytes()
        assert ink, (x, y)
        # Every dot of the bitmap is a dot of the preview; the text's dots are all there.
        assert all(preview_px[i] == 0 for i in ink), (x, y)
        assert len(ink) >= 0.97 * preview_px.count(0), (x, y)


def test_tspl_bitmaps_and_native_commands_parse_back():
    program = render_label("ewaybill_100x180", SAMPLES["ewaybill_100x180"](), "zh", 203,
                           printer_language="tspl")  # fmt: skip
    names = [n for n, _ in tspl_commands(program)]
    assert names[:6] == ["SIZE", "GAP", "DIRECTION", "REFERENCE", "CODEPAGE", "CLS"]
    assert "BITMAP" in names and "BARCODE" in names and "QRCODE" in names
    assert names[-1] == "PRINT"


# --- carrier-provided labels ---------------------------------------------------------------
CARRIER_ZPL = "^XA^FO50,50^BCN,100^FD1Z999AA10123456784^FS^XZ"


def test_carrier_zpl_goes_unchanged_to_a_zpl_printer():
    shipment = Shipment(tracking_number="1Z999AA10123456784", carrier="ups", service="GND",
                        label_format="zpl", label_data=CARRIER_ZPL)  # fmt: skip
    assert carrier_label_for_printer(shipment, "zpl") == CARRIER_ZPL.encode()
    with pytest.raises(LabelError, match="ZPL label but this printer speaks TSPL"):
        carrier_label_for_printer(shipment, "tspl")
    reset = shipment.model_copy(update={"label_data": CARRIER_ZPL.replace("^XZ", "~JR^XZ")})
    with pytest.raises(LabelError, match="device commands"):
        carrier_label_for_printer(reset, "zpl")


@pytest.mark.parametrize("printer", ["zpl", "tspl", "escpos", "png"])
def test_carrier_pdf_is_rasterised_for_thermal_printers(printer):
    pdf = render_label("carrier_100x150", SAMPLES["carrier_100x150"](), "en", 203,
                       printer_language="pdf")  # fmt: skip
    shipment = Shipment(tracking_number="1Z999AA10123456784", carrier="ups", service="GND",
                        label_format="pdf", label_data=base64.b64encode(pdf).decode())  # fmt: skip
    job = carrier_label_for_printer(shipment, printer, 203)
    if printer == "zpl":
        [(_, _, img)] = zpl_graphics(job)
    elif printer == "tspl":
        import re

        per_row, rows = map(int, re.search(rb"BITMAP 0,0,(\d+),(\d+),0,", job).groups())
        start = job.index(b"BITMAP 0,0,") + len(f"BITMAP 0,0,{per_row},{rows},0,")
        raw = job[start : start + per_row * rows]
        img = Image.frombytes("1", (per_row * 8, rows), raw)
    elif printer == "escpos":
        img = escpos_raster(job)
    else:
        img = Image.open(io.BytesIO(job))
    assert abs(img.size[1] - 1200) <= 1  # 150 mm at 8 dots/mm, pdfium rounds up
    assert decoded_codes(img) == expected_codes("carrier_100x150")


def test_damaged_carrier_pdf_is_a_clear_error():
    shipment = Shipment(tracking_number="X", carrier="ups", service="GND", label_format="pdf",
                        label_data=base64.b64encode(b"%PDF-1.4 broken").decode())  # fmt: skip
    with pytest.raises(LabelError, match="cannot be read"):
        carrier_label_for_printer(shipment, "zpl")
    shipment = shipment.model_copy(update={"label_data": "not base64!"})
    with pytest.raises(LabelError, match="base64"):
        carrier_label_for_printer(shipment, "zpl")


def test_previews_rendered_on_several_threads_match_one_thread():
    from concurrent.futures import ThreadPoolExecutor

    from station.labels.samples import ewaybill_data

    names = [f"张{i}伟" for i in range(12)]  # new text each time: nothing comes from a cache

    def preview(name: str) -> bytes:
        return render_preview_png("ewaybill_100x180", ewaybill_data(name=name), "zh", 203)

    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(preview, names))
    from station.labels.text import line_ink

    line_ink.cache_clear()
    assert threaded == [preview(n) for n in names]


def test_committed_screenshots_show_what_the_templates_print_today(tmp_path):
    from pathlib import Path

    from station.labels.samples import write_previews

    docs = Path(__file__).resolve().parents[3] / "docs" / "labels"
    fresh = write_previews(str(tmp_path))
    assert len(fresh) >= 7
    for path in fresh:
        name = Path(path).name
        with Image.open(path) as new, Image.open(docs / name) as old:
            assert new.convert("1").tobytes() == old.convert("1").tobytes(), (
                f"docs/labels/{name} is stale: regenerate it (docs/labels/README.md)"
            )


def test_copies_are_printed_by_every_printer_language():
    from station.labels import RenderOptions

    data, two = SAMPLES["sku_50x30"](), RenderOptions(copies=2)
    assert b"^PQ2\n" in render_label("sku_50x30", data, "en", 203, two)
    assert b"PRINT 1,2\r\n" in render_label("sku_50x30", data, "en", 203, two,
                                            printer_language="tspl")  # fmt: skip
    one = render_label("sku_50x30", data, "en", 203, printer_language="escpos")
    assert render_label("sku_50x30", data, "en", 203, two, printer_language="escpos") == one * 2
