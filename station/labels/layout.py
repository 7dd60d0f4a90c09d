"""Lay a :class:`Label` out in printer dots: the one geometry every renderer draws from.

Text is wrapped here (with the bundled font's metrics), barcodes are sized here, so ZPL,
TSPL, ESC/POS, PDF and PNG agree on line breaks, truncation and positions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image as PILImage

from station.i18n import _
from station.labels.model import (
    LINEAR,
    Barcode,
    Box,
    Image,
    Label,
    LabelDataError,
    LabelError,
    Line,
    Text,
    dots_per_mm,
    mm_to_dots,
)
from station.labels.symbols import Matrix, encode, validate
from station.labels.text import clean_text, measure, wrap


@dataclass(frozen=True)
class TextRun:
    """One line of text: box ``x, y, w`` in dots, glyphs ``px`` dots high, ``text_w`` wide."""

    x: int
    y: int
    w: int
    px: int
    text: str
    bold: bool
    align: str
    text_w: int
    element: int = 0  # index of the text element this line belongs to

    @property
    def left(self) -> int:
        """x of the first glyph after alignment inside the box."""
        if self.align == "center":
            return self.x + max(0, (self.w - self.text_w) // 2)
        if self.align == "right":
            return self.x + max(0, self.w - self.text_w)
        return self.x


@dataclass(frozen=True)
class BarcodeRun:
    """A barcode at ``x, y`` dots: ``module`` dots per module, bars ``height`` dots tall."""

    x: int
    y: int
    symbology: str
    data: str
    module: int
    height: int
    matrix: Matrix

    @property
    def width(self) -> int:
        return self.matrix.width * self.module

    @property
    def row_height(self) -> int:
        """Dots per matrix row (linear: the bar height; PDF417: its row height)."""
        if self.symbology in LINEAR:
            return self.height
        return self.module * self.matrix.row_modules


@dataclass(frozen=True)
class RectRun:
    """A rectangle in dots: solid when ``filled``, else an outline ``thickness`` dots wide."""

    x: int
    y: int
    w: int
    h: int
    thickness: int
    filled: bool


@dataclass(frozen=True)
class ImageRun:
    """A 1-bit picture (mode ``"1"``, 0 = black) placed at ``x, y`` dots."""

    x: int
    y: int
    image: PILImage.Image


Run = TextRun | BarcodeRun | RectRun | ImageRun


@dataclass(frozen=True)
class LaidOut:
    """A label in dots at one resolution: everything a renderer needs."""

    name: str
    dpi: int
    dpmm: int
    width: int
    height: int
    runs: tuple[Run, ...]


def lay_out(label: Label, dpi: int) -> LaidOut:
    """Place every element of ``label`` in dots for a ``dpi`` printer."""
    dpmm = dots_per_mm(dpi)
    runs: list[Run] = []
    for index, el in enumerate(label.elements):
        if isinstance(el, Text):
            runs.extend(_text_runs(el, dpmm, index))
        elif isinstance(el, Barcode):
            runs.extend(_barcode_runs(el, dpmm, index))
        elif isinstance(el, Line):
            t = max(1, mm_to_dots(el.thickness, dpmm))
            length = max(1, mm_to_dots(el.length, dpmm))
            w, h = (t, length) if el.vertical else (length, t)
            runs.append(RectRun(mm_to_dots(el.x, dpmm), mm_to_dots(el.y, dpmm), w, h, t, True))
        elif isinstance(el, Box):
            runs.append(
                RectRun(
                    mm_to_dots(el.x, dpmm), mm_to_dots(el.y, dpmm),
                    max(1, mm_to_dots(el.w, dpmm)), max(1, mm_to_dots(el.h, dpmm)),
                    max(1, mm_to_dots(el.thickness, dpmm)), el.filled,
                )
            )  # fmt: skip
        elif isinstance(el, Image):
            runs.append(_image_run(el, dpmm))
    width, height = mm_to_dots(label.width, dpmm), mm_to_dots(label.height, dpmm)
    return LaidOut(label.name, dpi, dpmm, width, height, tuple(runs))


def _text_runs(el: Text, dpmm: int, index: int) -> list[TextRun]:
    px = max(6, mm_to_dots(el.size, dpmm))
    box_w = max(1, mm_to_dots(el.w, dpmm))
    lines = _wrapped(el.text, box_w, max(1, el.max_lines), px, el.bold)
    step = px + round(px * el.line_gap)
    x, y = mm_to_dots(el.x, dpmm), mm_to_dots(el.y, dpmm)
    return [
        TextRun(x, y + i * step, box_w, px, line, el.bold, el.align, width, index)
        for i, (line, width) in enumerate(lines)
    ]


@lru_cache(maxsize=2048)
def _wrapped(
    text: str, box_w: int, max_lines: int, px: int, bold: bool
) -> tuple[tuple[str, int], ...]:
    """The cleaned, wrapped lines of a text and their widths in dots. Cached: most text on a
    label (headings, sender, carrier) is the same on every label."""
    m = measure(px, bold)
    # An empty field still yields one (empty) line: the printer program keeps its shape.
    lines = wrap(clean_text(text), box_w, max_lines, m) or [""]
    return tuple((line, m.width(line)) for line in lines)


def _barcode_runs(el: Barcode, dpmm: int, index: int) -> list[Run]:
    data = validate(el.symbology, el.data)
    matrix = encode(el.symbology, data)
    module = max(1, mm_to_dots(el.module, dpmm))
    if el.max_w is not None:
        max_w = mm_to_dots(el.max_w, dpmm)
        while module > 1 and matrix.width * module > max_w:
            module -= 1  # narrower bars before giving up: still scannable at 1 dot+
        if matrix.width * module > max_w:
            raise LabelDataError(
                _("Barcode data {data!r} is too long to fit on this label.").format(data=data)
            )
    height = max(1, mm_to_dots(el.height, dpmm))
    x, y = mm_to_dots(el.x, dpmm), mm_to_dots(el.y, dpmm)
    run = BarcodeRun(x, y, el.symbology, data, module, height, matrix)
    runs: list[Run] = [run]
    if el.human_readable and el.symbology in LINEAR:
        px = max(6, mm_to_dots(2.5, dpmm))
        m = measure(px, False)
        runs.append(
            TextRun(x, y + height + max(2, px // 4), run.width, px, data, False, "center",
                    m.width(data), index)
        )  # fmt: skip
    return runs


def _image_run(el: Image, dpmm: int) -> ImageRun:
    w, h = max(1, mm_to_dots(el.w, dpmm)), max(1, mm_to_dots(el.h, dpmm))
    return ImageRun(mm_to_dots(el.x, dpmm), mm_to_dots(el.y, dpmm), _mono_image(el.png, w, h))


@lru_cache(maxsize=32)
def _mono_image(png: bytes, w: int, h: int) -> PILImage.Image:
    try:
        with PILImage.open(io.BytesIO(png)) as src:
            img = src.convert("L")
    except Exception as exc:
        raise LabelError(
            _("A picture on this label cannot be read: {why}").format(why=exc)
        ) from exc
    scale = min(w / img.width, h / img.height)  # fit the box, keep the proportions
    img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))))
    return img.point(lambda v: 255 if v >= 128 else 0).convert("1")
