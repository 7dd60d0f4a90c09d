"""The label layout model: what goes where, in millimetres, independent of any printer.

A template (``resources/labels/*.toml``) is bound to typed data and becomes a :class:`Label`
whose elements carry their final text and barcode data. Every renderer (ZPL, TSPL, ESC/POS,
PDF, PNG) works from the same :class:`Label`, laid out once per resolution by
:mod:`station.labels.layout`, so a preview shows what the printer prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from station.i18n import _

Align = Literal["left", "center", "right"]
Symbology = Literal["code128", "gs1_128", "qr", "datamatrix", "gs1_datamatrix", "pdf417"]
SYMBOLOGIES: tuple[str, ...] = (
    "code128", "gs1_128", "qr", "datamatrix", "gs1_datamatrix", "pdf417",
)  # fmt: skip
LINEAR: frozenset[str] = frozenset({"code128", "gs1_128"})


class LabelError(ValueError):
    """A label cannot be built as asked. ``str()`` is a sentence for a packer or IT admin."""


class LabelDataError(LabelError):
    """A field's value cannot be printed (e.g. a barcode that cannot hold it)."""


@dataclass(frozen=True)
class Text:
    """Text in the box ``x, y, w`` (mm), ``size`` mm high per line.

    Wrapped at spaces (and between CJK characters) onto at most ``max_lines`` lines; text that
    does not fit ends with a visible ``...``.
    """

    x: float
    y: float
    w: float
    text: str
    size: float = 3.0
    bold: bool = False
    align: Align = "left"
    max_lines: int = 1
    line_gap: float = 0.2  # extra space between lines, as a fraction of size


@dataclass(frozen=True)
class Barcode:
    """A barcode at ``x, y`` (mm) with module (narrow bar / cell) width ``module`` mm.

    Linear codes are ``height`` mm tall and may be shrunk to fit ``max_w``; 2D codes grow
    with their data. GS1 data is written in the human form ``(01)09501101530003(10)AB1``.
    """

    x: float
    y: float
    symbology: Symbology
    data: str
    module: float = 0.375
    height: float = 15.0
    human_readable: bool = False
    max_w: float | None = None


@dataclass(frozen=True)
class Line:
    """A horizontal or vertical rule from ``x, y`` of length ``length`` mm."""

    x: float
    y: float
    length: float
    vertical: bool = False
    thickness: float = 0.4


@dataclass(frozen=True)
class Box:
    """A rectangle outline (or solid when ``filled``)."""

    x: float
    y: float
    w: float
    h: float
    thickness: float = 0.4
    filled: bool = False


@dataclass(frozen=True)
class Image:
    """A monochrome picture (e.g. a carrier logo) scaled into ``w`` × ``h`` mm."""

    x: float
    y: float
    w: float
    h: float
    png: bytes = field(repr=False, default=b"")


Element = Text | Barcode | Line | Box | Image


@dataclass(frozen=True)
class Label:
    """One printed label (or one page of a sheet): size in mm and its elements."""

    name: str
    width: float
    height: float
    elements: tuple[Element, ...]

    def __post_init__(self) -> None:
        if not (5 <= self.width <= 300 and 5 <= self.height <= 450):
            raise LabelError(
                _("Label {name} has an impossible size {w}×{h} mm.").format(
                    name=self.name, w=self.width, h=self.height
                )
            )


def mm_to_dots(mm: float, dots_per_mm: int) -> int:
    """Millimetres to printer dots, rounded (8 dots/mm at 203 dpi, 12 at 300 dpi)."""
    return round(mm * dots_per_mm)


def dots_per_mm(dpi: int) -> int:
    """Printer dots per millimetre for the supported resolutions."""
    table = {203: 8, 300: 12, 600: 24}
    if dpi not in table:
        raise LabelError(
            _("Printer resolution {dpi} dpi is not supported: use 203 or 300 dpi.").format(dpi=dpi)
        )
    return table[dpi]
