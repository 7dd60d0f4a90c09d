"""Which label a parcel gets: template by carrier, resolution and fonts by printer."""

from __future__ import annotations

from dataclasses import dataclass

from station.config import Settings
from station.labels.options import RenderOptions

EWAYBILL_TEMPLATE = "ewaybill_100x180"


@dataclass(frozen=True)
class LabelSetup:
    """Everything the label step needs besides the parcel's data."""

    template: str
    dpi: int
    options: RenderOptions


def label_setup(
    settings: Settings, carrier_code: str, carrier_country: str | None = None
) -> LabelSetup:
    """The template, dpi and render options for a parcel of ``carrier_code``.

    Template: the ``[labels] carrier_templates`` entry of the carrier (Chinese carriers
    default to the 100x180 mm e-waybill), else the e-waybill for any carrier based in China
    (``carrier_country`` "CN"), else ``[labels] default_template`` (100x150 mm). Resolution
    from ``[printer] dpi``; ``[printer] cjk_font`` goes to the renderer of the printer's
    language, so Chinese text uses the printer's font instead of a bitmap.
    """
    labels = settings.labels
    template = labels.carrier_templates.get(carrier_code.strip().upper())
    if template is None:
        china = (carrier_country or "").strip().upper() == "CN"
        template = EWAYBILL_TEMPLATE if china else labels.default_template
    printer = settings.printer
    language = (printer.protocol or "zpl").lower()
    options = RenderOptions(
        zpl_cjk_font=printer.cjk_font if language == "zpl" else None,
        tspl_cjk_font=printer.cjk_font if language == "tspl" else None,
    )
    return LabelSetup(template, printer.dpi, options)
