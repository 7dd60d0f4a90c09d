"""Collect translatable texts into ``resources/translations/station_<lang>.ts``.

``pyside6-lupdate`` cannot see our texts: the widgets call a module-level ``tr(text)``
helper and the Qt-free core marks texts with ``_()`` or passes them to verdict/error
constructors. This walks the sources with ``ast`` and writes (or merges into) the .ts file:
widget texts under each module's context, core texts under context ``station``. Existing
translations are kept. Then compile: ``pyside6-lrelease station_zh_CN.ts``.

    python -m ui.i18n_extract zh_CN
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
VERDICT_HELPERS = {"ok", "needs_action", "stop"}  # (code, text, ...)
ERRORS_TEXT_FIRST = {
    "ServiceError", "NotLoggedIn", "LoginFailed", "PermissionDenied", "NoOpenSession",
    "InvalidInput", "StoreUnavailable",
}
ERRORS_TEXT_SECOND = {"ScanError"}


def _const(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _context_of(tree: ast.Module) -> str | None:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate"
            and node.args
            and _const(node.args[0])
        ):
            return _const(node.args[0])
    return None


def ui_texts(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = _context_of(tree)
        if context is None or context == "station":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and (text := _const(node.args[0]))
            ):
                out.setdefault(context, [])
                if text not in out[context]:
                    out[context].append(text)
    return out


def core_texts(folder: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name, args = node.func.id, node.args
            text = None
            if name in ("_", "N_") and args:
                text = _const(args[0])
            elif name in VERDICT_HELPERS and len(args) >= 2:
                text = _const(args[1])
            elif name in ERRORS_TEXT_FIRST and args:
                text = _const(args[0])
            elif name in ERRORS_TEXT_SECOND and len(args) >= 2:
                text = _const(args[1])
            if text and text not in found:
                found.append(text)
    return found


def write_ts(lang: str, contexts: dict[str, list[str]], known: dict[tuple[str, str], str]) -> Path:
    root = ET.Element("TS", version="2.1", language=lang)
    for name in sorted(contexts):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for text in contexts[name]:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = text
            translation = ET.SubElement(msg, "translation")
            done = known.get((name, text))
            if done:
                translation.text = done
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    path = TS_DIR / f"station_{lang}.ts"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")
    return path


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    if not path.is_file():
        return {}
    known = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr_el = msg.find("translation")
            if tr_el is not None and tr_el.text and tr_el.get("type") != "unfinished":
                known[(name, msg.findtext("source") or "")] = tr_el.text
    return known


def main(argv: list[str]) -> int:
    lang = argv[0] if argv else "zh_CN"
    if not lang.replace("_", "").isalpha():
        print(f"usage: python -m ui.i18n_extract LANG [extra.tsv]  (LANG like zh_CN), not {lang!r}")
        return 2
    contexts = ui_texts(ROOT / "ui")
    core = core_texts(ROOT / "station")
    core += [t for t in core_texts(ROOT / "contract") if t not in core]  # same context
    core += [t for t in core_texts(ROOT / "drivers") if t not in core]
    core += [t for t in core_texts(ROOT / "ui") if t not in core]  # ui/ modules using _()
    contexts["station"] = core
    path = TS_DIR / f"station_{lang}.ts"
    known = read_ts(path)
    if len(argv) > 1:  # extra translations as a TSV file: context, source, translation
        for line in Path(argv[1]).read_text(encoding="utf-8").splitlines():
            if line.count("\t") == 2:
                c, s, t = line.split("\t")
                known[(c, s.replace("\\n", "\n"))] = t.replace("\\n", "\n")
    write_ts(lang, contexts, known)
    total = sum(len(v) for v in contexts.values())
    done = sum(1 for c, texts in contexts.items() for t in texts if (c, t) in known)
    print(f"{path}: {done}/{total} translated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
