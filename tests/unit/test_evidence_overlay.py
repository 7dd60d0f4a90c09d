"""The burned-in overlay: QR stamp round trip, CJK text, untrusted text cleaned."""

from __future__ import annotations

import numpy as np
import zxingcpp

from station.evidence.overlay import OverlayFacts, Stamp, band_height, parse_qr_payload

FACTS = OverlayFacts("SO-1001", ("SF1", "SF2"), "王芳 P003", "ST-01", "2026-12-01 11:30:05 +0800")


def test_stamp_carries_every_fact_in_its_qr_code():
    frame = Stamp(1280, 720).apply(np.full((720, 1280, 3), 90, np.uint8), FACTS)
    [found] = zxingcpp.read_barcodes(frame)
    assert parse_qr_payload(found.text) == FACTS


def test_band_is_drawn_and_the_picture_below_is_kept():
    frame = np.full((360, 640, 3), 90, np.uint8)
    out = Stamp(640, 360).apply(frame, FACTS)
    band = out[: band_height(360)]
    assert (band == 255).any() and (band == 0).any()  # white text on black
    assert (out[band_height(360) + 5 : 200, :300] == 90).all()


def test_line_breaks_in_a_field_cannot_forge_another_field():
    forged = OverlayFacts("SO-1\nSF-FAKE", (), "P1", "ST-01", "t")
    back = parse_qr_payload(forged.qr_payload())
    assert back.order_id == "SO-1 SF-FAKE" and back.tracking == ()


def test_long_text_is_cut_to_the_frame():
    long = OverlayFacts("SO-" + "9" * 300, (), "P1", "ST-01", "t")
    out = Stamp(320, 240).apply(np.zeros((240, 320, 3), np.uint8), long)
    assert out.shape == (240, 320, 3)
