"""Printer-side choices that change the bytes a renderer produces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """How to render for one configured printer.

    ``zpl_cjk_font``: a TrueType font resident on the Zebra printer (e.g. ``"E:SIMSUN.TTF"``);
    without it, text that font 0 cannot print is sent as a ``^GFA`` bitmap.
    ``tspl_cjk_font``: the TSPL printer's GB font (``"TSS24.BF2"``); without it, a ``BITMAP``.
    ``escpos_max_width``: printable width of an ESC/POS printer in dots (80 mm paper: 576).
    """

    zpl_cjk_font: str | None = None
    tspl_cjk_font: str | None = None
    tspl_gap_mm: int = 2
    copies: int = 1
    escpos_max_width: int = 832
    escpos_cut: bool = True


DEFAULT_OPTIONS = RenderOptions()
