"""The core and the drivers must never pull in Qt or the UI (house rule, enforced here)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import drivers
import station


def _all_modules(pkg) -> list[str]:
    names = [pkg.__name__]
    for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
        if ".migrations" in info.name:
            continue  # Alembic scripts only import inside an Alembic run
        names.append(info.name)
    return names


@pytest.mark.parametrize("pkg", [station, drivers], ids=["station", "drivers"])
def test_core_and_drivers_import_no_qt(pkg):
    modules = _all_modules(pkg)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{pkg.__name__} pulled in: {out.stdout.strip()}"


def test_drivers_import_nothing_of_ours():
    code = (
        "import importlib, pkgutil, sys, drivers\n"
        "for i in pkgutil.walk_packages(drivers.__path__, 'drivers.'):\n"
        "    importlib.import_module(i.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('station','ui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
