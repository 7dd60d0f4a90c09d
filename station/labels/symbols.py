"""Barcode data: validation per symbology, and module matrices from zint for drawing.

Printers that can draw a symbology natively get the data; PNG, PDF, ESC/POS and bitmap
fallbacks draw the modules of the matrix returned here, so what is decoded from a preview is
exactly what the encoder was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import zint

from station.i18n import _
from station.labels.model import LabelDataError

_GS1_ELEMENT = re.compile(r"\((\d{2,4})\)([^()]+)")
# AIs whose length is predefined by their first two digits: no FNC1 separator after them.
_GS1_FIXED = {
    "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
    "31", "32", "33", "34", "35", "36", "41",
}  # fmt: skip
_LIMITS = {"code128": 48, "gs1_128": 48, "qr": 1200, "datamatrix": 1200,
           "gs1_datamatrix": 400, "pdf417": 800}  # fmt: skip


@dataclass(frozen=True)
class Matrix:
    """Modules of an encoded symbol: ``rows`` of booleans (True = dark). Linear codes have
    one row; PDF417 rows are ``row_modules`` modules tall each."""

    rows: tuple[tuple[bool, ...], ...]
    width: int
    row_modules: int = 1


def gs1_elements(data: str) -> list[tuple[str, str]]:
    """``(01)0950...(10)AB`` → ``[("01", "0950..."), ("10", "AB")]``; raises on a malformed one."""
    elements = _GS1_ELEMENT.findall(data)
    if not elements or "".join(f"({a}){v}" for a, v in elements) != data:
        raise LabelDataError(
            _(
                "GS1 data {data!r} must be written as (AI)value pairs, e.g. (01)09501101530003."
            ).format(data=data[:60])
        )
    return elements


def gs1_fnc1_after(ai: str) -> bool:
    """Whether a variable-length element needs an FNC1 separator before the next one."""
    return ai[:2] not in _GS1_FIXED


def validate(symbology: str, data: str) -> str:
    """Check that ``data`` can be encoded in ``symbology``; returns it unchanged.

    Raises :class:`LabelDataError` with a readable message otherwise (wrong characters,
    too long, GS1 check digit or AI errors as reported by the encoder).
    """
    if not data:
        raise LabelDataError(_("A barcode on this label has no data to encode."))
    limit = _LIMITS.get(symbology)
    if limit is None:
        raise LabelDataError(_("Unknown barcode type {kind!r}.").format(kind=symbology))
    if len(data) > limit:
        raise LabelDataError(
            _("Barcode data is too long ({n} characters, at most {limit}).").format(
                n=len(data), limit=limit
            )
        )
    if symbology in ("code128", "gs1_128", "gs1_datamatrix") and not all(
        " " <= c <= "~" for c in data
    ):
        raise LabelDataError(
            _("Barcode data {data!r} may only contain printable ASCII characters.").format(
                data=data[:60]
            )
        )
    if symbology.startswith("gs1"):
        gs1_elements(data)
    encode(symbology, data)  # the encoder checks GS1 AIs and check digits
    return data


# Byte -> its 8 modules, least significant bit first (zint's order): unpacking a matrix by
# table instead of bit by bit keeps barcode layout well under a millisecond.
_LSB_FIRST = [tuple(bool(b >> i & 1) for i in range(8)) for b in range(256)]


@lru_cache(maxsize=256)
def encode(symbology: str, data: str) -> Matrix:
    """Encode ``data``; the module matrix. Raises :class:`LabelDataError` if impossible."""
    sym = zint.Symbol()
    if symbology == "code128":
        sym.symbology = zint.Symbology.CODE128
    elif symbology == "gs1_128":
        sym.symbology = zint.Symbology.GS1_128
        sym.input_mode = zint.InputMode.GS1 | zint.InputMode.GS1PARENS
    elif symbology == "qr":
        sym.symbology = zint.Symbology.QRCODE
        sym.input_mode = zint.InputMode.UNICODE
        sym.option_1 = 2  # error correction M
    elif symbology == "datamatrix":
        sym.symbology = zint.Symbology.DATAMATRIX
        sym.input_mode = zint.InputMode.UNICODE
        sym.option_3 = zint.DataMatrixOptions.SQUARE
    elif symbology == "gs1_datamatrix":
        sym.symbology = zint.Symbology.DATAMATRIX
        sym.input_mode = zint.InputMode.GS1 | zint.InputMode.GS1PARENS
        sym.option_3 = zint.DataMatrixOptions.SQUARE
    elif symbology == "pdf417":
        sym.symbology = zint.Symbology.PDF417
        sym.input_mode = zint.InputMode.UNICODE
        sym.option_1 = 2  # error correction level 2
    else:
        raise LabelDataError(_("Unknown barcode type {kind!r}.").format(kind=symbology))
    if symbology.startswith("gs1"):
        sym.warn_level = zint.WarningLevel.FAIL_ALL  # a wrong GS1 check digit is an error
    elif not data.isascii():
        sym.eci = 26  # UTF-8, declared: readers then decode Chinese text correctly
    try:
        sym.encode(data)
    except Exception as exc:  # zint reports bad GS1 data, check digits, overflow here
        raise LabelDataError(
            _("Barcode data {data!r} cannot be encoded: {why}").format(data=data[:60], why=exc)
        ) from exc
    if sym.rows < 1 or sym.width < 1:
        raise LabelDataError(
            _("Barcode data {data!r} cannot be encoded.").format(data=data[:60])
        )
    bits = sym.encoded_data  # rows of bytes, least significant bit first
    raw, used = bits.tobytes(), (sym.width + 7) // 8
    stride = len(raw) // len(bits)  # bytes per row of zint's fixed-size buffer
    rows = tuple(
        tuple(chain.from_iterable(_LSB_FIRST[b] for b in raw[r * stride : r * stride + used]))[
            : sym.width
        ]
        for r in range(sym.rows)
    )
    row_modules = 1
    if symbology == "pdf417":
        row_modules = max(1, round(sym.height / sym.rows))
    return Matrix(rows, sym.width, row_modules)
