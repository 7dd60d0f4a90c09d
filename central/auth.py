"""Bearer tokens: random 32 bytes, shown once, stored as SHA-256 (no salt needed: they are
random, not chosen by people). A token is either the admin's (WMS side) or one station's."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, bindparam, insert, select, update

from central import tables as t
from central.clock import now_iso, parse_iso
from central.errors import ApiProblem

DEFAULT_VALID_DAYS = 365
MAX_VALID_DAYS = 730  # a leaked token dies within two years even if nobody revokes it


@dataclass(frozen=True)
class Caller:
    """Who is calling: the admin, or a station of one warehouse."""

    is_admin: bool
    station: str | None = None
    warehouse: str | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    conn: Connection,
    *,
    station: str | None = None,
    admin: bool = False,
    label: str | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> str:
    """Create a token and return it in clear text; only its hash is stored.

    Every token expires: after ``valid_days`` days, 1 to ``MAX_VALID_DAYS``.
    """
    if admin == (station is not None):
        raise ValueError("a token is either for the admin or for one station")
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValueError(f"a token is valid for 1 to {MAX_VALID_DAYS} days")
    if station is not None and conn.scalar(
        select(t.stations.c.name).where(t.stations.c.name == station)
    ) is None:
        raise ApiProblem(404, "not_found", f"Station {station} does not exist; create it first.")
    token = secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(days=valid_days)).isoformat()
    conn.execute(
        insert(t.api_tokens).values(
            token_hash=hash_token(token),
            station=station,
            is_admin=admin,
            label=label,
            created_at=now_iso(),
            expires_at=expires,
        )
    )
    return token


def revoke_token(conn: Connection, token: str) -> bool:
    done = conn.execute(
        update(t.api_tokens)
        .where(t.api_tokens.c.token_hash == hash_token(token))
        .values(revoked_at=now_iso())
    )
    return done.rowcount > 0


# Prebuilt: every request runs it (known-traps: a statement built per call costs ~4x).
_TOKEN = (
    select(
        t.api_tokens.c.is_admin,
        t.api_tokens.c.station,
        t.api_tokens.c.expires_at,
        t.api_tokens.c.revoked_at,
        t.stations.c.warehouse,
    )
    .select_from(t.api_tokens.outerjoin(t.stations))
    .where(t.api_tokens.c.token_hash == bindparam("token_hash"))
)


def authenticate(conn: Connection, token: str | None) -> Caller:
    """The caller behind a bearer token, or an ``ApiProblem`` 401 saying what is wrong."""
    if not token:
        raise ApiProblem(
            401, "unauthorized", "This request needs a bearer token (Authorization header)."
        )
    row = conn.execute(_TOKEN, {"token_hash": hash_token(token)}).first()
    if row is None:
        raise ApiProblem(401, "unauthorized", "The API token is not known to this server.")
    if row.revoked_at:
        raise ApiProblem(
            401, "token_revoked", "The API token was revoked. Ask IT for a new station token."
        )
    if row.expires_at and parse_iso(row.expires_at) <= datetime.now(UTC):
        raise ApiProblem(
            401, "token_expired", "The API token has expired. Ask IT for a new station token."
        )
    return Caller(is_admin=bool(row.is_admin), station=row.station, warehouse=row.warehouse)
