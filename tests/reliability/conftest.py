"""The reliability record: crash trials, network chaos, device faults, fuzzing and abuse.

Sizes are small by default (CI); ``STATION_SOAK=1`` (``make soak``) runs the full-size record.
Each module reads its size with :func:`soak_size` and prints one ``FIGURE`` line per promise,
which ``make soak`` collects into ``tests/reliability/soak-figures.txt``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from central.testkit import seeded_central

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # the child scripts and helpers next to the tests
sys.path.insert(0, str(HERE.parent / "integration" / "sync"))  # the loopback chaos proxy
sys.path.insert(0, str(HERE.parent / "integration"))  # core_fixtures (demo station data)
sys.path.insert(0, str(HERE.parent / "integration" / "drivers"))  # device event helpers

SOAK = os.environ.get("STATION_SOAK") == "1"
FIGURES = Path(os.environ.get("STATION_SOAK_FIGURES", HERE / "soak-figures.txt"))


def soak_size(ci: int, soak: int) -> int:
    """``ci`` in a normal run, ``soak`` under ``STATION_SOAK=1``."""
    return soak if SOAK else ci


def record_figure(name: str, value: object, unit: str, goal: str) -> None:
    """Append one measured figure of a soak run (only under ``STATION_SOAK=1``)."""
    line = f"FIGURE {name} = {value} {unit} (goal: {goal})"
    print(line)
    if SOAK:
        with FIGURES.open("a", encoding="utf-8") as out:
            out.write(line + "\n")


@pytest.fixture
def central(tmp_path):
    """A seeded central server (SQLite) on 127.0.0.1: ST-01 of WH-SHA and ST-B1 of WH-BJS."""
    server = seeded_central(
        f"sqlite:///{tmp_path / 'central.sqlite3'}",
        webhook_base_delay_s=0.05,
        webhook_poll_s=0.05,
    )
    yield server
    server.stop()
