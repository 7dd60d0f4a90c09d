"""One label layout model (mm) rendered to ZPL, TSPL, ESC/POS raster, PDF and PNG.

Public API (kept stable for the services and the UI)::

    render_label(template_name, data, language, dpi, options, printer_language) -> bytes
    render_preview_png(template_name, data, language, dpi) -> bytes
    build_label(template_name, data, language) -> list[Label]
    carrier_label_for_printer(shipment, printer_language, dpi) -> bytes
"""

from station.labels.api import (
    PRINTER_LANGUAGES,
    build_label,
    lay_out_pages,
    render_label,
    render_pages,
    render_preview_png,
)
from station.labels.carrier_labels import carrier_label_for_printer, rasterise_pdf
from station.labels.data import (
    ManifestData,
    ManifestParcel,
    ParcelLabelData,
    SkuLabelData,
    mask_name,
    mask_phone,
)
from station.labels.model import LabelDataError, LabelError
from station.labels.options import RenderOptions
from station.labels.templates import template_names

__all__ = [
    "PRINTER_LANGUAGES",
    "LabelDataError",
    "LabelError",
    "ManifestData",
    "ManifestParcel",
    "ParcelLabelData",
    "RenderOptions",
    "SkuLabelData",
    "build_label",
    "carrier_label_for_printer",
    "lay_out_pages",
    "mask_name",
    "mask_phone",
    "rasterise_pdf",
    "render_label",
    "render_pages",
    "render_preview_png",
    "template_names",
]
