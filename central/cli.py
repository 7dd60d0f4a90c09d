"""``station-central``: serve the reference central API, seed demo data, manage tokens.

    station-central serve --db URL --host 127.0.0.1 --port 8700 [--workers N]
    station-central seed --demo [--db URL]
    station-central token create --station ST-01 | --admin   (printed once, stored hashed)
    station-central token revoke TOKEN
    station-central enrol-code create --station ST-01 [--valid-hours 24]   (one-time, hashed)
    station-central carrier check SF   (one live call with the carrier's credentials)
    station-central stations        (each station's health and open alerts)
    station-central fleet-link [--url https://central.example]   (one-time page sign-in)
    station-central openapi [--output resources/api/openapi.yaml]

The database is a SQLite file path or URL, or a PostgreSQL URL; default: $STATION_CENTRAL_DB
or ./central.sqlite3. The schema is created or upgraded on every command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DB = "central.sqlite3"


def _db_url(arg: str | None) -> str:
    from central.db import normalise_url

    return normalise_url(arg or os.environ.get("STATION_CENTRAL_DB") or DEFAULT_DB)


def _engine(url: str):  # type: ignore[no-untyped-def]
    from central.db import create_central_engine, upgrade

    engine = create_central_engine(url)
    upgrade(engine)
    return engine


def openapi_document() -> dict:
    """The OpenAPI document of the server, as checked in under resources/api/."""
    from central.app import create_app

    return create_app("sqlite://").openapi()


def openapi_yaml() -> str:
    import yaml

    doc = json.loads(json.dumps(openapi_document()))
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    url = _db_url(args.db)
    _engine(url).dispose()
    os.environ["STATION_CENTRAL_DB"] = url
    print(f"central API on http://{args.host}:{args.port} (database {url.split('@')[-1]})")
    # X-Forwarded-For is believed only from the reverse proxies named here: by default from
    # nobody (uvicorn's default trusts 127.0.0.1, so anyone on the host could rotate the header
    # past the tracking page's per-client limit).
    trusted = args.trusted_proxy or os.environ.get("STATION_CENTRAL_TRUSTED_PROXIES", "")
    uvicorn.run(
        "central.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from central.seed import STATION, seed_demo

    if not args.demo:
        print("Nothing to do: only --demo data is available.", file=sys.stderr)
        return 2
    from sqlalchemy import select

    from central import tables as t

    engine = _engine(_db_url(args.db))
    with engine.begin() as conn:
        pins = seed_demo(conn)
        codes = sorted(conn.scalars(select(t.carriers.c.code)))
    print(f"Demo data written: warehouse WH-SHA, station {STATION}, carriers "
          f"{', '.join(codes)}.")
    print("Operators (badge: PIN): " + ", ".join(f"{b}: {p}" for b, p in pins.items()))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from central.auth import MAX_VALID_DAYS, create_token, revoke_token
    from central.errors import ApiProblem

    if args.action == "create" and not 1 <= args.valid_days <= MAX_VALID_DAYS:
        print(f"--valid-days must be between 1 and {MAX_VALID_DAYS}.", file=sys.stderr)
        return 2
    engine = _engine(_db_url(args.db))
    if args.action == "revoke":
        with engine.begin() as conn:
            done = revoke_token(conn, args.token)
        print("Token revoked." if done else "No such token.")
        return 0 if done else 1
    if bool(args.station) == bool(args.admin):
        print("Say either --station NAME or --admin.", file=sys.stderr)
        return 2
    try:
        with engine.begin() as conn:
            token = create_token(
                conn, station=args.station, admin=args.admin, valid_days=args.valid_days
            )
    except ApiProblem as exc:
        print(exc.message, file=sys.stderr)
        return 1
    who = f"station {args.station}" if args.station else "the WMS admin"
    print(f"API token for {who} (shown once, store it in the station's keyring):", file=sys.stderr)
    print(token)
    return 0


def cmd_enrol_code(args: argparse.Namespace) -> int:
    from central.enrolment import create_enrolment_code
    from central.errors import ApiProblem

    engine = _engine(_db_url(args.db))
    try:
        with engine.begin() as conn:
            code = create_enrolment_code(conn, args.station, valid_hours=args.valid_hours)
    except ApiProblem as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(
        f"One-time enrolment code for station {args.station} (valid {args.valid_hours:g} h, "
        f"works once): on the station run `station enroll <central URL> {code}`",
        file=sys.stderr,
    )
    print(code)
    return 0


def stations_table(rows: list, now: datetime) -> str:  # type: ignore[type-arg]
    """``station-central stations``: one line per station, alerts underneath."""
    from central.fleet_page import TEXT, _age

    text = TEXT["en"]
    lines = [f"{'STATION':<12} {'WAREHOUSE':<10} {'VERSION':<10} {'LAST CONTACT':<18} "
             f"{'DEVICES':<34} {'TO SEND':>8} {'REFUSED':>8}  POOLS"]
    alerts: list[str] = []
    for row in rows:
        report = row.report
        contact = _age(text, row.reported_at, now)
        if report is None:
            lines.append(f"{row.station:<12} {row.warehouse:<10} {'-':<10} {contact:<18}")
            continue
        devices = " ".join(f"{d.device}:{d.state}" for d in report.devices) or "-"
        pools = " ".join(
            f"{p.carrier}:{p.left}" + (f"(~{p.days_left:.1f}d)" if p.days_left is not None
                                       else "")
            for p in row.pools) or "-"
        lines.append(
            f"{row.station:<12} {row.warehouse:<10} {report.version:<10} {contact:<18} "
            f"{devices:<34} {report.backlog:>8} {report.rejected:>8}  {pools}"
        )
        alerts += [f"  ALERT {a.station} {a.kind}{(' ' + a.subject) if a.subject else ''}: "
                   f"{a.detail} (since {a.raised_at[:19]})" for a in row.alerts]
    return "\n".join(lines + (["", *alerts] if alerts else []))


def carrier_check(code: str, adapters: dict) -> tuple[bool, str]:  # type: ignore[type-arg]
    """One harmless live call to a carrier (a look-up of a key that was never used): the
    address, the credentials and the signature are right when the carrier answers "no such
    shipment" (or finds one)."""
    import uuid

    adapter = adapters.get(code.upper())
    if adapter is None:
        known = ", ".join(sorted(adapters)) or "none"
        return False, (f"No credentials for carrier {code}: set them in the environment or "
                       f"STATION_CENTRAL_CARRIERS (carriers with credentials: {known}).")
    result = adapter.lookup(f"check-{uuid.uuid4().hex[:20]}")
    if result.ok or result.error == "not_found":
        return True, f"{code}: the carrier answered and accepted our credentials."
    raw = f" [{result.raw_code}]" if result.raw_code else ""
    return False, f"{code}: {result.error}{raw}: {result.message or ''}".rstrip(": ")


def cmd_carrier(args: argparse.Namespace) -> int:
    from central.carriers import CarrierSettingsError, load_adapters

    try:
        adapters = load_adapters()
    except CarrierSettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    ok, text = carrier_check(args.name, adapters)
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_closeouts(args: argparse.Namespace) -> int:
    """The carriers' close-outs of closed manifests (EasyPost ScanForms), newest first: the
    shipping office prints each form for the driver from its URL."""
    from sqlalchemy import select

    from central import tables as t

    c = t.carrier_closeouts
    engine = _engine(_db_url(args.db))
    with engine.connect() as conn:
        rows = conn.execute(select(c).order_by(c.c.updated_at.desc()).limit(args.limit)).all()
    if not rows:
        print("No carrier close-out yet.")
    for r in rows:
        what = r.form_url if r.state == "done" else (r.error or "")
        print(f"{r.manifest_id:<24} {r.warehouse:<8} {r.carrier:<6} {r.state:<8} {what}")
    return 1 if any(r.state == "refused" for r in rows) else 0


def cmd_stations(args: argparse.Namespace) -> int:
    from central.fleet import FleetRules, evaluate, station_rows

    engine = _engine(_db_url(args.db))
    with engine.begin() as conn:
        evaluate(conn, FleetRules.from_env())  # a silent station shows its alert here too
        rows = station_rows(conn)
    print(stations_table(rows, datetime.now(UTC)))
    return 1 if any(r.alerts for r in rows) else 0


def cmd_fleet_link(args: argparse.Namespace) -> int:
    from central.routes_fleet import sign_in_link

    engine = _engine(_db_url(args.db))
    with engine.begin() as conn:
        link = sign_in_link(conn, args.url)
    print("One-time sign-in link to the fleet view (valid 10 minutes, works once):",
          file=sys.stderr)
    print(link)
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    text = openapi_yaml()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="station-central", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the central API server")
    serve.add_argument("--db")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--trusted-proxy", default="",
                       help="address(es) of the reverse proxy whose X-Forwarded-For is "
                            "believed (comma-separated); none by default")
    serve.set_defaults(func=cmd_serve)
    seed = sub.add_parser("seed", help="write demo data")
    seed.add_argument("--demo", action="store_true")
    seed.add_argument("--db")
    seed.set_defaults(func=cmd_seed)
    token = sub.add_parser("token", help="create or revoke API tokens")
    token.add_argument("action", choices=["create", "revoke"])
    token.add_argument("token", nargs="?", help="the token to revoke")
    token.add_argument("--station")
    token.add_argument("--admin", action="store_true")
    token.add_argument("--valid-days", type=int, default=365,
                       help="days until the token expires (1 to 730, default 365)")
    token.add_argument("--db")
    enrol = sub.add_parser("enrol-code", help="create a one-time enrolment code for a station")
    enrol.add_argument("action", choices=["create"])
    enrol.add_argument("--station", required=True)
    enrol.add_argument("--valid-hours", type=float, default=24.0)
    enrol.add_argument("--db")
    enrol.set_defaults(func=cmd_enrol_code)
    token.set_defaults(func=cmd_token)
    carrier = sub.add_parser(
        "carrier", help="check a carrier's credentials with one live (sandbox) call")
    carrier.add_argument("action", choices=["check"])
    carrier.add_argument("name", help="our carrier code: SF, UPS (EasyPost)…")
    carrier.set_defaults(func=cmd_carrier)
    closeouts = sub.add_parser(
        "closeouts", help="carrier close-outs (EasyPost ScanForms) of closed manifests, with "
        "the form to print (exit 1 when a carrier refused one)")
    closeouts.add_argument("--db")
    closeouts.add_argument("--limit", type=int, default=50)
    closeouts.set_defaults(func=cmd_closeouts)
    stations = sub.add_parser(
        "stations", help="every station's health and open alerts (exit 1 when any alert)")
    stations.add_argument("--db")
    stations.set_defaults(func=cmd_stations)
    link = sub.add_parser("fleet-link", help="a one-time sign-in link to the fleet page")
    link.add_argument("--url", default="http://127.0.0.1:8700",
                      help="the address browsers reach central at")
    link.add_argument("--db")
    link.set_defaults(func=cmd_fleet_link)
    api = sub.add_parser("openapi", help="print the OpenAPI document (YAML)")
    api.add_argument("--output")
    api.set_defaults(func=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
