"""What is burned into every evidence frame: who packed which order, where and when.

A black band across the top carries two lines of text (order and tracking numbers; operator,
station and local time) drawn with the bundled CJK font, and a QR code in the bottom-right
corner carries the same facts machine-readably, so a clip can be matched to its order even
after it was copied out of the station and renamed.

The band is opaque on purpose: a translucent one would let the packing scene bleed through
and make the burned text harder to read on a phone screen in a dispute.
"""

from __future__ import annotations

import numpy as np
import segno
from PIL import Image, ImageDraw

from station.evidence.facts import OverlayFacts, parse_qr_payload
from station.labels.text import _FREETYPE, font

__all__ = ["OverlayFacts", "Stamp", "band_height", "parse_qr_payload", "render_band",
           "render_qr"]

TEXT_RGB = (255, 255, 255)
BAND_RGB = (0, 0, 0)


def band_height(frame_height: int) -> int:
    """Two text lines: about 9 % of the frame, at least 28 px."""
    return max(28, (frame_height * 9 // 100) // 2 * 2)


def _fit(draw: ImageDraw.ImageDraw, text: str, px: int, width: int) -> str:
    face = font(px)
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "...", font=face) > width:
        text = text[:-1]
    return text + "..."


def render_band(facts: OverlayFacts, width: int, frame_height: int) -> np.ndarray:
    """The text band (height × width × 3, uint8) for these facts."""
    height = band_height(frame_height)
    px = max(10, height * 40 // 100)
    pad = max(4, px // 3)
    image = Image.new("RGB", (width, height), BAND_RGB)
    draw = ImageDraw.Draw(image)
    top, bottom = facts.lines()
    with _FREETYPE:
        draw.text((pad, height // 4), _fit(draw, top, px, width - 2 * pad),
                  font=font(px), fill=TEXT_RGB, anchor="lm")
        draw.text((pad, height * 3 // 4), _fit(draw, bottom, px, width - 2 * pad),
                  font=font(px), fill=TEXT_RGB, anchor="lm")
    return np.asarray(image, dtype=np.uint8)


def render_qr(facts: OverlayFacts, frame_height: int) -> np.ndarray:
    """The QR stamp (square, RGB, with its white quiet zone), about a fifth of the frame high."""
    qr = segno.make(facts.qr_payload(), error="m", micro=False)
    modules = np.array(qr.matrix, dtype=bool)
    modules = np.pad(modules, 4, constant_values=False)  # quiet zone of 4 modules
    scale = max(2, (frame_height // 5) // modules.shape[0])
    dots = np.kron(modules, np.ones((scale, scale), dtype=bool))
    gray = np.where(dots, 0, 255).astype(np.uint8)
    return np.repeat(gray[:, :, None], 3, axis=2)


class Stamp:
    """Burns the overlay into frames; re-renders only when the facts change (once a second
    for the clock), so the per-frame cost is two array copies."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._facts: OverlayFacts | None = None
        self._band = np.zeros((0, 0, 3), np.uint8)
        self._qr = np.zeros((0, 0, 3), np.uint8)

    def apply(self, rgb: np.ndarray, facts: OverlayFacts) -> np.ndarray:
        if facts != self._facts:
            self._band = render_band(facts, self.width, self.height)
            self._qr = render_qr(facts, self.height)
            self._facts = facts
        out = rgb if rgb.flags.writeable else rgb.copy()
        bh = self._band.shape[0]
        out[:bh, :, :] = self._band
        qh, qw = self._qr.shape[:2]
        if qh < self.height - bh and qw < self.width:  # a tiny frame keeps its text only
            out[self.height - qh :, self.width - qw :, :] = self._qr
        return out
