"""The fleet view's data: every station's newest health report and the alerts raised from it.

A station sends :class:`StationHealth` every sync interval (``PUT /v1/health``). From the
reports — and from a report that stopped coming — :func:`evaluate` raises one alert per
condition and clears it once the condition is gone:

- ``silent``: no report for :attr:`FleetRules.silent_after_s`;
- ``device``: a device in fault (one alert per device);
- ``pool``: fewer numbers left than :attr:`FleetRules.pool_min`, or fewer days left at the
  last 24 hours' rate than :attr:`FleetRules.pool_min_days` (one per carrier);
- ``rejected``: events central refused for good;
- ``crash``: a crash report younger than a day.

Each alert is listed on the fleet page and delivered once to the alert webhook, if one is
set (:class:`FleetWatch`). Evaluating is idempotent: several worker processes may run it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from central import tables as t
from central.clock import now_iso, parse_iso
from central.webhooks import sign
from contract.health import StationHealth

log = logging.getLogger(__name__)

ALERT_KINDS = ("silent", "device", "pool", "rejected", "crash")
MAX_NOTIFY_ATTEMPTS = 12


@dataclass(frozen=True)
class FleetRules:
    """When a station's state is an alert. Defaults from the environment where set."""

    silent_after_s: float = 300.0
    pool_min: int = 50
    pool_min_days: float = 2.0
    crash_window_s: float = 86_400.0

    @classmethod
    def from_env(cls) -> FleetRules:
        env = os.environ
        return cls(
            silent_after_s=float(env.get("STATION_CENTRAL_FLEET_SILENT_S", cls.silent_after_s)),
            pool_min=int(env.get("STATION_CENTRAL_FLEET_POOL_MIN", cls.pool_min)),
            pool_min_days=float(env.get("STATION_CENTRAL_FLEET_POOL_DAYS", cls.pool_min_days)),
        )


@dataclass(frozen=True)
class PoolRow:
    carrier: str
    left: int
    used_24h: int

    @property
    def days_left(self) -> float | None:
        """Days until the pool is empty at the last 24 hours' rate (None: not used lately)."""
        return self.left / self.used_24h if self.used_24h else None


@dataclass(frozen=True)
class StationRow:
    """One line of the fleet view."""

    station: str
    warehouse: str
    reported_at: datetime | None
    report: StationHealth | None
    alerts: list[Alert] = field(default_factory=list)

    @property
    def pools(self) -> list[PoolRow]:
        if self.report is None:
            return []
        return [PoolRow(p.carrier, p.left, p.used_24h) for p in self.report.pools]


@dataclass(frozen=True)
class Alert:
    id: int
    station: str
    kind: str
    subject: str
    detail: str
    raised_at: str


# ---------------------------------------------------------------------------- reports
def store_report(conn: Connection, station: str, report: StationHealth) -> StationHealth:
    """Keep ``report`` as the station's newest, stamped with central's time."""
    stamped = report.model_copy(update={"reported_at": now_iso()})
    body = stamped.model_dump_json()
    done = conn.execute(
        update(t.station_health)
        .where(t.station_health.c.station == station)
        .values(reported_at=stamped.reported_at, report=body)
    )
    if done.rowcount == 0:
        conn.execute(
            insert(t.station_health).values(
                station=station, reported_at=stamped.reported_at, report=body
            )
        )
    return stamped


def _conditions(
    station: str, reported_at: datetime | None, report: StationHealth | None,
    rules: FleetRules, now: datetime,
) -> dict[tuple[str, str], str]:
    """(kind, subject) → detail for every alert this station should have open now."""
    found: dict[tuple[str, str], str] = {}
    if reported_at is None or report is None:
        return found  # never reported: installed maybe not yet; listed, not alerted
    silent = (now - reported_at).total_seconds()
    if silent > rules.silent_after_s:
        found[("silent", "")] = f"No report for {_duration(silent)}."
    for device in report.devices:
        if device.state == "fault":
            found[("device", device.device)] = device.message or f"{device.device} fault"
    for pool in report.pools:
        row = PoolRow(pool.carrier, pool.left, pool.used_24h)
        days = row.days_left
        if row.left < rules.pool_min:
            found[("pool", pool.carrier)] = f"{row.left} numbers left."
        elif days is not None and days < rules.pool_min_days:
            found[("pool", pool.carrier)] = (
                f"{row.left} numbers left: about {days:.1f} days at today's rate."
            )
    if report.rejected:
        found[("rejected", "")] = f"{report.rejected} events refused by central."
    if report.last_crash_at:
        age = (now - parse_iso(report.last_crash_at)).total_seconds()
        if age < rules.crash_window_s:
            found[("crash", "")] = f"Crashed {_duration(age)} ago: {report.last_crash or '?'}"
    return found


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172_800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86_400} days"


def _open_key(station: str, kind: str, subject: str) -> str:
    return f"{station}\x1f{kind}\x1f{subject}"


def _raise(conn: Connection, alert: Alert, notify: bool) -> Alert | None:
    """Open ``alert`` (its id is given here); None when it is open already (another worker
    raised it a moment ago: one condition is one alert)."""
    try:
        with conn.begin_nested():
            new_id = conn.execute(
                insert(t.fleet_alerts).values(
                    open_key=_open_key(alert.station, alert.kind, alert.subject),
                    station=alert.station, kind=alert.kind, subject=alert.subject,
                    detail=alert.detail, raised_at=alert.raised_at, cleared_at=None,
                    notify_state="due" if notify else "none", notify_attempts=0,
                    notify_after=0.0,
                ).returning(t.fleet_alerts.c.id)
            ).scalar_one()
    except IntegrityError:
        return None
    return replace(alert, id=new_id)


def evaluate(
    conn: Connection, rules: FleetRules, *, station: str | None = None,
    now: datetime | None = None, notify: bool = False,
) -> list[Alert]:
    """Raise and clear alerts for one station (or all); returns the alerts it raised.

    ``notify``: new alerts are due for the alert webhook (else they are only listed).
    """
    now = now or datetime.now(UTC)
    rows = station_rows(conn, station=station)
    query = select(t.fleet_alerts.c.id, t.fleet_alerts.c.station, t.fleet_alerts.c.kind,
                   t.fleet_alerts.c.subject).where(t.fleet_alerts.c.open_key.is_not(None))
    if station is not None:
        query = query.where(t.fleet_alerts.c.station == station)
    open_rows = conn.execute(query).all()
    open_now = {(r.station, r.kind, r.subject): r.id for r in open_rows}
    wanted: dict[tuple[str, str, str], str] = {}
    for row in rows:
        for (kind, subject), detail in _conditions(
            row.station, row.reported_at, row.report, rules, now
        ).items():
            wanted[(row.station, kind, subject[:64])] = detail[:500]
    stamp = now.isoformat()
    raised: list[Alert] = []
    for key, detail in wanted.items():
        if key in open_now:
            conn.execute(update(t.fleet_alerts).where(t.fleet_alerts.c.id == open_now[key])
                         .values(detail=detail))
            continue
        alert = _raise(conn, Alert(0, *key, detail, stamp), notify)
        if alert is not None:
            raised.append(alert)
    for key, alert_id in open_now.items():
        if key not in wanted:
            conn.execute(update(t.fleet_alerts).where(t.fleet_alerts.c.id == alert_id)
                         .values(open_key=None, cleared_at=stamp))
    return raised


def evaluate_silence(
    conn: Connection, rules: FleetRules, *, now: datetime | None = None, notify: bool = False,
) -> list[Alert]:
    """Only the ``silent`` alerts, from the report times alone (no report is parsed): cheap
    enough to run every few seconds with thousands of stations."""
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(seconds=rules.silent_after_s)).isoformat()
    quiet = {
        r.station: r.reported_at for r in conn.execute(
            select(t.station_health.c.station, t.station_health.c.reported_at)
            .where(t.station_health.c.reported_at < cutoff))
    }
    open_silent = {
        r.station: r.id for r in conn.execute(
            select(t.fleet_alerts.c.id, t.fleet_alerts.c.station)
            .where(t.fleet_alerts.c.open_key.is_not(None))
            .where(t.fleet_alerts.c.kind == "silent"))
    }
    stamp = now.isoformat()
    raised = []
    for station, reported_at in quiet.items():
        detail = f"No report for {_duration((now - parse_iso(reported_at)).total_seconds())}."
        if station in open_silent:
            continue
        alert = _raise(conn, Alert(0, station, "silent", "", detail, stamp), notify)
        if alert is not None:
            raised.append(alert)
    for station, alert_id in open_silent.items():
        if station not in quiet:
            conn.execute(update(t.fleet_alerts).where(t.fleet_alerts.c.id == alert_id)
                         .values(open_key=None, cleared_at=stamp))
    return raised


# ---------------------------------------------------------------------------- reading
def station_rows(conn: Connection, *, station: str | None = None) -> list[StationRow]:
    """Every station (or one) with its newest report and open alerts, by name."""
    query = (
        select(t.stations.c.name, t.stations.c.warehouse, t.station_health.c.reported_at,
               t.station_health.c.report)
        .select_from(t.stations.outerjoin(
            t.station_health, t.station_health.c.station == t.stations.c.name))
        .order_by(t.stations.c.name)
    )
    if station is not None:
        query = query.where(t.stations.c.name == station)
    alerts: dict[str, list[Alert]] = {}
    for a in open_alerts(conn, station=station):
        alerts.setdefault(a.station, []).append(a)
    rows = []
    for r in conn.execute(query):
        report = _parsed(r.name, r.reported_at, r.report) if r.report else None
        rows.append(StationRow(
            r.name, r.warehouse, parse_iso(r.reported_at) if r.reported_at else None, report,
            alerts.get(r.name, []),
        ))
    return rows


_PARSED: dict[str, tuple[str, StationHealth]] = {}


def _parsed(station: str, reported_at: str, body: str) -> StationHealth:
    """The stored report, parsed once per report (the page reloads every few seconds)."""
    cached = _PARSED.get(station)
    if cached is not None and cached[0] == reported_at:
        return cached[1]
    report = StationHealth.model_validate_json(body)
    if len(_PARSED) > 20_000:
        _PARSED.clear()
    _PARSED[station] = (reported_at, report)
    return report


def open_alerts(conn: Connection, *, station: str | None = None) -> list[Alert]:
    query = (
        select(t.fleet_alerts).where(t.fleet_alerts.c.open_key.is_not(None))
        .order_by(t.fleet_alerts.c.raised_at.desc(), t.fleet_alerts.c.id.desc())
    )
    if station is not None:
        query = query.where(t.fleet_alerts.c.station == station)
    return [Alert(r.id, r.station, r.kind, r.subject, r.detail, r.raised_at)
            for r in conn.execute(query)]


# ---------------------------------------------------------------------------- sign-in
def _hash(secret: str) -> str:
    import hashlib

    return hashlib.sha256(secret.encode()).hexdigest()


def new_key(conn: Connection, kind: str, valid_s: float) -> str:
    """A fleet page secret (``link``: one use; ``session``: a browser's cookie)."""
    import secrets

    secret = secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(seconds=valid_s)).isoformat()
    conn.execute(delete(t.fleet_keys).where(t.fleet_keys.c.expires_at < now_iso()))
    conn.execute(insert(t.fleet_keys).values(key_hash=_hash(secret), kind=kind,
                                             expires_at=expires))
    return secret


def key_valid(conn: Connection, secret: str | None, kind: str, *, consume: bool = False) -> bool:
    """Whether ``secret`` is a live key of ``kind``; a consumed key is deleted (one use)."""
    if not secret or len(secret) > 100:
        return False
    where = (t.fleet_keys.c.key_hash == _hash(secret)) & (t.fleet_keys.c.kind == kind) & (
        t.fleet_keys.c.expires_at > now_iso())
    if consume:
        return conn.execute(delete(t.fleet_keys).where(where)).rowcount == 1
    return conn.scalar(select(t.fleet_keys.c.kind).where(where)) is not None


def drop_key(conn: Connection, secret: str) -> None:
    conn.execute(delete(t.fleet_keys).where(t.fleet_keys.c.key_hash == _hash(secret)))


# ---------------------------------------------------------------------------- the watch
class FleetWatch:
    """A background thread: evaluates every station each ``every_s`` (a station going silent
    raises its alert here) and delivers due alerts to the alert webhook."""

    def __init__(
        self, engine: Engine, rules: FleetRules, *, webhook_url: str | None = None,
        webhook_secret: str | None = None, every_s: float = 10.0, timeout_s: float = 5.0,
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.every_s = every_s
        self.timeout_s = timeout_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._http = requests.Session()

    @classmethod
    def from_env(cls, engine: Engine, **kwargs: object) -> FleetWatch:
        env = os.environ
        return cls(engine, FleetRules.from_env(),
                   webhook_url=env.get("STATION_CENTRAL_ALERT_WEBHOOK") or None,
                   webhook_secret=env.get("STATION_CENTRAL_ALERT_SECRET") or None,
                   **kwargs)  # type: ignore[arg-type]

    @property
    def notifies(self) -> bool:
        return self.webhook_url is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fleet-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self._http.close()

    def step(self) -> int:
        """Raise or clear silence alerts, then deliver due alerts; returns how many were
        delivered. (Every other alert is settled when its station reports.)"""
        with self.engine.begin() as conn:
            evaluate_silence(conn, self.rules, notify=self.notifies)
        return self.deliver()

    def deliver(self) -> int:
        if not self.webhook_url:
            return 0
        delivered = 0
        now = time.time()
        with self.engine.connect() as conn:
            due = conn.execute(
                select(t.fleet_alerts)
                .where(t.fleet_alerts.c.notify_state == "due")
                .where(t.fleet_alerts.c.notify_after <= now)
                .order_by(t.fleet_alerts.c.id).limit(50)
            ).all()
        for row in due:
            with self.engine.begin() as conn:  # claim: one worker delivers each alert
                claimed = conn.execute(
                    update(t.fleet_alerts)
                    .where(t.fleet_alerts.c.id == row.id)
                    .where(t.fleet_alerts.c.notify_state == "due")
                    .values(notify_state="sending")
                ).rowcount
            if not claimed:
                continue
            ok = self._post(row)
            attempts = row.notify_attempts + 1
            if ok:
                state, after = "sent", 0.0
                delivered += 1
            elif attempts >= MAX_NOTIFY_ATTEMPTS:
                state, after = "failed", 0.0
                log.error("alert %s could not be delivered after %d tries", row.id, attempts)
            else:
                state, after = "due", time.time() + min(600.0, 2.0 ** attempts)
            with self.engine.begin() as conn:
                conn.execute(update(t.fleet_alerts).where(t.fleet_alerts.c.id == row.id)
                             .values(notify_state=state, notify_attempts=attempts,
                                     notify_after=after))
        return delivered

    def _post(self, row: object) -> bool:
        body = json.dumps({
            "event": "station_alert",
            "alert_id": row.id,  # type: ignore[attr-defined]
            "station": row.station,  # type: ignore[attr-defined]
            "kind": row.kind,  # type: ignore[attr-defined]
            "subject": row.subject,  # type: ignore[attr-defined]
            "detail": row.detail,  # type: ignore[attr-defined]
            "raised_at": row.raised_at,  # type: ignore[attr-defined]
        }).encode()
        headers = {"Content-Type": "application/json",
                   "X-Station-Event-Key": f"alert-{row.id}"}  # type: ignore[attr-defined]
        if self.webhook_secret:
            stamp = str(int(time.time()))
            headers["X-Station-Timestamp"] = stamp
            headers["X-Station-Signature"] = sign(self.webhook_secret, stamp, body)
        try:
            answer = self._http.post(self.webhook_url or "", data=body, headers=headers,
                                     timeout=self.timeout_s)
        except requests.RequestException as exc:
            log.warning("alert webhook unreachable: %s", exc)
            return False
        return 200 <= answer.status_code < 300

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:  # the database busy a moment: next round
                log.warning("fleet watch step failed", exc_info=True)
            self._stop.wait(self.every_s)
