"""Hostile or odd field data never becomes a printer command nor a broken label."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station.labels import (
    LabelDataError,
    build_label,
    mask_name,
    mask_phone,
    render_label,
)
from station.labels.layout import lay_out
from station.labels.model import Barcode, Text
from station.labels.raster import rasterise
from station.labels.readback import tspl_commands, zpl_graphics
from station.labels.samples import carrier_label_data, ewaybill_data, sku_label_data
from station.labels.zpl import code128_invocations, fh

INJECTION = "^XA^FO0,0^A0N,200,200^FDPWNED^FS^XZ"


def _fields(zpl: bytes) -> list[bytes]:
    """Data of every ^FD…^FS field."""
    return re.findall(rb"\^FD(.*?)\^FS", zpl, flags=re.S)


def test_fh_writes_command_characters_and_control_bytes_as_hex():
    assert fh("^XA~JR_ok\x00\r\n\x1b") == "_5EXA_7EJR_5Fok_00_0D_0A_1B"
    assert fh("收件人 ü") == "收件人 ü"  # UTF-8 passes (^CI28)


def test_injected_zpl_in_every_text_field_is_printed_literally():
    data = carrier_label_data(name=INJECTION, line1="~JR~JA reset", line2="line\r\n^XZ^XA",
                              city="Reno\x00\x1b", postcode="^FS")  # fmt: skip
    zpl = render_label("carrier_100x150", data, "en", 203)
    assert zpl.count(b"^XA") == 1 and zpl.count(b"^XZ") == 1
    assert b"~" not in zpl
    assert b"_5EXA_5EFO0,0_5EA0N,200,200_5EFDPWNED_5EFS_5EXZ" in zpl
    assert b"_7EJR_7EJA reset" in zpl
    for field in _fields(zpl):
        assert b"^" not in field and b"~" not in field
    assert b"\x00" not in zpl and b"\x1b" not in zpl and b"\r" not in zpl


def test_code128_special_characters_use_invocation_codes():
    assert code128_invocations("A>B^C~D") == ">:A>0B><C>=D"
    assert code128_invocations("1Z999AA10123456784") == ">:1Z999AA1>50123456784"
    assert code128_invocations("(00)395011015300000011", gs1=True) == ">;>800395011015300000011"
    # FNC1 (>8) after the variable-length lot (10), none after the fixed-length GTIN (01).
    assert (
        code128_invocations("(01)09501101530003(10)AB1(21)7", gs1=True)
        == ">;>8010950110153000310>6AB1>8217"
    )
    assert code128_invocations("AB12345") == ">:AB1>52345"


def test_long_addresses_wrap_and_end_with_a_visible_ellipsis():
    long_street = ("Very Long Industrial Estate Road " * 10)[:300]
    zpl = render_label("carrier_100x150", carrier_label_data(line1=long_street, line2=""),
                       "en", 203)  # fmt: skip
    street = next(f for f in _fields(zpl) if f.startswith(b"Very Long"))
    lines = street.split(b"\\&")
    assert len(lines) == 3 and lines[-1].endswith(b"...")
    png_label = lay_out(build_label("carrier_100x150", carrier_label_data(line1=long_street))[0],
                        203)  # fmt: skip
    assert rasterise(png_label).size == (800, 1200)


def test_missing_phone_prints_a_dash():
    data = carrier_label_data(phone=None)  # type: ignore[arg-type]
    texts = [e.text for e in build_label("carrier_100x150", data)[0].elements
             if isinstance(e, Text)]  # fmt: skip
    assert "-" in texts


def test_tracking_number_failing_its_check_digit_is_refused():
    from dataclasses import replace

    bad = replace(carrier_label_data(), tracking_number="1Z999AA10123456785")
    with pytest.raises(LabelDataError, match="check digit"):
        render_label("carrier_100x150", bad, "en", 203)


def test_negative_weight_and_impossible_parcel_numbers_are_refused():
    from dataclasses import replace

    with pytest.raises(LabelDataError, match="negative"):
        render_label("carrier_100x150", replace(carrier_label_data(), weight_g=-5), "en", 203)
    with pytest.raises(LabelDataError, match="Parcel 3 of 2"):
        render_label("carrier_100x150", replace(carrier_label_data(), parcel_no=3), "en", 203)


def test_right_to_left_and_emoji_text_becomes_a_bitmap_not_garbage():
    data = carrier_label_data(name="مرحبا بالعالم 😀 \u202eevil\u202c")
    zpl = render_label("carrier_100x150", data, "en", 203)
    assert zpl.count(b"^XA") == 1 and "\u202e" not in zpl.decode()
    assert len(zpl_graphics(zpl)) == 1  # the name line only


def test_recipient_is_masked_when_the_carrier_asks():
    assert mask_name("张伟") == "张*" and mask_name("Jane Doe") == "J*** D**"
    assert mask_phone("13812345678") == "138****5678"
    label = build_label("ewaybill_100x180", ewaybill_data(), "zh")[0]
    printed = " ".join(e.text if isinstance(e, Text) else e.data for e in label.elements
                       if isinstance(e, Text | Barcode))  # fmt: skip
    assert "13812345678" not in printed and "张伟" not in printed
    assert "138****5678" in printed and "张*" in printed


def test_barcode_data_that_cannot_be_encoded_is_refused_with_a_message():
    from dataclasses import replace

    from contract import Barcode as ProductBarcode

    data = sku_label_data()
    product = data.product.model_copy(update={"sku": "收货-1"})
    with pytest.raises(LabelDataError, match="printable ASCII"):
        render_label("sku_50x30", replace(data, product=product), "en", 203)
    bad_gtin = data.product.model_copy(update={"barcodes": [ProductBarcode(code="09501101530004")]})
    with pytest.raises(LabelDataError, match=r"checksum|check"):
        render_label("sku_50x30", replace(data, product=bad_gtin), "en", 203)


# --- property tests: structure never depends on field text ------------------------------
field_text = st.text(max_size=120)
latin1_text = st.text(st.characters(min_codepoint=0, max_codepoint=0xFF), max_size=120)
BASE = render_label("carrier_100x150", carrier_label_data(), "en", 203)
BASE_FIELDS = BASE.count(b"^FD") + BASE.count(b"^GFA")


def _zpl_for(name, street, city, order_id) -> bytes:
    from dataclasses import replace

    data = carrier_label_data(name=name, line1=street, city=city[:100])
    order = data.order.model_copy(update={"order_id": order_id[:64] or "X"})
    return render_label("carrier_100x150", replace(data, order=order), "en", 203)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=field_text, street=field_text, city=field_text, order_id=field_text)
def test_random_text_never_changes_the_zpl_structure(name, street, city, order_id):
    zpl = _zpl_for(name, street, city, order_id)
    assert zpl.count(b"^XA") == 1 and zpl.count(b"^XZ") == 1
    assert b"~" not in zpl
    # Each text element is one field: native (^FD) or, for scripts font 0 lacks, a bitmap.
    assert zpl.count(b"^FD") + zpl.count(b"^GFA") == BASE_FIELDS
    for field in _fields(zpl):
        assert b"^" not in field and b"~" not in field


EWAYBILL = render_label("ewaybill_100x180", ewaybill_data(), "zh", 203)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=field_text, street=field_text, phone=st.text(max_size=40))
def test_random_text_never_changes_the_e_waybill_structure(name, street, phone):
    data = ewaybill_data(name=name, line1=street, phone=phone or None)
    zpl = render_label("ewaybill_100x180", data, "zh", 203)
    assert zpl.count(b"^XA") == 1 and zpl.count(b"^XZ") == 1 and b"~" not in zpl
    fields = zpl.count(b"^FD") + zpl.count(b"^GFA")
    assert fields == EWAYBILL.count(b"^FD") + EWAYBILL.count(b"^GFA")
    for field in _fields(zpl):
        assert b"^" not in field and b"~" not in field


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=latin1_text, street=latin1_text, city=latin1_text, order_id=latin1_text)
def test_random_latin_text_keeps_the_exact_count_of_zpl_fields(name, street, city, order_id):
    zpl = _zpl_for(name, street, city, order_id)
    assert zpl.count(b"^XA") == 1 and zpl.count(b"^XZ") == 1
    assert zpl.count(b"^FD") == BASE.count(b"^FD")
    assert b"~" not in zpl


TSPL_TEXT = re.compile(rb'^\d+,\d+,"[^"]+",0,\d+,\d+,"(?:[^"\\]|\\\["\])*"$')
TSPL_KNOWN = {"SIZE", "GAP", "DIRECTION", "REFERENCE", "CODEPAGE", "CLS", "TEXT", "BARCODE",
              "QRCODE", "DMATRIX", "PDF417", "BITMAP", "BAR", "BOX", "PRINT"}  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=field_text, street=field_text, city=field_text, order_id=field_text)
def test_random_text_never_changes_the_tspl_line_structure(name, street, city, order_id):
    from dataclasses import replace

    data = carrier_label_data(name=name, line1=street, city=city[:100])
    order = data.order.model_copy(update={"order_id": order_id[:64] or "X"})
    program = render_label("carrier_100x150", replace(data, order=order), "en", 203,
                           printer_language="tspl")  # fmt: skip
    commands = tspl_commands(program)
    names = [c for c, _ in commands]
    assert set(names) <= TSPL_KNOWN
    for once in ("SIZE", "GAP", "CLS", "PRINT"):
        assert names.count(once) == 1
    assert names[-1] == "PRINT"
    for name_, rest in commands:
        if name_ == "TEXT":
            assert TSPL_TEXT.match(rest), rest
        if name_ in ("BARCODE", "QRCODE"):
            assert rest.endswith(b'"') and b"\\" not in rest.replace(b'\\["]', b"")


def _decode_invocations(field: str) -> str:
    """Read ZPL Code 128 field data (mode N) back into the characters it encodes."""
    out, subset, i = [], "", 0
    back = {">0": ">", "><": "^", ">=": "~"}
    while i < len(field):
        two = field[i : i + 2]
        if two in (">:", ">6"):
            subset, i = "B", i + 2
        elif two in (">;", ">5"):
            subset, i = "C", i + 2
        elif two == ">8":
            out.append("\x1d")  # FNC1
            i += 2
        elif subset == "B" and two in back:
            out.append(back[two])
            i += 2
        elif subset == "C":
            assert field[i : i + 2].isdigit() and len(two) == 2, field
            out.append(two)
            i += 2
        else:
            assert subset == "B" and field[i] != ">", field
            out.append(field[i])
            i += 1
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40))
def test_code128_field_data_encodes_exactly_the_data_and_no_command(data):
    field = code128_invocations(data)
    assert "^" not in field and "~" not in field
    assert _decode_invocations(field) == data


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["10", "21", "00", "01", "17", "400"]),
                          st.text("0123456789ABCXYZ-", min_size=1, max_size=12)),
                min_size=1, max_size=4))  # fmt: skip
def test_gs1_128_field_data_starts_with_fnc1_and_separates_variable_fields(elements):
    data = "".join(f"({ai}){value}" for ai, value in elements)
    decoded = _decode_invocations(code128_invocations(data, gs1=True))
    expected = "\x1d"
    for i, (ai, value) in enumerate(elements):
        expected += ai + value
        if i < len(elements) - 1 and ai[:2] not in ("00", "01", "17"):
            expected += "\x1d"
    assert decoded == expected
