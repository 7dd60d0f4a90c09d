"""ZPL II from a laid-out label, with every variable field escaped.

Safety: all field data goes through ``^FH`` hex escaping, so ``^``, ``~``, ``_`` and control
bytes in data reach the printer as ``_5E``, ``_7E``, ``_5F``, ``_0D``... and can never start
a command. Each text element is exactly one field (``^FB`` lines joined by ``\\&``, or one
``^GFA`` bitmap when font 0 cannot print it), so data cannot change the label's structure.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Callable
from functools import lru_cache

from PIL import Image

from station.labels.layout import BarcodeRun, ImageRun, LaidOut, RectRun, Run, TextRun
from station.labels.options import DEFAULT_OPTIONS, RenderOptions
from station.labels.raster import packed_rows
from station.labels.symbols import gs1_elements, gs1_fnc1_after
from station.labels.text import bold_stroke, line_height, line_ink, placed_glyphs

_JUSTIFY = {"left": "L", "center": "C", "right": "R"}


def fh(data: str, indicator: str = "_", special: str = "^~_") -> str:
    """Field data for ``^FH``: command prefixes, the indicator and control bytes as hex."""
    out = []
    for ch in data:
        o = ord(ch)
        if ch in special or o < 0x20 or 0x7F <= o <= 0x9F:
            out.append("".join(f"{indicator}{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def font0_can_print(text: str) -> bool:
    """Built-in font 0 under ``^CI28`` covers Latin-1; anything else needs another route."""
    return all(0x20 <= ord(c) <= 0x7E or 0xA0 <= ord(c) <= 0xFF for c in text)


def render_zpl(pages: list[LaidOut], options: RenderOptions = DEFAULT_OPTIONS) -> bytes:
    """One ``^XA…^XZ`` format per page, UTF-8 (``^CI28``)."""
    return b"".join(_page(p, options).encode("utf-8") for p in pages)


def _page(laid: LaidOut, opt: RenderOptions) -> str:
    out = ["^XA", "^CI28", f"^PW{laid.width}", f"^LL{laid.height}", "^LH0,0"]
    for group in _text_groups(laid.runs):
        if isinstance(group, list):
            out.append(_text(tuple(group), opt))
        elif isinstance(group, BarcodeRun):
            out.append(_barcode(group))
        elif isinstance(group, RectRun):
            out.append(_rect(group))
        elif isinstance(group, ImageRun):
            out.append(f"^FO{group.x},{group.y}{gfa(group.image)}^FS")
    out.append(f"^PQ{max(1, opt.copies)}")
    out.append("^XZ")
    return "\n".join(out) + "\n"


def _text_groups(runs: tuple[Run, ...]) -> list[Run | list[TextRun]]:
    """The lines of one text element become one group (one ZPL field)."""
    groups: list[Run | list[TextRun]] = []
    for run in runs:
        if isinstance(run, TextRun):
            last = groups[-1] if groups else None
            if isinstance(last, list) and last[-1].element == run.element:
                last.append(run)
            else:
                groups.append([run])
        else:
            groups.append(run)
    return groups


@lru_cache(maxsize=2048)
def _text(lines: tuple[TextRun, ...], opt: RenderOptions) -> str:
    """One text element as one ZPL field. Cached: most fields (headings, sender, carrier)
    are the same on every label of a template."""
    first = lines[0]
    text = [r.text for r in lines]
    spacing = (lines[1].y - first.y - first.px) if len(lines) > 1 else 0
    block = f"^FB{first.w},{len(lines)},{spacing},{_JUSTIFY[first.align]},0"
    if all(font0_can_print(t) for t in text):
        h = first.px
        w = first.px + (bold_stroke(first.px) * 2 if first.bold else 0)
        font = f"^A0N,{h},{w}"
    elif opt.zpl_cjk_font:
        font = f"^A@N,{first.px},{first.px},{opt.zpl_cjk_font}"
    else:
        key = tuple((r.text, r.px, r.bold, r.left - first.x, r.y - first.y) for r in lines)
        return f"^FO{first.x},{first.y}{_text_gfa(key)}^FS"
    # In ^FB, "\&" breaks a line and "\\" is a backslash: double data backslashes first.
    data = "\\&".join(fh(t.replace("\\", "\\\\")) for t in text)
    return f"^FO{first.x},{first.y}{font}{block}^FH^FD{data}^FS"


def _text_gfa(lines: tuple[tuple[str, int, bool, int, int], ...]) -> str:
    """``^GFA`` of text lines (text, px, bold, dx, dy), as wide as their ink reaches.

    The glyphs go straight into the field's bitmap, as ink (1 = black dot, ^GF's own bit
    order: no inverting, the padding to a whole byte stays white), exactly where
    :func:`line_ink` puts them for the preview."""
    per_line = [(text, px, bold, dx, dy, *placed_glyphs(text, px, bold))
                for text, px, bold, dx, dy in lines]  # fmt: skip
    per_row = (max(dx + width for *_, dx, _dy, _glyphs, width in per_line) + 7) // 8
    height = max(dy + line_height(px, bold) for _t, px, bold, _dx, dy, *_ in per_line)
    out = Image.new("1", (per_row * 8, height), 0)
    core = out.im  # the pasting core: Image.paste's checks cost more than the paste itself
    for text, px, bold, dx, dy, glyphs, _width in per_line:
        if any(x < 0 for x, _y, _img in glyphs):
            out.paste(1, (dx, dy), mask=line_ink(text, px, bold))  # cut at the line's origin
            continue
        for x, y, img in glyphs:
            core.paste(1, (dx + x, dy + y, dx + x + img.width, dy + y + img.height), img.im)
    data = out.tobytes()  # PIL "1" packs 8 dots a byte, MSB first, as ^GF wants
    return f"^GFA,{len(data)},{len(data)},{per_row},{z64(data)}"


def gfa(img: Image.Image) -> str:
    """``^GFA`` graphic field of a 1-bit image in Zebra's Z64 form (deflate + base64 + CRC).

    The field counts stay those of the uncompressed bitmap: total bytes, total bytes again
    (the field count for ``A``), bytes per row."""
    per_row, data = packed_rows(img, black_is_one=True)
    return f"^GFA,{len(data)},{len(data)},{per_row},{z64(data)}"


# zlib level 1: on label bitmaps (text lines, a whole rasterised PDF page) it is about twice
# as fast as the default level 6 for a payload only a few per cent larger (measured on the
# e-waybill's address line: 743 vs 716 bytes, 16 vs 27 us), and the bytes go over a LAN.
Z64_LEVEL = 1


def z64(data: bytes) -> str:
    """``:Z64:<base64 of zlib(data)>:<CRC>`` as Zebra's ZB64 encoding defines it.

    The ZPL II Programming Guide ("ZB64 Encoding and Compression", "B64 and Z64 Encoding")
    says the data is compressed with LZ77 (a zlib stream: printers accept the ``78 xx``
    header, as ZebraDesigner's own output starts ``eJ``), encoded with MIME base64, and
    followed by ``:`` and "four hexadecimal digits representing the CRC calculated over the
    encoded data". The CRC is CRC-16/XMODEM: polynomial 0x1021, initial value 0x0000, not
    reflected, no final XOR, written big-endian as 4 upper-case hex digits, computed over the
    base64 *text*. Checked against a Zebra-generated field published in
    github.com/BinaryKits/BinaryKits.Zpl discussion #178 (``^GFA,02560,02560,00020,:Z64:
    eJztVT2O…:D069``: XMODEM gives D069, the 0xFFFF-initialised "CCITT-FALSE" gives 0A91) and
    the same parameters in public Z64 encoders (e.g. ZplLibGraphics.swift "getCRCHexString":
    initial value 0x0000, polynomial 0x1021). ``binascii.crc_hqx(text, 0)`` is that CRC.
    """
    text = base64.b64encode(zlib.compress(data, Z64_LEVEL))
    return f":Z64:{text.decode('ascii')}:{binascii.crc_hqx(text, 0):04X}"


def _rect(run: RectRun) -> str:
    t = min(run.w, run.h) if run.filled else run.thickness
    return f"^FO{run.x},{run.y}^GB{run.w},{run.h},{t},B,0^FS"


def _barcode(run: BarcodeRun) -> str:
    head = f"^FO{run.x},{run.y}"
    if run.symbology in ("code128", "gs1_128"):
        data = code128_invocations(run.data, gs1=run.symbology == "gs1_128")
        return f"{head}^BY{run.module}^BCN,{run.height},N,N,N,N^FH^FD{fh(data)}^FS"
    if run.symbology == "qr":
        # ^BQ data: error level M, automatic input mode, then the data.
        return f"{head}^BQN,2,{min(run.module, 10)}^FH^FDMA,{fh(run.data)}^FS"
    if run.symbology in ("datamatrix", "gs1_datamatrix"):
        rows, cols = len(run.matrix.rows), run.matrix.width
        # ^BX escape character "_" (FNC1 = "_1"); data underscores as "_d095". ^FH then uses
        # "\" as its hex indicator so the two escapes never meet.
        if run.symbology == "gs1_datamatrix":
            data = _gs1_with(run.data, "_1", lambda v: v.replace("_", "_d095"))
        else:
            data = run.data.replace("_", "_d095")
        fd = fh(data, indicator="\\", special="^~\\")
        return f"{head}^BXN,{run.module},200,{cols},{rows},6,_^FH\\^FD{fd}^FS"
    if run.symbology == "pdf417":
        cols = max(1, (run.matrix.width - 69) // 17)
        rows = len(run.matrix.rows)
        return (
            f"{head}^BY{run.module}^B7N,{run.row_height},2,{cols},{rows},N"
            f"^FH^FD{fh(run.data)}^FS"
        )
    raise ValueError(run.symbology)  # unreachable: validated in layout


def _gs1_with(data: str, fnc1: str, value: Callable[[str], str] = str) -> str:
    elements = gs1_elements(data)
    out = [fnc1]
    for i, (ai, val) in enumerate(elements):
        out.append(ai + value(val))
        if i < len(elements) - 1 and gs1_fnc1_after(ai):
            out.append(fnc1)
    return "".join(out)


_B_SPECIAL = {">": ">0", "^": "><", "~": ">="}


def code128_invocations(data: str, gs1: bool = False) -> str:
    """Code 128 field data with explicit ZPL invocation codes (mode N).

    Subset C for runs of 4+ digits, subset B otherwise; ``>8`` is FNC1 for GS1-128; the
    characters ``>``, ``^``, ``~`` become their subset-B invocations so data cannot switch
    subsets or inject anything.
    """
    items: list[str | None] = []  # None = FNC1
    if gs1:
        elements = gs1_elements(data)
        items.append(None)
        for i, (ai, val) in enumerate(elements):
            items.extend(ai + val)
            if i < len(elements) - 1 and gs1_fnc1_after(ai):
                items.append(None)
    else:
        items.extend(data)

    def digit_run(i: int) -> int:
        n = 0
        while i + n < len(items) and (c := items[i + n]) is not None and c.isdigit():
            n += 1
        return n

    out: list[str] = []
    subset = ""
    i = 0
    while i < len(items):
        item = items[i]
        if item is None:
            out.append(">;>8" if not subset else ">8")  # FNC1 at the start opens subset C
            subset = subset or "C"
            i += 1
            continue
        run = digit_run(i)
        at_end = i + run == len(items)
        if run >= 4 or (run >= 2 and run % 2 == 0 and at_end and subset == "C"):
            if subset != "C":
                if run % 2:  # odd run: one digit in B first, the rest pairs in C
                    out.append(">:" if not subset else "")
                    subset = subset or "B"
                    out.append(item)
                    i += 1
                    run -= 1
                out.append(">;" if not subset else ">5")
                subset = "C"
            pairs = run - run % 2
            out.append("".join(items[i + k] or "" for k in range(pairs)))
            i += pairs
            continue
        if subset != "B":
            out.append(">:" if not subset else ">6")
            subset = "B"
        out.append(_B_SPECIAL.get(item, item))
        i += 1
    return "".join(out)
