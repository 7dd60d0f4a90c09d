"""``station doctor --bundle FILE.zip``: what IT attaches to a support ticket.

The zip holds the log files and crash reports, the settings in force with the source of each
key, the doctor's checks, the versions of the station and its libraries and the database's
revision. The API token is never in it: it lives in the keyring and is not read here, and any
setting or variable whose name says token, password or secret is written as ``<hidden>``.
"""

from __future__ import annotations

import json
import platform
import re
import sys
import time
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from station import __version__
from station.config import LoadedSettings
from station.doctor import Check
from station.ops.logs import log_dir, log_files

SECRET_WORDS = ("token", "password", "secret", "pin", "key")
HIDDEN = "<hidden>"
LIBRARIES = (
    "PySide6-Essentials", "SQLAlchemy", "alembic", "pydantic", "pyserial", "requests",
    "keyring", "platformdirs", "Pillow", "python-escpos", "hidapi",
)


# The import name and version attribute of each library, for a bundle whose package
# metadata PyInstaller did not collect (it said "not installed" for PySide6 and SQLAlchemy).
_MODULES = {
    "PySide6-Essentials": "PySide6", "SQLAlchemy": "sqlalchemy", "alembic": "alembic",
    "pydantic": "pydantic", "pyserial": "serial", "requests": "requests",
    "keyring": "keyring", "platformdirs": "platformdirs", "Pillow": "PIL",
    "python-escpos": "escpos", "hidapi": "hid",
}
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+):[^@\s/]+@")


def hide_url_credentials(text: str) -> str:
    """``http://user:pw@host`` becomes ``http://user:<hidden>@host``."""
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}:{HIDDEN}@", text)


def _hide_secrets(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: HIDDEN if any(w in str(k).lower() for w in SECRET_WORDS) else _hide_secrets(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_hide_secrets(v) for v in node]
    if isinstance(node, str):
        return hide_url_credentials(node)
    return node


def effective_settings(loaded: LoadedSettings) -> dict[str, Any]:
    """The settings in force (secrets hidden) and the file or variable each key came from."""
    values = _hide_secrets(loaded.settings.model_dump(mode="json"))
    return {
        "settings": values,
        "sources": dict(sorted(loaded.sources.items())),
        "files": [str(p) for p in loaded.files],
    }


def versions() -> dict[str, str]:
    found = {
        "packing-station": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = _module_version(_MODULES.get(name, name))
    return found


def _module_version(module: str) -> str:
    import importlib

    try:
        mod = importlib.import_module(module)
    except Exception:
        return "not installed"
    version = getattr(mod, "__version__", None) or getattr(mod, "VERSION", None)
    return str(version) if version else "installed (version unknown)"


def database_state(loaded: LoadedSettings) -> dict[str, Any]:
    path = loaded.settings.database
    state: dict[str, Any] = {"path": str(path), "exists": path.is_file()}
    if not path.is_file():
        return state
    state["bytes"] = path.stat().st_size
    try:
        from station.store.db import create_station_engine, current_revision, head_revision

        engine = create_station_engine(path)
        try:
            state["revision"] = current_revision(engine)
        finally:
            engine.dispose()
        state["head"] = head_revision()
    except Exception as exc:  # a damaged file is exactly what a bundle must still describe
        state["error"] = str(exc)
    return state


def write_bundle(
    target: Path,
    loaded: LoadedSettings,
    checks: Sequence[Check] = (),
    logs: Path | None = None,
) -> Path:
    """Write the support zip to ``target`` and return it."""
    folder = log_dir() if logs is None else logs
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("settings.json", json.dumps(effective_settings(loaded), indent=2))
        zf.writestr("versions.json", json.dumps(versions(), indent=2))
        zf.writestr("database.json", json.dumps(database_state(loaded), indent=2))
        zf.writestr(
            "doctor.txt",
            hide_url_credentials("".join(
                f"[{'OK  ' if c.ok else 'FAIL'}] {c.name}: {c.detail}\n" for c in checks)),
        )
        zf.writestr("created.txt", time.strftime("%Y-%m-%d %H:%M:%S %z\n"))
        for path in log_files(folder):
            name = f"logs/{path.relative_to(folder).as_posix()}"
            try:
                zf.writestr(name, hide_url_credentials(path.read_text(encoding="utf-8")))
            except UnicodeDecodeError:  # not text: as it is
                zf.write(path, name)
    return target
