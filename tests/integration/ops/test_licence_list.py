"""The licence list is generated from what the bundle holds, and a GPL library in it fails
the build (PyAV's FFmpeg with x264/x265 shipped undeclared in a "Proprietary" .deb)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "installer"))
import licences  # noqa: E402  (installer/licences.py)


def _module_file(name: str) -> str:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin
    return spec.origin


def test_permissive_and_lgpl_components_pass_with_their_licences(tmp_path):
    contents = [("requests", _module_file("requests")),
                ("PySide6.QtCore", _module_file("PySide6.QtCore")),
                ("station", str(ROOT / "station" / "__init__.py"))]
    components, problems = licences.collect(contents)
    names = {c["name"]: c["licence"] for c in components}
    assert "requests" in names and "PySide6_Essentials" in names
    assert "packing-station" not in names and not problems
    out = licences.write(tmp_path, components)
    assert "requests" in out.read_text() and any((tmp_path / "licenses").iterdir())


def test_pyavs_gpl_encoders_fail_the_check():
    libs = Path(_module_file("av")).parent.parent / "av.libs"
    x264 = next((p for p in libs.iterdir() if p.name.startswith("libx264")), None)
    if x264 is None:
        pytest.fail("this PyAV wheel has no x264: the check needs another GPL file to test")
    _components, problems = licences.collect([("av", _module_file("av")), ("x264", str(x264))])
    assert any("x264" in p for p in problems)
