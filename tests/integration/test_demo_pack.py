"""The terminal demo packs the demo orders through the real services and store."""

from __future__ import annotations

from station.demo_pack import load_demo, run_scripted_demo
from station.store.db import create_station_engine, upgrade


def test_scripted_demo_runs_as_scripted(db_path):
    engine = create_station_engine(db_path)
    upgrade(engine)
    load_demo(engine)
    lines: list[str] = []
    assert run_scripted_demo(engine, echo=lines.append)
    assert any("Wrong item" in line for line in lines)
    assert lines[-1] == "demo completed as scripted"
    engine.dispose()
