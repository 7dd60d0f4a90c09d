"""The core and the drivers must never pull in Qt or the UI (house rule, enforced here)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import contract
import drivers
import station


def _all_modules(pkg) -> list[str]:
    names = [pkg.__name__]
    for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
        if ".migrations" in info.name:
            continue  # Alembic scripts only import inside an Alembic run
        names.append(info.name)
    return names


@pytest.mark.parametrize("pkg", [contract, station, drivers],
                         ids=["contract", "station", "drivers"])
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


def _imports_of(path) -> set[str]:
    """Every module a source file imports (at any depth: function-level imports count)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


# The window paints and forwards input; the rules live in station/. A screen that reads the
# store's tables (or talks SQL at all) has started to keep a rule of its own.
_UI_FORBIDDEN = ("station.store", "sqlalchemy", "sqlite3", "station.domain.session")


def test_ui_holds_no_business_rule_it_never_touches_the_store():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    offenders = {
        str(path.relative_to(root.parent)): sorted(
            m for m in _imports_of(path) if m.startswith(_UI_FORBIDDEN)
        )
        for path in root.rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"ui/ reaches into the store or the session: {offenders}"


def test_the_ui_rule_catches_a_screen_that_reads_tables(tmp_path):
    screen = tmp_path / "bad_screen.py"
    screen.write_text("def paint():\n    from station.store.tables import parcels\n")
    assert "station.store.tables" in _imports_of(screen)


def _importers(folder: str, banned: tuple[str, ...], skip=lambda _path: False) -> dict:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / folder
    found = {
        str(path.relative_to(root.parent)): sorted(
            m for m in _imports_of(path) if m.split(".")[0] in banned)
        for path in root.rglob("*.py") if "migrations" not in path.parts and not skip(path)
    }
    return {k: v for k, v in found.items() if v}


def test_the_station_never_imports_the_central_server():
    """Station and central share only the wire contract (the ``contract`` package); the demo
    starts its central server in ui/demo.py and hands it to the bootstrap."""
    offenders = _importers("station", ("central",))
    assert not offenders, f"station/ imports the central server: {offenders}"


def test_central_imports_only_the_contract_of_ours():
    """Central runs without the station installed: of our packages it imports only
    ``contract``. The carriers' loopback fakes (test doubles of SF's gateway, which draw a
    label with the station's renderer the way SF's cloud print would) are the exception."""
    offenders = _importers("central", ("station", "ui", "drivers"),
                           skip=lambda path: path.name == "fake.py")
    assert not offenders, f"central/ imports more than the contract: {offenders}"


def test_the_contract_imports_nothing_of_ours():
    offenders = _importers("contract", ("station", "central", "ui", "drivers"))
    assert not offenders, f"contract/ imports our other packages: {offenders}"


def test_the_window_runs_on_the_runtime_it_never_builds_devices_or_lanes():
    """Devices, lanes and the weight filter belong to station/runtime.py; ui/ only adapts
    them to signals. A screen that opens a DeviceManager or an executor of its own would wire
    a second station beside the runtime."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    made: dict[str, list[str]] = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("DeviceManager", "ThreadPoolExecutor", "DriverPrinter"):
                    made.setdefault(str(path.relative_to(root.parent)), []).append(name)
    assert not made, f"ui/ builds what the runtime owns: {made}"


# What only station/store/ may do with the database: open connections, run statements, build
# them (the services receive a connection inside a unit of work and hand it to store modules).
_DB_CALLS = frozenset({"connect", "begin", "execute", "exec_driver_sql", "scalar", "scalars",
                       "create_station_engine", "create_engine"})
_SQL_BUILDERS = frozenset({"select", "insert", "update", "delete", "text", "func"})


def _database_use(path) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in _DB_CALLS:
                found.append(f"{name}() line {node.lineno}")
        elif isinstance(node, ast.Attribute) and node.attr == "dbapi_connection":
            found.append(f"dbapi_connection line {node.lineno}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [f"sqlalchemy.{a.name}" for a in node.names if a.name in _SQL_BUILDERS]
        elif isinstance(node, ast.ImportFrom) and node.module == "station.store.tables":
            found.append("station.store.tables")
    return found


# Outside station/store/, only these open the file (make its engine): the wiring, and IT's
# tools, which read a station file whether or not a station runs. Even they run no statement
# and open no connection themselves: that goes through the store.
_OPENS_THE_FILE = {"bootstrap.py", "cli.py", "doctor.py", "ops/support.py"}


def test_the_station_reaches_the_database_only_through_the_store():
    """One writer for real: every unit of work goes through StationStore and the small store
    modules (station/store/); a service, a sync thread or the evidence recorder that opens a
    connection, runs SQL or reads the tables has a second way into the file."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "station"
    offenders = {}
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if {"store", "migrations"} & set(p.relative_to(root).parts):
            continue
        use = _database_use(p)
        if rel in _OPENS_THE_FILE:
            use = [u for u in use if not u.startswith("create_station_engine()")]
        if use:
            offenders[rel] = use
    assert not offenders, f"station/ talks to the database outside station/store/: {offenders}"


def test_the_store_rule_catches_a_service_that_runs_sql(tmp_path):
    service = tmp_path / "bad_service.py"
    service.write_text("from sqlalchemy import select\n\ndef read(engine):\n"
                       "    with engine.connect() as conn:\n"
                       "        return conn.execute(select(1)).scalar()\n")
    assert {"sqlalchemy.select", "connect() line 4", "execute() line 5",
            "scalar() line 5"} <= set(_database_use(service))
