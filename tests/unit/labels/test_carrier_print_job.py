"""The carrier's own label from ``POST /v1/shipments``: passed through only when it is safe,
rasterised when it is a PDF, and None (print our own template) otherwise."""

from __future__ import annotations

import base64
import re

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from contract import Shipment
from station.labels import (
    LabelError,
    build_label,
    carrier_print_job,
    render_label,
    zpl_refusal,
)
from station.labels.layout import lay_out
from station.labels.pdf import render_pdf
from station.labels.readback import escpos_raster, tspl_commands, zpl_graphics
from station.labels.samples import SAMPLES, carrier_label_data

TRACKING = "1Z999AA10123456784"

# A carrier label as carrier APIs send them: settings for this label, text, a Code 128, a
# box, a logo as a Z64 graphic field, one copy.
UPS_LIKE = (
    "^XA^LRN^MCY^LH0,0^PON^PW812^LL1218^CI28\n"
    "^FO20,20^A0N,40,40^FDUPS GROUND^FS\n"
    "^FO20,80^GB772,4,4^FS\n"
    "^FO40,120^A0N,28,28^FB700,3,0,L,0^FH^FDSHIP TO: J. SMITH_5C 1 MAIN ST^FS\n"
    "^FO60,400^BY3^BCN,200,N,N,N^FD" + TRACKING + "^FS\n"
    "^FO600,20^GFA,8,8,1,:Z64:eAGTsKn7/7/ORgIAEGEDow==:740E^FS\n"  # a diamond
    "^PQ1^XZ\n"
)


def shipment(fmt: str, data: str) -> Shipment:
    return Shipment(tracking_number=TRACKING, carrier="UPS", service="GND",
                    label_format=fmt, label_data=data)  # type: ignore[arg-type]  # fmt: skip


def test_a_plain_carrier_zpl_label_goes_to_a_zpl_printer_byte_for_byte():
    assert zpl_refusal(UPS_LIKE) is None
    assert carrier_print_job(shipment("zpl", UPS_LIKE), "zpl", 203) == UPS_LIKE.encode()


def test_carrier_zpl_for_a_tspl_or_receipt_printer_means_our_own_template():
    assert carrier_print_job(shipment("zpl", UPS_LIKE), "tspl", 203) is None
    assert carrier_print_job(shipment("zpl", UPS_LIKE), "escpos", 203) is None


ONE = "^XA^FO50,50^A0N,30,30^FDX^FS^XZ"


@pytest.mark.parametrize(
    ("zpl", "why"),
    [
        (ONE.replace("^XZ", "~JR^XZ"), "device commands"),  # reset the printer
        ("~DGR:LOGO.GRF,8,1,FFFFFFFFFFFFFFFF\n" + ONE, "device commands"),  # store a graphic
        (ONE + "~WC", "device commands"),  # print the configuration label
        (ONE.replace("^FDX", "^FDA~B"), "device commands"),  # tilde in field data
        ("^XA^DFR:SHIP.ZPL^FS^FO0,0^FDX^FS^XZ", "^DF"),  # store a format
        ("^XA^IDR:*.*^FS^XZ", "^ID"),  # delete every object on the printer
        ("^XA^JUS^XZ", "^JU"),  # save the settings
        ("^XA^XFR:SHIP.ZPL^FS^XZ", "^XF"),  # print a stored format, not this data
        ("^XA^CC+^XZ", "^CC"),  # change the command character
        ("^XA^NSS,10.0.0.9,255.255.255.0,10.0.0.1^XZ", "^NS"),  # network settings
        ("^XA^MNN^FO0,0^FDX^FS^XZ", "^MN"),  # continuous media: next labels misfeed
        ("^XA^HH^XZ", "^HH"),  # host query
        ("^XA^POI^FO0,0^FDX^FS^XZ", "^POI"),  # our next labels would print upside down
        ("^XA^MCN^FO0,0^FDX^FS^XZ", "^MCN"),  # our next label would carry this one's ink
        ("^XA^CW0,E:TINY.TTF^FO0,0^FDX^FS^XZ", "^CW"),  # font 0 redefined for every label
        ("^XA^MD30^FO0,0^FDX^FS^XZ", "^MD30"),  # darkness for every later label
        ("^XA^PR2^FO0,0^FDX^FS^XZ", "^PR2"),  # print speed
        ("^XA^MMC^FO0,0^FDX^FS^XZ", "^MMC"),  # cutter mode
        ("^XA^LT20^FO0,0^FDX^FS^XZ", "^LT20"),  # undoes IT's label-top calibration
        (ONE + ONE, "more than one label"),
        ("NOTZPL " + ONE, "one ^XA...^XZ"),
        ("^XA^FO0,0^FDX^FS", "one ^XA...^XZ"),
        ("", "one ^XA...^XZ"),
        (ONE.replace("^FDX", "^FDA\x1bB"), "control bytes"),
        ("^XA" + "^FO0,0^FDX^FS" * 400_000 + "^XZ", "too large"),
    ],
)
def test_carrier_zpl_that_reaches_beyond_its_label_is_refused(zpl, why):
    assert why in (zpl_refusal(zpl) or "")
    assert carrier_print_job(shipment("zpl", zpl), "zpl", 203) is None


_FRAGMENTS = ["^XA", "^XZ", "^FO10,10", "^A0N,20,20", "^FD", "ABC", "^FS", "~JR", "^JUS",
              "^DFR:X.ZPL", "^BCN,50", "^GB10,10,1", "^PQ2", "^CC~", "\n", " ", "^", "~", "^ID",
              "\x00", "^MNY", "^XB"]  # fmt: skip


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
def test_whatever_is_accepted_is_one_label_without_device_commands(parts):
    zpl = "".join(parts)
    if zpl_refusal(zpl) is not None:
        return
    body = zpl.strip()
    assert "~" not in body and "\x00" not in body
    assert re.fullmatch(r"\^XA.*\^XZ", body, re.DOTALL)
    assert body.count("^XA") == 1 and body.count("^XZ") == 1
    codes = set(re.findall(r"\^(..)", body))
    assert not codes & {"JU", "DF", "ID", "CC", "MN"}
    assert "^MNY" not in body  # media tracking outlives the label, even at its default


def _pdf(name: str = "carrier_100x150", copies: int = 1) -> str:
    laid = lay_out(build_label(name, SAMPLES[name](), "en")[0], 203)
    return base64.b64encode(render_pdf([laid] * copies)).decode()


def _codes(img: Image.Image) -> set[str]:
    return {r.text for r in zxingcpp.read_barcodes(img.convert("L"))}


@pytest.mark.parametrize("dpi", [203, 300])
def test_a_pdf_label_is_rasterised_for_a_zpl_printer_and_still_scans(dpi):
    job = carrier_print_job(shipment("pdf", _pdf()), "zpl", dpi)
    assert job is not None and zpl_refusal(job.decode()) is None  # one clean label
    [(x, y, img)] = zpl_graphics(job)
    assert (x, y) == (0, 0)
    assert abs(img.height - 1200 / 203 * dpi) <= 2  # the PDF page: 1200 dots at 203 dpi
    assert SAMPLES["carrier_100x150"]().tracking_number in _codes(img)


def test_a_pdf_label_is_rasterised_for_tspl_and_receipt_printers():
    want = SAMPLES["carrier_100x150"]().tracking_number
    tspl = carrier_print_job(shipment("pdf", _pdf()), "tspl", 203)
    assert tspl is not None
    names = [n for n, _ in tspl_commands(tspl)]
    assert names == ["SIZE", "GAP", "CLS", "BITMAP", "PRINT"]
    escpos = carrier_print_job(shipment("pdf", _pdf()), "escpos", 203)
    assert escpos is not None and want in _codes(escpos_raster(escpos))


def test_a_pdf_printer_gets_the_carriers_file_itself():
    data = _pdf()
    assert carrier_print_job(shipment("pdf", data), "pdf", 203) == base64.b64decode(data)


@pytest.mark.parametrize(
    "data",
    [
        base64.b64encode(b"%PDF-1.4 broken").decode(),  # damaged
        "not base64!",
        _pdf(copies=2),  # two labels for one parcel
        _pdf("manifest_a4"),  # an A4 sheet, not a label
    ],
    ids=["damaged", "not-base64", "two-pages", "a4"],
)
def test_an_unusable_pdf_means_our_own_template(data):
    for printer in ("zpl", "tspl", "escpos"):
        assert carrier_print_job(shipment("pdf", data), printer, 203) is None


def test_an_unsupported_resolution_is_the_stations_error_not_the_carriers():
    with pytest.raises(LabelError, match="250 dpi"):
        carrier_print_job(shipment("zpl", UPS_LIKE), "zpl", 250)


def test_our_own_labels_pass_the_same_check():
    # What the station renders itself is held to the same rule (one label, no tilde).
    for name, sample in SAMPLES.items():
        if name == "manifest_a4":
            continue
        assert zpl_refusal(render_label(name, sample(), "zh", 203).decode()) is None
    hostile = carrier_label_data(name="~JR ^XA^JUS^XZ", line1="~DG", city="^IDR:*.*")
    assert zpl_refusal(render_label("carrier_100x150", hostile, "en", 203).decode()) is None
