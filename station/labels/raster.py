"""Draw a laid-out label as a picture: PNG preview, ESC/POS raster and bitmap fallbacks."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from station.labels.layout import BarcodeRun, ImageRun, LaidOut, RectRun, TextRun
from station.labels.symbols import Matrix
from station.labels.text import line_ink

BLACK, WHITE = 0, 1  # PIL mode "1"


def rasterise(laid: LaidOut) -> Image.Image:
    """The whole label as a 1-bit image (mode ``"1"``: 0 = black dot) at the printer's dpi."""
    img = Image.new("1", (laid.width, laid.height), WHITE)
    draw = ImageDraw.Draw(img)
    for run in laid.runs:
        if isinstance(run, TextRun):
            if run.text:
                img.paste(BLACK, (run.left, run.y), mask=line_ink(run.text, run.px, run.bold))
        elif isinstance(run, BarcodeRun):
            draw_barcode(draw, run)
        elif isinstance(run, RectRun):
            draw_rect(draw, run)
        elif isinstance(run, ImageRun):
            img.paste(run.image, (run.x, run.y))
    return img


def draw_rect(draw: ImageDraw.ImageDraw, run: RectRun) -> None:
    x1, y1 = run.x + run.w - 1, run.y + run.h - 1
    if run.filled:
        draw.rectangle((run.x, run.y, x1, y1), fill=BLACK)
    else:
        draw.rectangle((run.x, run.y, x1, y1), outline=BLACK, width=run.thickness)


def draw_barcode(draw: ImageDraw.ImageDraw, run: BarcodeRun, x0: int = 0, y0: int = 0) -> None:
    """Draw the modules of a barcode; runs of dark modules become one rectangle each."""
    m, rh = run.module, run.row_height
    for r, row in enumerate(run.matrix.rows):
        y = y0 + run.y + r * rh
        for start, length in dark_runs(row):
            x = x0 + run.x + start * m
            draw.rectangle((x, y, x + length * m - 1, y + rh - 1), fill=BLACK)


def dark_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = -1
    for i, dark in enumerate(row):
        if dark and start < 0:
            start = i
        elif not dark and start >= 0:
            runs.append((start, i - start))
            start = -1
    if start >= 0:
        runs.append((start, len(row) - start))
    return runs


def barcode_image(run: BarcodeRun) -> Image.Image:
    """One barcode alone as a 1-bit image (for TSPL/ZPL bitmap fallbacks)."""
    h = run.row_height * len(run.matrix.rows)
    img = Image.new("1", (run.width, h), WHITE)
    draw_barcode(ImageDraw.Draw(img), run, -run.x, -run.y)
    return img


def text_image(run: TextRun) -> Image.Image:
    """One text line alone as a 1-bit image, 0 = black (for TSPL BITMAP)."""
    ink = line_ink(run.text, run.px, run.bold)
    img = Image.new("1", ink.size, WHITE)
    img.paste(BLACK, (0, 0), mask=ink)
    return img


def matrix_size(matrix: Matrix, module: int) -> tuple[int, int]:
    return matrix.width * module, len(matrix.rows) * module * matrix.row_modules


def png_bytes(img: Image.Image, dpi: int) -> bytes:
    """PNG of a label picture, tagged with its resolution."""
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(dpi, dpi), compress_level=1)
    return out.getvalue()


def packed_rows(img: Image.Image, black_is_one: bool = True) -> tuple[int, bytes]:
    """Rows of a 1-bit image packed 8 dots per byte, MSB first: (bytes per row, data)."""
    src = img if img.mode == "1" else img.convert("1")
    per_row = (src.width + 7) // 8
    if src.width % 8:  # pad with white ourselves so the padding never prints black
        padded = Image.new("1", (per_row * 8, src.height), WHITE)
        padded.paste(src, (0, 0))
        src = padded
    data = src.tobytes()  # PIL "1": bit 1 = white, MSB first
    if black_is_one:
        data = data.translate(_INVERT)
    return per_row, data


_INVERT = bytes(b ^ 0xFF for b in range(256))
