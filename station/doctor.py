"""Checks behind ``station doctor``: each returns a pass/fail with a sentence for IT."""

from __future__ import annotations

import os
import time
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
    if loaded.missing:
        missing = ", ".join(str(p) for p in loaded.missing)
        detail += "; " + _("site settings file {file} not found").format(file=missing)
        return Check(_("settings"), False, detail)
    return Check(_("settings"), True, detail)


def check_database(loaded: LoadedSettings) -> Check:
    from station.store.db import (
        create_station_engine,
        current_revision,
        describe_db_error,
        head_revision,
    )

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
    if rev != head_revision():
        return Check(
            name,
            False,
            _(
                "{path} is at revision {rev}, older than this station: run 'station db upgrade'"
            ).format(path=path, rev=rev),
        )
    return Check(name, True, _("{path} at revision {rev}").format(path=path, rev=rev))


def check_devices(loaded: LoadedSettings, wait_s: float = 3.0) -> list[Check]:
    """Open each configured device on its own thread and report its health after a short
    wait: connected (and, for a printer, a status reply without fault) or the fault."""
    from drivers.errors import DeviceConfigError
    from drivers.events import HealthState
    from drivers.manager import DeviceManager
    from station.bootstrap import device_configs

    configs = device_configs(loaded.settings)
    if not configs:
        return [Check(_("devices"), True, _("no scale, printer or serial scanner configured"))]
    try:
        manager = DeviceManager(configs)
    except DeviceConfigError as exc:
        return [Check(_("devices"), False, str(exc))]
    with manager:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if all(h.state is HealthState.OK for h in manager.health()):
                break
            time.sleep(0.05)
        health = manager.health()
    return [
        Check(f"{h.kind} {h.uri}", h.state is HealthState.OK, h.message or str(h.state))
        for h in health
    ]


def check_central(loaded: LoadedSettings) -> Check:
    """The station's token is stored and the central API accepts it."""
    from station.sync.client import CentralClient, CentralError
    from station.sync.token import TokenUnavailable, load_token

    central = loaded.settings.central
    name = _("central {url}").format(url=central.url)
    try:
        token = load_token(loaded.settings.station_id)
    except TokenUnavailable as exc:
        return Check(name, False, str(exc))
    try:
        with CentralClient(
            central.url,
            token,
            verify=central.ca_bundle or True,
            connect_timeout_s=central.connect_timeout_s,
            read_timeout_s=central.read_timeout_s,
            retries=0,
        ) as client:
            client.changes(None, limit=1)
    except (CentralError, ValueError) as exc:
        return Check(name, False, str(exc))
    return Check(name, True, _("reachable; the station token is accepted"))


def run_checks(loaded: LoadedSettings, offline: bool = False) -> list[Check]:
    """Every check; ``offline`` leaves out central (e.g. in an installer's smoke test)."""
    db = check_database(loaded)
    checks = [check_settings(loaded), db, *check_devices(loaded)]
    return checks if offline else [*checks, check_central(loaded)]
