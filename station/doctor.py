"""Checks behind ``station doctor``: each returns a pass/fail with a sentence for IT."""

from __future__ import annotations

import os
from dataclasses import dataclass

from station.config import LoadedSettings
from station.i18n import _


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def check_settings(loaded: LoadedSettings) -> Check:
    files = ", ".join(str(p) for p in loaded.files) or _("no settings file (defaults)")
    overridden = ", ".join(f"{k}={src}" for k, src in sorted(loaded.sources.items()))
    detail = _("read {files}").format(files=files)
    if overridden:
        detail += "; " + _("set: {keys}").format(keys=overridden)
    return Check(_("settings"), True, detail)


def check_database(loaded: LoadedSettings) -> Check:
    from station.store.db import create_station_engine, current_revision, describe_db_error

    path = loaded.settings.database
    name = _("database")
    if not path.exists():
        return Check(
            name, False, _("{path} does not exist: run 'station db upgrade'").format(path=path)
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return Check(name, False, _("{path} is not writable").format(path=path))
    try:
        engine = create_station_engine(path)
        with engine.connect() as conn:
            integrity = conn.exec_driver_sql("PRAGMA quick_check").scalar()
        rev = current_revision(engine)
        engine.dispose()
    except Exception as exc:
        return Check(name, False, describe_db_error(exc))
    if integrity != "ok":
        return Check(
            name,
            False,
            _("{path} failed its integrity check: {result}").format(path=path, result=integrity),
        )
    return Check(name, True, _("{path} at revision {rev}").format(path=path, rev=rev))


def run_checks(loaded: LoadedSettings) -> list[Check]:
    return [check_settings(loaded), check_database(loaded)]
