"""Labels the carrier made (``POST /v1/shipments``): passed to the printer, never redrawn.

ZPL goes unchanged to a ZPL printer. A PDF label is rasterised (pypdfium2) at the printer's
resolution and sent as a bitmap in the printer's language.
"""

from __future__ import annotations

import base64
import binascii

from PIL import Image

from station.i18n import _
from station.labels.escpos import ESC_INIT
from station.labels.model import LabelError, dots_per_mm
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import packed_rows, png_bytes
from station.labels.tspl import bitmap
from station.labels.zpl import gfa
from station.sync.contract import Shipment


def rasterise_pdf(pdf: bytes, dpi: int, page: int = 0) -> Image.Image:
    """One page of a PDF as a 1-bit image at ``dpi`` (mode ``"1"``, 0 = black)."""
    import pypdfium2 as pdfium  # imported here: only carrier PDFs and tests need it

    try:
        doc = pdfium.PdfDocument(pdf)
    except Exception as exc:  # pdfium raises its own error type for damaged files
        raise LabelError(
            _("The carrier's PDF label cannot be read: {why}").format(why=exc)
        ) from exc
    try:
        if not 0 <= page < len(doc):
            raise LabelError(_("The carrier's PDF label has no page {n}.").format(n=page + 1))
        bitmap_ = doc[page].render(scale=dpi / 72, grayscale=True)
        img = bitmap_.to_pil().convert("L")
    finally:
        doc.close()
    return img.point(lambda v: 255 if v >= 160 else 0).convert("1")


def carrier_label_for_printer(
    shipment: Shipment,
    printer_language: str,
    dpi: int = 203,
    options: RenderOptions = DEFAULT_OPTIONS,
) -> bytes:
    """Bytes to print a carrier-provided label on a ``printer_language`` printer."""
    dots_per_mm(dpi)  # refuses unsupported resolutions with a clear message
    if shipment.label_format == "zpl":
        if printer_language != "zpl":
            raise LabelError(
                _(
                    "The carrier sent a ZPL label but this printer speaks {lang}: "
                    "ask for a PDF label or use a ZPL printer."
                ).format(lang=printer_language.upper())
            )
        return shipment.label_data.encode("utf-8")  # unchanged: the carrier owns its label
    try:
        pdf = base64.b64decode(shipment.label_data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise LabelError(_("The carrier's PDF label is not valid base64.")) from exc
    img = rasterise_pdf(pdf, dpi)
    if printer_language == "zpl":
        return (
            f"^XA\n^PW{img.width}\n^LL{img.height}\n^FO0,0{gfa(img)}^FS\n"
            f"^PQ{max(1, options.copies)}\n^XZ\n"
        ).encode()
    if printer_language == "tspl":
        dpmm = dots_per_mm(dpi)
        return b"\r\n".join(
            [
                f"SIZE {img.width // dpmm} mm,{img.height // dpmm} mm".encode(),
                f"GAP {options.tspl_gap_mm} mm,0 mm".encode(),
                b"CLS",
                bitmap(0, 0, img),
                f"PRINT 1,{max(1, options.copies)}".encode(),
            ]
        ) + b"\r\n"
    if printer_language == "escpos":
        per_row, data = packed_rows(img, black_is_one=True)
        head = bytes((per_row & 0xFF, per_row >> 8, img.height & 0xFF, img.height >> 8))
        return ESC_INIT + b"\x1dv0\x00" + head + data + b"\x1bd\x03\x1dV\x42\x00"
    if printer_language == "png":
        return png_bytes(img, dpi)
    raise LabelError(
        _("Printer language {lang!r} is not supported: use ZPL, TSPL or ESC/POS.").format(
            lang=printer_language
        )
    )
