"""Labels the carrier made (``POST /v1/shipments``): passed to the printer, never redrawn.

ZPL goes unchanged to a ZPL printer, but only after a safety check: it is data from outside,
and a ZPL stream can reconfigure, reset or reprogram the printer. A PDF label is rasterised
(pypdfium2) at the printer's resolution and sent as a bitmap in the printer's language.
"""

from __future__ import annotations

import base64
import binascii
import re

from PIL import Image

from contract import Shipment
from station.i18n import _
from station.labels.escpos import ESC_INIT
from station.labels.model import LabelError, dots_per_mm
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import packed_rows, png_bytes
from station.labels.tspl import bitmap
from station.labels.zpl import gfa

# The widest common thermal print head: 4.09 in (832 dots at 203 dpi, 1248 at 300 dpi).
MAX_LABEL_WIDTH_MM = 104.5


def pdf_page_widths_mm(pdf: bytes) -> list[float]:
    """The width of each page of a PDF in mm; raises :class:`LabelError` when unreadable."""
    import pypdfium2 as pdfium  # imported here: only carrier PDFs and tests need it

    try:
        doc = pdfium.PdfDocument(pdf)
    except Exception as exc:  # pdfium raises its own error type for damaged files
        raise LabelError(
            _("The carrier's PDF label cannot be read: {why}").format(why=exc)
        ) from exc
    try:
        return [doc[i].get_width() / 72 * 25.4 for i in range(len(doc))]
    finally:
        doc.close()


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
        why = zpl_refusal(shipment.label_data)
        if why is not None:
            raise LabelError(why)
        return shipment.label_data.encode("utf-8")  # unchanged: the carrier owns its label
    try:
        pdf = base64.b64decode(shipment.label_data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise LabelError(_("The carrier's PDF label is not valid base64.")) from exc
    widths = pdf_page_widths_mm(pdf)
    if len(widths) != 1:
        raise LabelError(
            _("The carrier's PDF has {n} pages: one parcel needs exactly one label.").format(
                n=len(widths)
            )
        )
    if printer_language == "pdf":
        return pdf  # a document printer prints the carrier's own file
    if widths[0] > MAX_LABEL_WIDTH_MM:
        raise LabelError(
            _("The carrier's PDF label is {w} mm wide: wider than a label printer prints.").format(
                w=round(widths[0])
            )
        )
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


def carrier_print_job(shipment: Shipment, printer_language: str, dpi: int) -> bytes | None:
    """The bytes that print the carrier's own label on this printer, or None when the station
    must print its own template instead.

    None when the label cannot be printed as it is: ZPL for a printer that speaks another
    language, ZPL that fails :func:`zpl_refusal`, a PDF that is damaged, has more or fewer
    than one page, or is wider than a label printer. A PDF is rasterised for ``zpl``, ``tspl``
    and ``escpos`` printers (and ``png``), passed as it is to a ``pdf`` printer. Raises
    :class:`LabelError` only for the station's own mistake: an unsupported ``dpi``.
    """
    dots_per_mm(dpi)
    try:
        return carrier_label_for_printer(shipment, printer_language, dpi)
    except LabelError:
        return None


MAX_CARRIER_ZPL = 4_000_000  # characters; a 100x150 mm label with bitmaps is far smaller

# Caret commands a carrier label may use: those that only draw this one label (fields, fonts,
# barcodes, graphics, quantity) or that every label of ours sets again (^PW, ^LL, ^LH, ^CI).
# Everything else is refused: ^DF/^XF stored formats, ^ID/^EG deleting objects, ^IS/^IL/^IM
# images in printer memory, ^J*/^K* configuration (^JU saves it), ^N* network, ^S* settings,
# ^W* wireless/RFID, ^H* host queries, ^CC/^CD/^CT changing the command characters, and the
# settings that outlive the label and would spoil our next one or undo IT's calibration:
# ^CW font aliases (font 0 redefined), ^MN/^MT/^MM media and print mode, ^PR/^MD speed and
# darkness, ^LT/^LS label top and shift, ^PA, ^CV. Tilde commands are all device commands.
_ZPL_FAMILIES = frozenset("ABFG")  # ^A fonts, ^B barcodes, ^F fields, ^G graphics
_ZPL_ALLOWED = frozenset(
    {
        "XA", "XZ", "XB", "XG",  # format start/end, no backfeed, recall a graphic
        "CF", "CI",  # default font (ours are explicit), encoding (ours sets ^CI28)
        "LH", "LL", "PW", "PQ",  # home, length, width (ours set them), quantity
        "PF", "SN", "SF", "TB",  # slew, serial numbers, text block: this label only
    }
)  # fmt: skip
# Settings that outlive the label, accepted only with the printer's default value.
_ZPL_DEFAULT_ONLY = {"PO": "N", "LR": "N", "PM": "N", "MC": "Y"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def zpl_refusal(zpl: str) -> str | None:
    """Why a carrier's ZPL must not go to the printer, or None when it may.

    Accepted: exactly one label (one ``^XA`` … ``^XZ`` with nothing but white space around
    it), only caret commands that draw this label (see ``_ZPL_ALLOWED``; ``^PON``, ``^LRN``,
    ``^PMN``, ``^MCY`` as they are the printer's defaults), no tilde at all (a
    ``~`` starts a device command even inside field data: ``~JR`` resets the printer,
    ``~DG`` stores a graphic, ``~WC`` prints its configuration), no control bytes.
    """
    if len(zpl) > MAX_CARRIER_ZPL:
        return _("The carrier's ZPL label is too large ({n} characters).").format(n=len(zpl))
    body = zpl.strip()
    if "~" in body:
        return _("The carrier's ZPL label contains device commands (~): not sent.")
    if _CONTROL.search(body):
        return _("The carrier's ZPL label contains control bytes: not sent.")
    if not (body.startswith("^XA") and body.endswith("^XZ")):
        return _("The carrier's ZPL label must be one ^XA...^XZ format: not sent.")
    commands = [(part[:2].upper(), part[2:].strip().upper()) for part in body.split("^")[1:]]
    codes = [code for code, _params in commands]
    if codes.count("XA") != 1 or codes.count("XZ") != 1:
        return _("The carrier's ZPL holds more than one label: not sent.")
    for code, params in commands:
        allowed = code[:1] in _ZPL_FAMILIES or code in _ZPL_ALLOWED
        if not allowed and params != _ZPL_DEFAULT_ONLY.get(code, "not allowed"):
            return _(
                "The carrier's ZPL label uses ^{code}, which changes the printer: not sent."
            ).format(code=code + params[:12])
    return None
