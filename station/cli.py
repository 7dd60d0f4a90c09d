"""``station`` command: run the bench, the demo, and the IT admin's checks.

station                 start the station window (same as ``station run``)
station --demo          local central server + simulated devices + demo data
station doctor          settings in force and where they came from; database; devices; central
station db upgrade      back up the database, then create or migrate it
station enroll URL CODE exchange a one-time enrolment code from central for the API token
station --version
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from station import __version__
from station.config import ConfigError, LoadedSettings, load_settings
from station.i18n import _


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="station", description=_("Packing Station bench software"))
    p.add_argument("--version", action="version", version=f"packing-station {__version__}")
    p.add_argument("--demo", action="store_true", help=_("run against a local demo server"))
    p.add_argument("--config", type=Path, action="append", help=_("read this settings file"))
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help=_("start the station window"))
    doctor = sub.add_parser("doctor", help=_("check settings, database, devices and central"))
    doctor.add_argument("--offline", action="store_true", help=_("skip the central check"))
    doctor.add_argument(
        "--bundle", type=Path, metavar="FILE.zip",
        help=_("write logs, settings (without secrets), versions and database state to a zip"),
    )
    enroll = sub.add_parser("enroll", help=_("get this station's API token with a one-time code"))
    enroll.add_argument("url", help=_("the central server, e.g. https://wms.example.com"))
    enroll.add_argument("code", help=_("the one-time enrolment code IT was given"))
    enroll.add_argument("--machine", action="store_true",
                        help=_("for every OS user of this PC (run as root or administrator)"))
    enroll.add_argument("--allow-http", action="store_true",
                        help=_("accept a plain http:// address outside this machine"))
    sub.add_parser("selftest", help=_("pack demo orders through the core in a temporary database"))
    db = sub.add_parser("db", help=_("database maintenance"))
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help=_("create or migrate the station database"))
    return p


def _load(args: argparse.Namespace) -> LoadedSettings:
    return load_settings(files=args.config) if args.config else load_settings()


def cmd_db_upgrade(loaded: LoadedSettings) -> int:
    from station.store.backup import upgrade_with_backup
    from station.store.db import StoreError, describe_db_error

    path = loaded.settings.database
    try:
        result = upgrade_with_backup(path)
    except (OSError, sqlite3.Error) as exc:
        print(_("error: {message}").format(message=describe_db_error(exc)), file=sys.stderr)
        return 1
    except StoreError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    if result.backup is not None:
        print(_("backed up {path} to {backup}").format(path=path, backup=result.backup))
    print(_("database {path} is at revision {rev}").format(path=path, rev=result.revision))
    return 0


def cmd_doctor(loaded: LoadedSettings, offline: bool = False, bundle: Path | None = None) -> int:
    """Print each check as OK/FAIL with a sentence; exit 1 when any check fails.
    ``offline``: skip the central check. ``bundle``: also write the support zip."""
    from station.doctor import run_checks

    failures = 0
    checks = run_checks(loaded, offline=offline)
    if bundle is not None:
        from station.ops.support import write_bundle

        write_bundle(bundle, loaded, checks)
        print(_("support bundle written to {path}").format(path=bundle))
    for check in checks:
        mark = "OK  " if check.ok else "FAIL"
        failures += 0 if check.ok else 1
        print(f"[{mark}] {check.name}: {check.detail}")
    return 1 if failures else 0


def cmd_selftest() -> int:
    """The scripted demo pack against a throw-away database; exit 0 when all went as scripted."""
    import tempfile

    from station.demo_pack import load_demo, run_scripted_demo
    from station.store.db import create_station_engine, upgrade

    with tempfile.TemporaryDirectory(prefix="station-selftest-") as tmp:
        engine = create_station_engine(Path(tmp) / "selftest.sqlite3")
        try:
            upgrade(engine)
            load_demo(engine)
            ok = run_scripted_demo(engine)
        finally:
            engine.dispose()
    return 0 if ok else 1


def cmd_enroll(
    loaded: LoadedSettings, url: str, code: str, *, machine: bool = False,
    allow_http: bool = False,
) -> int:
    """Trade the one-time code for this station's token and keep it in the keyring (or, with
    ``machine``, for every OS user of this PC)."""
    from station.sync.enroll import EnrolmentError, enroll

    central = loaded.settings.central
    try:
        result = enroll(url, code, verify=central.ca_bundle or True, machine=machine,
                        allow_http=allow_http or central.allow_http)
    except EnrolmentError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    if machine:
        from station.ops.machine import token_path

        print(_("station {station} is enrolled with {url} for every user of this computer; "
                "its API token is in {path} (group packing-station only)").format(
            station=result.station_id, url=url, path=token_path()))
    else:
        print(
            _("station {station} is enrolled with {url}; its API token is in the keyring").format(
                station=result.station_id, url=url
            )
        )
    if result.station_id != loaded.settings.station_id or central.url != url.rstrip("/"):
        print(
            _(
                "set station_id = \"{station}\" and [central] url = \"{url}\" in the "
                "station's settings file"
            ).format(station=result.station_id, url=url.rstrip("/"))
        )
    return 0


WindowRunner = Callable[[LoadedSettings, bool], int]


def cmd_run(loaded: LoadedSettings, demo: bool, run_window: WindowRunner | None) -> int:
    if run_window is None:  # the core alone (python -m station.cli): no window to start
        print(
            _("error: the station window is not part of this command; run 'station'"),
            file=sys.stderr,
        )
        return 1
    return run_window(loaded, demo)


def main(argv: Sequence[str] | None = None, run_window: WindowRunner | None = None) -> int:
    """Run one command. ``run_window`` starts the window (``station run``, ``--demo``); the
    ``station`` launcher in ``ui/`` passes it, so the core never imports the UI."""
    args = _parser().parse_args(argv)
    try:
        loaded = _load(args)
    except ConfigError as exc:
        print(_("error in the settings:\n{message}").format(message=exc), file=sys.stderr)
        return 2
    from station.ops.machine import share_with_group

    share_with_group(loaded.settings.database.parent)  # files the next OS user opens too
    commands: dict[str | None, Callable[[], int]] = {
        "doctor": lambda: cmd_doctor(loaded, args.offline, args.bundle),
        "enroll": lambda: cmd_enroll(loaded, args.url, args.code, machine=args.machine,
                                     allow_http=args.allow_http),
        "db": lambda: cmd_db_upgrade(loaded),
        "selftest": cmd_selftest,
        "run": lambda: cmd_run(loaded, args.demo, run_window),
        None: lambda: cmd_run(loaded, args.demo, run_window),
    }
    return commands[args.command]()


if __name__ == "__main__":
    sys.exit(main())
