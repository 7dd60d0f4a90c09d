"""One label layout model (mm) rendered to ZPL, TSPL, ESC/POS raster, PDF and PNG.

Public API (kept stable for the services and the UI)::

    render_label(template_name, data, language, dpi, options, printer_language) -> bytes
    render_preview_png(template_name, data, language, dpi) -> bytes
    build_label(template_name, data, language) -> list[Label]
    carrier_label_for_printer(shipment, printer_language, dpi) -> bytes
    carrier_print_job(shipment, printer_language, dpi) -> bytes | None
"""

from station.labels.api import (
    PRINTER_LANGUAGES,
    build_label,
    lay_out_pages,
    render_label,
    render_pages,
    render_preview_png,
)
from station.labels.carrier_labels import (
    carrier_label_for_printer,
    carrier_print_job,
    rasterise_pdf,
    zpl_refusal,
)
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
    "carrier_print_job",
    "lay_out_pages",
    "mask_name",
    "mask_phone",
    "rasterise_pdf",
    "render_label",
    "render_pages",
    "render_preview_png",
    "template_names",
    "zpl_refusal",
]
