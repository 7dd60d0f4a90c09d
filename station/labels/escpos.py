"""ESC/POS raster (``GS v 0``) of a whole label, for receipt-style printers.

The label is rasterised once and sent as bands of raster lines, so no field data ever
reaches the printer as text: nothing in the data can be read as a command.
"""

from __future__ import annotations

from station.i18n import _
from station.labels.layout import LaidOut
from station.labels.model import LabelError
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import packed_rows, rasterise

ESC_INIT = b"\x1b@"
BAND_ROWS = 256  # rows per GS v 0 command; small bands suit printers with small buffers


def render_escpos(pages: list[LaidOut], options: RenderOptions = DEFAULT_OPTIONS) -> bytes:
    """``ESC @``, raster bands, feed and (optionally) cut, per page and copy."""
    out = bytearray()
    for laid in [p for p in pages for _copy in range(max(1, options.copies))]:
        if laid.width > options.escpos_max_width:
            raise LabelError(
                _(
                    "Label {name} is {mm} mm wide, wider than this printer can print "
                    "({max} dots): choose a label printer or a smaller template."
                ).format(name=laid.name, mm=laid.width // laid.dpmm, max=options.escpos_max_width)
            )
        img = rasterise(laid)
        per_row, data = packed_rows(img, black_is_one=True)
        out += ESC_INIT
        for top in range(0, img.height, BAND_ROWS):
            rows = min(BAND_ROWS, img.height - top)
            out += b"\x1dv0\x00" + bytes(
                (per_row & 0xFF, per_row >> 8, rows & 0xFF, rows >> 8)
            )
            out += data[top * per_row : (top + rows) * per_row]
        out += b"\x1bd\x03"  # feed 3 lines past the tear bar
        if options.escpos_cut:
            out += b"\x1dV\x42\x00"  # feed to the cutter and cut
    return bytes(out)
