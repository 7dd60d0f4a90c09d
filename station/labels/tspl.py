"""TSPL (TSC, Xprinter and most Chinese label printers) from a laid-out label.

Safety: one command per line; data is only ever inside a double-quoted string where ``"`` is
written ``\\["]``. Data that a quoted string cannot carry safely (backslashes, which start
TSPL escapes, and anything outside printable ASCII without a resident font) is sent as a
``BITMAP`` instead, so data can never end a string or start a command.
"""

from __future__ import annotations

from PIL import Image

from station.labels.layout import BarcodeRun, ImageRun, LaidOut, RectRun, TextRun
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import barcode_image, packed_rows, text_image


def quoted(data: str) -> str | None:
    """``data`` as a TSPL string literal, or None when it must not go in one."""
    if "\\" in data or any(ord(c) < 0x20 or ord(c) == 0x7F for c in data):
        return None
    return '"' + data.replace('"', '\\["]') + '"'


def _ascii(text: str) -> bool:
    return all(0x20 <= ord(c) <= 0x7E for c in text)


def _gb_printable(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def render_tspl(pages: list[LaidOut], options: RenderOptions = DEFAULT_OPTIONS) -> bytes:
    """A TSPL program per page (``SIZE``…``PRINT``); text UTF-8 (``CODEPAGE UTF-8``)."""
    return b"".join(_page(p, options) for p in pages)


def _page(laid: LaidOut, opt: RenderOptions) -> bytes:
    mm_w, mm_h = laid.width // laid.dpmm, laid.height // laid.dpmm
    out: list[bytes] = [
        f"SIZE {mm_w} mm,{mm_h} mm".encode(),
        f"GAP {opt.tspl_gap_mm} mm,0 mm".encode(),
        b"DIRECTION 0,0",
        b"REFERENCE 0,0",
        b"CODEPAGE UTF-8",
        b"CLS",
    ]
    for run in laid.runs:
        if isinstance(run, TextRun):
            out.append(_text(run, laid, opt))
        elif isinstance(run, BarcodeRun):
            out.append(_barcode(run))
        elif isinstance(run, RectRun):
            out.append(_rect(run))
        elif isinstance(run, ImageRun):
            out.append(bitmap(run.x, run.y, run.image))
    out.append(f"PRINT 1,{max(1, opt.copies)}".encode())
    return b"\r\n".join(out) + b"\r\n"


def _text(run: TextRun, laid: LaidOut, opt: RenderOptions) -> bytes:
    lit = quoted(run.text)
    if lit is not None and _ascii(run.text):
        # Font "0" is the printer's scalable font: size in points.
        pt = max(1, round(run.px * 72 / laid.dpi))
        return f'TEXT {run.left},{run.y},"0",0,{pt},{pt},{lit}'.encode()
    if lit is not None and opt.tspl_cjk_font and _gb_printable(run.text):
        mul = max(1, round(run.px / 24))  # TSS24.BF2 is 24 dots high
        return f'TEXT {run.left},{run.y},"{opt.tspl_cjk_font}",0,{mul},{mul},{lit}'.encode()
    return bitmap(run.left, run.y, text_image(run))


def _barcode(run: BarcodeRun) -> bytes:
    lit = quoted(run.data)
    if lit is not None:
        if run.symbology == "code128":
            return (
                f'BARCODE {run.x},{run.y},"128",{run.height},0,0,{run.module},{run.module},{lit}'
            ).encode()
        if run.symbology == "qr":
            return f"QRCODE {run.x},{run.y},M,{run.module},A,0,{lit}".encode()
        if run.symbology == "datamatrix" and _ascii(run.data):
            rows, cols = len(run.matrix.rows), run.matrix.width
            w, h = cols * run.module, rows * run.module
            return f"DMATRIX {run.x},{run.y},{w},{h},x{run.module},{rows},{cols},{lit}".encode()
        if run.symbology == "pdf417" and 2 <= run.module <= 9 and _ascii(run.data):
            w = run.matrix.width * run.module
            h = len(run.matrix.rows) * run.row_height
            return (
                f"PDF417 {run.x},{run.y},{w},{h},0,E2,W{run.module},H{run.row_height},{lit}"
            ).encode()
    # GS1 (FNC1) and anything not safely quotable: draw the modules ourselves.
    return bitmap(run.x, run.y, barcode_image(run))


def _rect(run: RectRun) -> bytes:
    if run.filled:
        return f"BAR {run.x},{run.y},{run.w},{run.h}".encode()
    return f"BOX {run.x},{run.y},{run.x + run.w - 1},{run.y + run.h - 1},{run.thickness}".encode()


def bitmap(x: int, y: int, img: Image.Image) -> bytes:
    """``BITMAP x,y,width_bytes,height,0,<raw>``: 0 bits print, 1 bits stay white."""
    per_row, data = packed_rows(img, black_is_one=False)
    return f"BITMAP {x},{y},{per_row},{img.height},0,".encode() + data
