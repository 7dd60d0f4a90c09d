"""``^GFA`` bitmaps in Zebra's Z64 form, read back by a decoder written here from the manual.

The decoder below shares no code with the renderer or with ``station.labels.readback``: it
parses the ``^GFA`` fields, checks the CRC bit by bit (CRC-16/XMODEM: polynomial 0x1021,
initial value 0, MSB first, over the base64 text), base64-decodes, inflates, and compares the
bitmap with what the label must show.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from station.labels import build_label, render_label
from station.labels.layout import LaidOut, TextRun, lay_out
from station.labels.raster import rasterise
from station.labels.readback import decode_gfa
from station.labels.samples import SAMPLES, ewaybill_data
from station.labels.text import line_ink, placed_glyphs
from station.labels.zpl import _text_gfa, gfa

FIELD = re.compile(
    r"\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),:Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})\^FS"
)


def crc16_xmodem(data: bytes) -> int:
    """Bit by bit, as the polynomial division is written on paper."""
    crc = 0x0000
    for byte in data:
        for bit in range(7, -1, -1):
            top = (crc >> 15) & 1
            crc = (crc << 1) & 0xFFFF
            if top ^ ((byte >> bit) & 1):
                crc ^= 0x1021
    return crc


def decode_field(total: str, count: str, per_row: str, text: str, crc: str) -> Image.Image:
    """One Z64 ``^GFA`` field as a 1-bit image (0 = black), every field checked."""
    assert int(total) == int(count), "for ^GFA the field count is the byte count"
    assert crc16_xmodem(text.encode("ascii")) == int(crc, 16), "CRC does not match"
    raw = zlib.decompress(base64.b64decode(text, validate=True))
    assert len(raw) == int(total), "total bytes field is the uncompressed size"
    width_bytes = int(per_row)
    assert len(raw) % width_bytes == 0, "whole rows"
    rows = len(raw) // width_bytes
    # black_is_one on the printer: invert for PIL's "1" (1 = white)
    return Image.frombytes("1", (width_bytes * 8, rows), bytes(b ^ 0xFF for b in raw))


def fields(zpl: bytes) -> list[tuple[int, int, Image.Image]]:
    text = zpl.decode("utf-8")
    found = [(int(m[1]), int(m[2]), decode_field(*m.groups()[2:])) for m in FIELD.finditer(text)]
    assert len(found) == text.count("^GFA"), "every ^GFA is a well-formed Z64 field"
    return found


def test_the_crc_is_the_one_zebra_printers_check():
    # The published check value of CRC-16/XMODEM, and a field made by Zebra's own tooling
    # (a ^GFA quoted in github.com/BinaryKits/BinaryKits.Zpl discussion #178): its CRC D069 is
    # XMODEM over the base64 text, not the 0xFFFF-initialised variant (which gives 0A91).
    assert crc16_xmodem(b"123456789") == 0x31C3
    zebra = (
        "eJztVT2OEzEUtmMiF1OMkEApKHyEbRFI6xQcYA+AlCtwAjwl0l5ia66wRYYbQEFviSalkSIxSiZ+vGfP2J6ZQEF"
        "FsY6SsT5/+d57fj/D2H+1ni0+f118B9/nWAUAzYxmEOuXNPBT4g6+Pd+Bm2BwwJ/HroQkvMPfDWwLrD5F9kOB"
        "mai0KwX30WJVCEqIzzUU2HhehKJGHdUm7O14XNlsdvRLHhPmx41Ihnm6EH5ZnrLb5Ep2PynX2Vo9ehC82rI79i"
        "I7SO6tLLPsNRPjXwx+N1a6dZ8d/IhfbW+s6JML5B43zjjVZ1fxjO8tON2HfeA5usFf4EwfdSgMtFXDD3DgUyA"
        "CeQoww4BGdebp7tVJnNFPNYSLvpujOYasDFiNGFht6y4HjBiH1rQhK0PAdAQNNNpmniIeh62xg3g8Ep57Fngy"
        "Xgyakj0HZtrMU5QR4WMRiIInEWvzf2+pYGY8HXikOAQfeXWHF1zyMB31VR6WILCJHmIDj0fem1GPTfSyXVnq/c"
        "G/ZmJ3EUfUgyHexBNeDHdQ3AtcuT/Ph3yINvPWmDk3yQcPeSOsbnPevkCr+oyF/D5M6yDUizPHGliqg1hXmkLO"
        "dUX1d1EgyekBI151vkfTh3CZtNbHWM8XgFTPVOsCTtBpn1o59Af8NL2C3B/0JMOVT/0R+m3nNj2Ol9TK1BOiW3"
        "W4SX2pMB7+gb1nm8yrGsbmW2kTlvpcZEyPm2K+mHTaXdmlU5lHtB6tFZNGfZ1virGXBmGWKefpeGvCZ4ibqKPK"
        "4a4P4bG3BRYnfUhcWisgxk0hR4KXO/Zy9v6ozqfPj+dmgq3p3TN5fZAWQnYKEfHCFuvTEnpaT+uf1m+WdlzV"
    )
    assert crc16_xmodem(zebra.encode()) == 0xD069
    assert decode_field("02560", "02560", "00020", zebra, "D069").size == (160, 128)


@settings(max_examples=60, deadline=None)
@given(
    w=st.integers(1, 90),
    h=st.integers(1, 40),
    seed=st.binary(min_size=1, max_size=64),
    solid=st.booleans(),
)
def test_any_bitmap_round_trips_through_z64(w, h, seed, solid):
    raw = (seed * (w * h // len(seed) + 1))[: w * h]
    img = Image.frombytes("L", (w, h), raw).point(lambda v: 0 if v % 3 and not solid else 255)
    img = img.convert("1")
    field = gfa(img)
    m = re.fullmatch(r"\^GFA,(\d+),(\d+),(\d+),:Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})", field)
    assert m, field
    total, _count, per_row = (int(v) for v in m.groups()[:3])
    assert per_row == (w + 7) // 8 and total == per_row * h
    back = decode_field(*m.groups())
    assert back.crop((0, 0, w, h)).tobytes() == img.tobytes()
    # the padding to a whole byte prints nothing
    if back.width > w:
        assert back.crop((w, 0, back.width, h)).getextrema() == (255, 255)
    # the station's own reader (used by the printer simulator) agrees
    assert decode_gfa(total, per_row, field.split(",", 4)[4]).tobytes() == back.tobytes()


def test_a_damaged_field_fails_its_crc():
    field = gfa(Image.new("1", (40, 10), 0))
    body, crc = field.rsplit(":", 1)
    text = body.split(":Z64:")[1]
    damaged = text[:5] + ("A" if text[5] != "A" else "B") + text[6:]
    assert crc16_xmodem(damaged.encode()) != int(crc, 16)
    with pytest.raises(ValueError, match="CRC"):
        decode_gfa(50, 5, f":Z64:{damaged}:{crc}")


def _text_groups(laid: LaidOut) -> dict[tuple[int, int], list[TextRun]]:
    """The lines of each text element, by the position of its first line."""
    groups: dict[int, list[TextRun]] = {}
    for run in laid.runs:
        if isinstance(run, TextRun):
            groups.setdefault(run.element, []).append(run)
    return {(lines[0].x, lines[0].y): lines for lines in groups.values()}


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize(
    ("name", "street"),
    [
        ("张伟", "南山区科技园南区深南大道10000号腾讯大厦3楼 Tower B"),
        ("欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜", "Yuehai Street 粤海街道 A座 12楼"),
    ],
)
def test_chinese_text_bitmaps_are_exactly_the_preview_pixels(dpi, name, street):
    """Outside other elements' ink, each decoded bitmap equals the preview dot for dot."""
    data = ewaybill_data(name=name, line1=street)
    zpl = render_label("ewaybill_100x180", data, "zh", dpi)
    laid = lay_out(build_label("ewaybill_100x180", data, "zh")[0], dpi)
    preview = rasterise(laid)
    groups = _text_groups(laid)
    decoded = fields(zpl)
    assert len(decoded) >= 10
    for x, y, img in decoded:
        lines = groups[(x, y)]
        others = rasterise(replace(laid, runs=tuple(r for r in laid.runs if r not in lines)))
        alone = rasterise(replace(laid, runs=tuple(lines)))
        box = (x, y, min(x + img.width, laid.width), min(y + img.height, laid.height))
        got = img.crop((0, 0, box[2] - x, box[3] - y)).convert("L").tobytes()  # a byte a dot
        want, free = preview.crop(box).convert("L").tobytes(), others.crop(box).convert("L")
        assert got == alone.crop(box).convert("L").tobytes(), (x, y)  # the text's own dots
        mismatches = [
            i
            for i, (g, p, f) in enumerate(zip(got, want, free.tobytes(), strict=True))
            if f == 255 and g != p  # a dot no other element inks
        ]
        assert not mismatches, (x, y, len(mismatches))
        assert img.crop((0, 0, box[2] - x, box[3] - y)).getextrema()[0] == 0, "has ink"


def test_a_line_starting_left_of_its_origin_is_cut_there_as_in_the_preview():
    # "Y" leans left of the pen in this font: the ZPL bitmap takes the preview's cut line.
    glyphs, _width = placed_glyphs("Yuehai Street 粤海街道", 29, False)
    assert glyphs[0][0] < 0
    dx = 8  # a right-aligned or centred line starts inside the field's bitmap
    laid_text = (("Yuehai Street 粤海街道", 29, False, dx, 0),)
    m = FIELD.search(f"^FO0,0{_text_gfa(laid_text)}^FS")
    assert m
    img = decode_field(*m.groups()[2:])
    ink = line_ink("Yuehai Street 粤海街道", 29, False)
    assert img.crop((0, 0, dx, ink.height)).getextrema() == (255, 255)  # nothing left of it
    got = img.crop((dx, 0, dx + ink.width, ink.height)).convert("L").tobytes()
    assert got == ink.point(lambda v: 255 - v * 255).convert("L").tobytes()


def test_every_raster_in_every_template_is_z64():
    for template, sample in SAMPLES.items():
        zpl = render_label(template, sample(), "zh", 203)
        for _x, _y, img in fields(zpl):  # fields() fails on any non-Z64 ^GFA
            assert img.width % 8 == 0
