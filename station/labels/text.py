"""Label text: cleaning untrusted field text, the bundled font, wrapping and truncation."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from station.resources import resource_dir

FONT_PATH = resource_dir() / "fonts" / "wqy-microhei.ttc"
ELLIPSIS = "..."  # three dots: every printer font has them
# One FreeType face is shared per size; FreeType faces are not safe to use from two threads
# at once (a preview on a UI worker while a print job renders), so glyph work is serialised.
_FREETYPE = threading.Lock()

# Bidi embedding/override/isolate marks can make printed text read differently from the data.
_BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """Field text made safe and printable: control bytes and line breaks become spaces,
    bidi override marks are dropped, runs of spaces collapse. Everything else is kept."""
    text = "" if value is None else str(value)
    text = text.translate(_BIDI_CONTROLS)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        # Cc: C0/C1 controls and DEL; Zl/Zp: line/paragraph separators; Cs: lone surrogates.
        if cat in ("Cc", "Zl", "Zp", "Cs") or ch == "\ufeff":
            out.append(" ")
        else:
            out.append(ch)
    return _SPACES.sub(" ", "".join(out)).strip()


def is_cjk(ch: str) -> bool:
    """Characters that may be wrapped between (no spaces in Chinese/Japanese text)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


@lru_cache(maxsize=64)
def font(px: int) -> ImageFont.FreeTypeFont:
    """The bundled font at ``px`` pixels (dots) high.

    The basic layout engine is forced so labels are dot-for-dot identical on every machine
    (raqm depends on a system fribidi); right-to-left text is therefore drawn unshaped, in
    stored order."""
    return ImageFont.truetype(str(FONT_PATH), max(4, px), layout_engine=ImageFont.Layout.BASIC)


class Measure:
    """Advance widths in dots of one font size, cached per character (kerning is ignored,
    which keeps wrapping identical across renderers and fast)."""

    def __init__(self, px: int, bold: bool) -> None:
        self.font = font(px)
        self.px = px
        self.stroke = bold_stroke(px) if bold else 0
        self._widths: dict[str, float] = {}

    def char(self, ch: str) -> float:
        w = self._widths.get(ch)
        if w is None:
            with _FREETYPE:
                w = self._widths[ch] = self.font.getlength(ch)
        return w

    def width(self, text: str) -> int:
        return round(sum(self.char(c) for c in text)) + 2 * self.stroke


@lru_cache(maxsize=64)
def measure(px: int, bold: bool) -> Measure:
    return Measure(px, bold)


@lru_cache(maxsize=64)
def ascent(px: int) -> int:
    """Dots from the top of a line to its baseline."""
    with _FREETYPE:
        return int(font(px).getmetrics()[0])


def bold_stroke(px: int) -> int:
    return max(1, px // 24)


def wrap(text: str, width: int, max_lines: int, m: Measure) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of at most ``width`` dots.

    Breaks at spaces, or between CJK characters, or inside an over-long word. When text is
    left over, the last line ends with ``...`` so the cut is visible on the label.
    """
    if not text:
        return []
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        line, rest = _fit(rest, width, m)
        lines.append(line)
    if rest:
        lines[-1] = _with_ellipsis(lines[-1], width, m)
    return lines


def _fit(text: str, width: int, m: Measure) -> tuple[str, str]:
    used: float = 2 * m.stroke
    last_break = -1  # index where the line may end (exclusive)
    for i, ch in enumerate(text):
        used += m.char(ch)
        if used > width and i > 0:
            if ch == " ":
                return text[:i].rstrip(), text[i:].lstrip()
            cut = last_break if last_break > 0 else i
            return text[:cut].rstrip(), text[cut:].lstrip()
        if ch == " ":
            last_break = i
        elif is_cjk(ch) or (i + 1 < len(text) and is_cjk(text[i + 1])):
            last_break = i + 1
    return text, ""


def _with_ellipsis(line: str, width: int, m: Measure) -> str:
    while line and m.width(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def line_box(text: str, px: int, bold: bool) -> tuple[int, int]:
    """Width and height in dots of the ink of one line drawn at the line's origin,
    including glyph overhangs and descenders below the nominal ``px``."""
    m = measure(px, bold)
    with _FREETYPE:
        ascent, descent = m.font.getmetrics()
        right = round(m.font.getbbox(text)[2]) if text else 0
    return max(1, m.width(text), right + 2 * m.stroke), max(px, ascent + descent + m.stroke)


@lru_cache(maxsize=4096)  # a few MB at most: glyphs are small
def glyph_ink(ch: str, px: int, bold: bool) -> tuple[int, int, Image.Image] | None:
    """One character as a 1-bit mask (1 = ink) cropped to its ink: (dx, dy, mask) with the
    offset from the character's origin on the line (dx < 0: a negative left bearing), or
    None for no ink.

    Cached per (character, size, weight): a label's variable text (names, addresses) is new
    every time, but its characters are not, and FreeType (with the stroker for bold) is the
    slow part of drawing text."""
    m = measure(px, bold)
    pad = px // 2 + m.stroke
    w, h = line_box(ch, px, bold)
    img = Image.new("1", (pad + w, h), 0)
    draw = ImageDraw.Draw(img)
    draw.fontmode = "1"
    with _FREETYPE:
        draw.text(
            (pad + m.stroke, 0), ch, font=m.font, fill=1, stroke_width=m.stroke, stroke_fill=1
        )
    box = img.getbbox()
    if box is None:
        return None
    return box[0] - pad, box[1], img.crop(box)  # pasting costs by the area: ink only


def placed_glyphs(text: str, px: int, bold: bool) -> tuple[list[tuple[int, int, Image.Image]], int]:
    """The glyph masks of one line where they go, ``(x, y, mask)`` in dots from the line's
    origin, and the line's width.

    Glyphs are placed at the advance widths the layout measured (rounded to a dot, kerning
    ignored), so the ink matches the wrapping and alignment exactly."""
    m = measure(px, bold)
    placed: list[tuple[int, int, Image.Image]] = []
    pen = 0.0
    right = 1
    for ch in text:
        glyph = glyph_ink(ch, px, bold)
        if glyph is not None:
            dx, dy, img = glyph
            x = round(pen) + dx
            placed.append((x, dy, img))
            right = max(right, x + img.width)
        pen += m.char(ch)
    return placed, max(right, m.width(text))


def line_height(px: int, bold: bool) -> int:
    """Dots from the top of a line to the bottom of its lowest possible ink."""
    return line_box("", px, bold)[1]


@lru_cache(maxsize=1024)
def line_ink(text: str, px: int, bold: bool) -> Image.Image:
    """One line of text as a 1-bit mask (1 = ink), the one picture of this text that every
    renderer uses (preview, ZPL/TSPL bitmaps, ESC/POS raster), large enough for every glyph.
    Cached: headings and carrier names repeat."""
    placed, width = placed_glyphs(text, px, bold)
    out = Image.new("1", (width, line_height(px, bold)), 0)
    core = out.im  # the pasting core: Image.paste's checks cost more than the paste itself
    for x, y, img in placed:
        # Ink where the glyph has ink (an OR: overlapping glyph edges keep both); the box is
        # clipped to the line, so ink left of the first character's origin is cut.
        core.paste(1, (x, y, x + img.width, y + img.height), img.im)
    return out
