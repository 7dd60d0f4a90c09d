"""Label templates: data files in ``resources/labels/*.toml`` bound to typed data.

A template lists elements in millimetres. ``text`` and barcode ``data`` may hold
``{field}`` placeholders, filled from the data's fields; ``text`` may also be a table of
languages (``{ en = "Ship to", zh = "收件人" }``). An element with ``when = "field"`` is
only printed when that field is not empty. A ``table`` element (manifest sheets) repeats
rows of data and spreads over as many pages as needed. An ``image`` element prints a picture
(e.g. a carrier logo) stored beside the templates.
"""

from __future__ import annotations

import base64
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from station.i18n import _
from station.labels.model import (
    SYMBOLOGIES,
    Barcode,
    Box,
    Element,
    Image,
    Label,
    LabelError,
    Line,
    Text,
)
from station.resources import resource_dir

TEMPLATE_DIR = resource_dir() / "labels"
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    kind: str  # parcel | sku | manifest: which data it takes
    width: float
    height: float
    elements: tuple[Mapping[str, Any], ...]


def template_names() -> list[str]:
    """Names of the templates shipped in ``resources/labels``."""
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.toml"))


@cache
def load_template(name: str) -> Template:
    """Read and check one template file; raises :class:`LabelError` when it is unusable."""
    path = TEMPLATE_DIR / f"{name}.toml"
    if not name.replace("_", "").isalnum() or not path.is_file():
        raise LabelError(_("There is no label template called {name!r}.").format(name=name))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        tpl = Template(
            name=name,
            title=str(raw.get("title", name)),
            kind=str(raw["kind"]),
            width=float(raw["width"]),
            height=float(raw["height"]),
            elements=tuple(raw.get("elements", ())),
        )
        if tpl.kind not in ("parcel", "sku", "manifest"):
            raise ValueError(f"unknown kind {tpl.kind!r}")
        for el in tpl.elements:
            _check_element(el)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise LabelError(
            _("Label template {name} is broken: {why}. Ask IT to fix it.").format(
                name=name, why=exc
            )
        ) from exc
    return tpl


def _check_element(el: Mapping[str, Any]) -> None:
    kind = el.get("type")
    if kind not in ("text", "barcode", "line", "box", "table", "image"):
        raise ValueError(f"unknown element type {kind!r}")
    if kind == "barcode" and el.get("symbology") not in SYMBOLOGIES:
        raise ValueError(f"unknown symbology {el.get('symbology')!r}")
    if kind == "image" and "field" not in el:  # a fixed picture (logo) beside the template
        path = (TEMPLATE_DIR / str(el["path"])).resolve()
        if TEMPLATE_DIR.resolve() not in path.parents or not path.is_file():
            raise ValueError(f"picture {el['path']!r} is not a file beside the template")


def bind(
    tpl: Template,
    fields: Mapping[str, str],
    language: str,
    rows: list[Mapping[str, str]] | None = None,
) -> list[Label]:
    """The pages of a template filled with ``fields`` (and table ``rows``)."""
    table = next((el for el in tpl.elements if el["type"] == "table"), None)
    per_page = int(table["rows_per_page"]) if table else 0
    rows = rows or []
    page_count = max(1, -(-len(rows) // per_page)) if per_page else 1
    pages = []
    for page in range(page_count):
        page_fields = dict(fields, page=str(page + 1), pages=str(page_count))
        elements: list[Element] = []
        for el in tpl.elements:
            when = el.get("when")
            if when and not page_fields.get(when):
                continue
            if el["type"] == "table":
                elements.extend(_table(el, rows[page * per_page : (page + 1) * per_page], language))
            else:
                elements.append(_element(el, page_fields, language))
        pages.append(Label(tpl.name, tpl.width, tpl.height, tuple(elements)))
    return pages


def _fill(value: Any, fields: Mapping[str, str], language: str) -> str:
    if isinstance(value, Mapping):
        value = value.get(language, value.get("en", ""))
    template = str(value)
    out = []
    # Only the template's own text is parsed for {placeholders}; field values are inserted
    # as they are, so a "{" in data is printed, never interpreted.
    for literal, name, _spec, _conv in _FORMATTER.parse(template):
        out.append(literal)
        if name is not None:
            if name not in fields:
                raise LabelError(
                    _("Label template field {name!r} is unknown. Ask IT to fix it.").format(
                        name=name
                    )
                )
            out.append(str(fields[name]))
    return "".join(out)


def _element(el: Mapping[str, Any], fields: Mapping[str, str], language: str) -> Element:
    kind = el["type"]
    if kind == "text":
        return Text(
            x=float(el["x"]), y=float(el["y"]), w=float(el["w"]),
            text=_fill(el["text"], fields, language),
            size=float(_per_language(el.get("size", 3), language)),
            bold=bool(el.get("bold", False)), align=el.get("align", "left"),
            max_lines=int(el.get("max_lines", 1)), line_gap=float(el.get("line_gap", 0.2)),
        )  # fmt: skip
    if kind == "barcode":
        return Barcode(
            x=float(el["x"]), y=float(el["y"]), symbology=el["symbology"],
            data=_fill(el["data"], fields, language), module=float(el.get("module", 0.375)),
            height=float(el.get("height", 15)), human_readable=bool(el.get("hr", False)),
            max_w=float(el["max_w"]) if "max_w" in el else None,
        )  # fmt: skip
    if kind == "image":
        # ``field``: a picture that comes with the data (the driver's signature), as base64
        # PNG in that field; ``path``: a fixed one beside the template
        png = (base64.b64decode(fields.get(str(el["field"]), "") or "") if "field" in el
               else _picture(str(el["path"])))
        return Image(
            x=float(el["x"]), y=float(el["y"]), w=float(el["w"]), h=float(el["h"]), png=png,
        )  # fmt: skip
    if kind == "line":
        return Line(
            x=float(el["x"]), y=float(el["y"]), length=float(el["length"]),
            vertical=bool(el.get("vertical", False)), thickness=float(el.get("thickness", 0.4)),
        )  # fmt: skip
    return Box(
        x=float(el["x"]), y=float(el["y"]), w=float(el["w"]), h=float(el["h"]),
        thickness=float(el.get("thickness", 0.4)), filled=bool(el.get("filled", False)),
    )  # fmt: skip


def _per_language(value: Any, language: str) -> Any:
    """A value, or a table of values by language (``{ en = 3.4, zh = 6 }``)."""
    if isinstance(value, Mapping):
        return value.get(language, value.get("en"))
    return value


@cache
def _picture(path: str) -> bytes:
    return (TEMPLATE_DIR / path).read_bytes()


def _table(el: Mapping[str, Any], rows: list[Mapping[str, str]], language: str) -> list[Element]:
    """Header, one text per cell, and a rule under each row."""
    x0, y, row_h = float(el["x"]), float(el["y"]), float(el["row_height"])
    size = float(el.get("size", 3))
    columns = el["columns"]
    width = sum(float(c["w"]) for c in columns)
    out: list[Element] = []
    for cells, bold in [(None, True), *((r, False) for r in rows)]:
        x = x0
        for col in columns:
            value = _fill(col["title"], {}, language) if cells is None else cells[col["field"]]
            out.append(Text(x=x + 0.8, y=y + (row_h - size) / 2, w=float(col["w"]) - 1.6,
                            text=value, size=size, bold=bold))  # fmt: skip
            x += float(col["w"])
        y += row_h
        out.append(Line(x=x0, y=y, length=width, thickness=0.3))
    return out
