"""Simplified Chinese ships complete: every user-visible text in the sources is translated,
with its {placeholders} intact, and the compiled catalogue matches the .ts file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ui.i18n_extract import ROOT, core_texts, read_ts, ui_texts

TS = ROOT / "resources" / "translations" / "station_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _source_texts() -> set[tuple[str, str]]:
    contexts = ui_texts(ROOT / "ui")
    contexts["station"] = (core_texts(ROOT / "station") + core_texts(ROOT / "contract")
                           + core_texts(ROOT / "drivers"))
    return {(c, t) for c, texts in contexts.items() for t in texts}


def test_every_text_in_the_sources_has_a_chinese_translation():
    known = read_ts(TS)
    missing = sorted(s for s in _source_texts() if not known.get(s))
    assert not missing, f"untranslated (run python -m ui.i18n_extract zh_CN): {missing[:5]}"


def test_translations_keep_their_placeholders():
    def fields(text: str) -> list[str]:
        return sorted(re.findall(r"\{[^{}]*\}", text))

    wrong = [(s, t) for (_c, s), t in read_ts(TS).items() if t and fields(s) != fields(t)]
    assert not wrong, wrong[:3]


def test_compiled_catalogue_is_current(tmp_path: Path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on station_zh_CN.ts"
