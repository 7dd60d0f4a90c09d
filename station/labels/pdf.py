"""PDF (reportlab) of laid-out labels or sheets: vector text, rules and barcode modules.

Geometry comes from the same layout as the thermal renderers (dots at ``dpi``), converted to
points, so the PDF matches the preview and the printer; text uses the bundled CJK font,
embedded as a subset.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from station.labels.layout import BarcodeRun, ImageRun, LaidOut, RectRun, TextRun
from station.labels.raster import dark_runs
from station.labels.text import FONT_PATH, ascent, bold_stroke

FONT_NAME = "StationLabelFont"


@cache
def _register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH), subfontIndex=0))
    return FONT_NAME


def render_pdf(pages: list[LaidOut], title: str = "label") -> bytes:
    """A PDF with one page per laid-out label (all pages the size of the label)."""
    font_name = _register_font()
    out = io.BytesIO()
    first = pages[0]
    k = 72 / first.dpi  # points per dot
    canvas = Canvas(out, pagesize=(first.width * k, first.height * k), invariant=1)
    canvas.setTitle(title)
    canvas.setCreator("Packing Station")
    for laid in pages:
        k = 72 / laid.dpi
        page_h = laid.height * k
        canvas.setPageSize((laid.width * k, page_h))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        for run in laid.runs:
            if isinstance(run, TextRun):
                if not run.text:
                    continue
                baseline = ascent(run.px)
                text = canvas.beginText()
                text.setFont(font_name, run.px * k)
                if run.bold:
                    canvas.setLineWidth(bold_stroke(run.px) * k)
                    text.setTextRenderMode(2)  # fill and stroke: a heavier face
                text.setTextOrigin(run.left * k, page_h - (run.y + baseline) * k)
                text.textOut(run.text)
                canvas.drawText(text)
            elif isinstance(run, BarcodeRun):
                _barcode(canvas, run, k, page_h)
            elif isinstance(run, RectRun):
                _rect(canvas, run, k, page_h)
            elif isinstance(run, ImageRun):
                w, h = run.image.size
                canvas.drawImage(
                    ImageReader(run.image.convert("L")), run.x * k, page_h - (run.y + h) * k,
                    w * k, h * k,
                )  # fmt: skip
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _barcode(canvas: Canvas, run: BarcodeRun, k: float, page_h: float) -> None:
    m, rh = run.module, run.row_height
    path = canvas.beginPath()
    for r, row in enumerate(run.matrix.rows):
        y = run.y + r * rh
        for start, length in dark_runs(row):
            x = run.x + start * m
            path.rect(x * k, page_h - (y + rh) * k, length * m * k, rh * k)
    canvas.drawPath(path, stroke=0, fill=1)


def _rect(canvas: Canvas, run: RectRun, k: float, page_h: float) -> None:
    if run.filled:
        canvas.rect(run.x * k, page_h - (run.y + run.h) * k, run.w * k, run.h * k, 0, 1)
        return
    t = run.thickness
    canvas.setLineWidth(t * k)
    canvas.rect(
        (run.x + t / 2) * k, page_h - (run.y + run.h - t / 2) * k,
        (run.w - t) * k, (run.h - t) * k, 1, 0,
    )  # fmt: skip
