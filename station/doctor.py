"""Checks behind ``station doctor``: each returns a pass/fail with a sentence for IT."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

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
        known_revision,
        quick_check,
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
        integrity = quick_check(engine)
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
        if rev is not None and not all(known_revision(r) for r in rev.split(",")):
            # Written by a newer station (a downgrade, or a copied file): upgrading cannot help.
            return Check(
                name,
                False,
                _(
                    "{path} is at revision {rev}, made by a newer station than this one: "
                    "install that station version again, or restore the backup taken before "
                    "its upgrade (the file is left untouched)"
                ).format(path=path, rev=rev),
            )
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
    from drivers.events import DeviceEvent
    from drivers.manager import DeviceManager
    from station.bootstrap import device_configs
    from station.device_status import DeviceState, DeviceStatusBoard

    configs = device_configs(loaded.settings)
    if not configs:
        return [Check(_("devices"), True, _("no scale, printer or serial scanner configured"))]
    # A device counts as working only once it has answered (an open port is not a scale
    # that weighs, nor a printer with paper): the same rule as the status bar.
    board = DeviceStatusBoard(c.name for c in configs)
    lock = threading.Lock()

    def on_event(event: DeviceEvent) -> None:
        with lock:
            board.on_event(event)

    try:
        manager = DeviceManager(configs, on_event)
    except DeviceConfigError as exc:
        return [Check(_("devices"), False, str(exc))]
    with manager:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            with lock:
                if all(st.state is not DeviceState.CONNECTING for st in board.statuses()):
                    break
            time.sleep(0.05)
        health = {h.name: h for h in manager.health()}
    with lock:
        statuses = board.statuses()
    checks = []
    for st in statuses:
        h = health[st.device]
        message = st.message or h.message or (
            _("Connected, but the device never answered.")
            if st.state is DeviceState.CONNECTING else str(h.state))
        checks.append(Check(f"{h.kind} {h.uri}", st.state is DeviceState.OK, message))
    return checks


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


def check_camera(loaded: LoadedSettings) -> Check:
    """The pack evidence camera opens and sends a picture of the configured size."""
    from drivers.cameras import CameraSource
    from drivers.errors import DriverError

    camera = loaded.settings.camera
    name = _("camera {uri}").format(uri=camera.uri)
    from station.evidence import evidence_addon_missing

    missing = evidence_addon_missing()
    if missing:
        return Check(name, False, missing)
    width, height = camera.width_height
    try:
        with CameraSource(camera.uri, camera.fps, width, height) as source:
            frame = next(iter(source.frames()))
    except DriverError as exc:
        return Check(name, False, exc.message)
    return Check(name, True, _("sends {width}×{height} pictures").format(
        width=frame.rgb.shape[1], height=frame.rgb.shape[0]))


def check_platform_printer(loaded: LoadedSettings) -> Check:
    """The platform's print component (Cainiao e-waybills) answers and has the printer."""
    from urllib.parse import parse_qs, urlsplit

    from drivers.errors import DriverError
    from drivers.printers.cainiao_component import CainiaoComponent

    uri = loaded.settings.platform_printer.uri
    name = _("print component {uri}").format(uri=uri)
    try:
        component = CainiaoComponent(uri, timeout_s=3.0)
        printers = component.printers()
    except DriverError as exc:
        return Check(name, False, exc.message)
    except Exception as exc:  # not running, refused, not a component: say what happened
        return Check(name, False, _("no answer from the print component ({why}): is it "
                                    "installed and running?").format(why=type(exc).__name__))
    wanted = (parse_qs(urlsplit(uri).query).get("printer") or [""])[0]
    if not printers:
        return Check(name, False, _("the print component lists no printer"))
    if wanted and wanted not in printers:
        return Check(name, False, _("the print component has no printer {name} (it has: "
                                    "{names})").format(name=wanted, names=", ".join(printers)))
    return Check(name, True, _("answers; printers: {names}").format(names=", ".join(printers)))


def _read_store(loaded: LoadedSettings, read: Any) -> Any:
    """``read(conn)`` on the station file through a store of its own (doctor runs whether or
    not a station is running on it), released at once."""
    from station.store.db import create_station_engine
    from station.store.uow import StationStore

    engine = create_station_engine(loaded.settings.database)
    store = StationStore(engine)
    try:
        return store.read(read)
    finally:
        store.close()
        engine.dispose()


RECENT_CLIPS = 50  # doctor re-hashes this many of the newest clips (a few seconds at most)


def check_clips(loaded: LoadedSettings) -> Check:
    """The newest pack videos are still on disk and unchanged since they were recorded."""
    from station.store import clip_store

    name = _("pack videos")

    def read(conn: Any) -> tuple[list[Any], list[bool]]:
        recent = clip_store.recent_kept(conn, RECENT_CLIPS)
        return recent, clip_store.verified(conn, recent)

    recent, results = _read_store(loaded, read)
    bad = [clip for clip, ok in zip(recent, results, strict=True) if not ok]
    if bad:
        return Check(name, False, _(
            "{n} of the {total} newest clips are missing or changed since they were "
            "recorded, e.g. clip {clip} of {order} ({path})").format(
                n=len(bad), total=len(recent), clip=bad[0].clip_id, order=bad[0].order_id,
                path=bad[0].path))
    return Check(name, True, _("the {n} newest clips are unchanged since recorded").format(
        n=len(recent)))


def check_audit_chain(loaded: LoadedSettings, anchor: Any = None) -> Check:
    """Every audit row still hashes to its chain, and the chain still holds the head central
    anchored: rows recomputed after an edit, deleted and renumbered, cut off the end or all
    emptied no longer match it. ``anchor``: central's :class:`AuditHead` (None: offline)."""
    from station.store.audit_chain import row_hash, verify_chain

    name = _("audit trail")
    report, anchored = _read_store(loaded, lambda conn: (
        verify_chain(conn), row_hash(conn, anchor.row_id) if anchor is not None else None))
    if not report.ok:
        return Check(
            name,
            False,
            _(
                "audit row {row} does not match the hash chain: it or an earlier row was "
                "changed or removed ({n} rows before it are intact)"
            ).format(row=report.first_broken, n=report.rows),
        )
    if anchor is not None and anchor.row_id > 0 and anchored != anchor.row_hash:
        return Check(
            name,
            False,
            _(
                "the audit trail no longer holds row {row} as central anchored it on {at}: "
                "rows were rewritten, cut off or emptied since"
            ).format(row=anchor.row_id, at=anchor.received_at or "?"),
        )
    if anchor is None:
        return Check(name, True, _("{n} rows, hash chain intact (not compared with central's "
                                   "anchor)").format(n=report.rows))
    return Check(name, True, _("{n} rows, hash chain intact, central's anchor at row {row} "
                               "matches").format(n=report.rows, row=anchor.row_id))


def central_anchor(loaded: LoadedSettings) -> Any:
    """The audit head central keeps for this station, or None when it cannot be asked."""
    from station.sync.client import CentralClient, CentralError
    from station.sync.token import TokenUnavailable, load_token

    central = loaded.settings.central
    try:
        token = load_token(loaded.settings.station_id)
        with CentralClient(central.url, token, verify=central.ca_bundle or True,
                           connect_timeout_s=central.connect_timeout_s,
                           read_timeout_s=central.read_timeout_s, retries=0) as client:
            return client.audit_head()
    except (TokenUnavailable, CentralError, ValueError):
        return None


def run_checks(loaded: LoadedSettings, offline: bool = False) -> list[Check]:
    """Every check; ``offline`` leaves out central (e.g. in an installer's smoke test)."""
    db = check_database(loaded)
    camera = [check_camera(loaded)] if loaded.settings.camera.uri else []
    if loaded.settings.camera.uri and db.ok:
        camera.append(check_clips(loaded))
    if loaded.settings.platform_printer.uri:
        camera.append(check_platform_printer(loaded))
    anchor = None if offline or not db.ok else central_anchor(loaded)
    chain = [check_audit_chain(loaded, anchor)] if db.ok else []
    checks = [check_settings(loaded), db, *chain, *check_devices(loaded), *camera]
    return checks if offline else [*checks, check_central(loaded)]
