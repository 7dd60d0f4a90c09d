"""The calls the services and the UI use: template + typed data → printer bytes or preview."""

from __future__ import annotations

from collections.abc import Mapping

from station.i18n import _
from station.labels.data import LabelInput, ManifestData, ParcelLabelData, SkuLabelData
from station.labels.escpos import render_escpos
from station.labels.layout import LaidOut, lay_out
from station.labels.model import Label, LabelError
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import png_bytes, rasterise
from station.labels.templates import bind, load_template
from station.labels.tspl import render_tspl
from station.labels.zpl import render_zpl

PRINTER_LANGUAGES = ("zpl", "tspl", "escpos", "pdf", "png")
_KINDS = {"parcel": ParcelLabelData, "sku": SkuLabelData, "manifest": ManifestData}


def _language(language: str) -> str:
    return "zh" if language.lower().startswith("zh") else "en"


def build_label(
    template_name: str, data: LabelInput | Mapping[str, str], language: str = "en"
) -> list[Label]:
    """The filled pages of ``template_name`` (one page except for long manifests).

    ``data`` is the template's typed input (:class:`ParcelLabelData`, :class:`SkuLabelData`,
    :class:`ManifestData`) or, for tests and self-test labels, a mapping of field values.
    """
    tpl = load_template(template_name)
    lang = _language(language)
    if isinstance(data, Mapping):
        return bind(tpl, data, lang)
    expected = _KINDS[tpl.kind]
    if not isinstance(data, expected):
        raise LabelError(
            _("Label template {name} needs {kind} data.").format(name=tpl.name, kind=tpl.kind)
        )
    rows = data.rows() if isinstance(data, ManifestData) else None
    return bind(tpl, data.fields(lang), lang, rows)


def lay_out_pages(pages: list[Label], dpi: int) -> list[LaidOut]:
    return [lay_out(p, dpi) for p in pages]


def render_pages(
    pages: list[LaidOut], printer_language: str, options: RenderOptions = DEFAULT_OPTIONS
) -> bytes:
    """Bytes for a printer (``zpl``, ``tspl``, ``escpos``) or a document (``pdf``, ``png``)."""
    if printer_language == "zpl":
        return render_zpl(pages, options)
    if printer_language == "tspl":
        return render_tspl(pages, options)
    if printer_language == "escpos":
        return render_escpos(pages, options)
    if printer_language == "pdf":
        from station.labels.pdf import render_pdf  # reportlab: only when a PDF is wanted

        return render_pdf(pages, pages[0].name)
    if printer_language == "png":
        return png_bytes(rasterise(pages[0]), pages[0].dpi)
    raise LabelError(
        _("Printer language {lang!r} is not supported: use ZPL, TSPL or ESC/POS.").format(
            lang=printer_language
        )
    )


def render_label(
    template_name: str,
    data: LabelInput | Mapping[str, str],
    language: str = "en",
    dpi: int = 203,
    options: RenderOptions = DEFAULT_OPTIONS,
    printer_language: str = "zpl",
) -> bytes:
    """Everything to print ``template_name`` filled with ``data`` on a ``dpi`` printer.

    Raises :class:`LabelError` (with a message for the packer) when the data cannot make a
    correct label, e.g. a tracking number failing its check digit or an unencodable barcode.
    """
    pages = lay_out_pages(build_label(template_name, data, language), dpi)
    return render_pages(pages, printer_language, options)


def render_preview_png(
    template_name: str,
    data: LabelInput | Mapping[str, str],
    language: str = "en",
    dpi: int = 203,
    page: int = 1,
) -> bytes:
    """A PNG of page ``page`` exactly as the thermal printer would print it."""
    pages = build_label(template_name, data, language)
    if not 1 <= page <= len(pages):
        raise LabelError(_("This label has no page {page}.").format(page=page))
    laid = lay_out(pages[page - 1], dpi)
    return png_bytes(rasterise(laid), dpi)
