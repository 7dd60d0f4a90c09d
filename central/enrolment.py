"""Station enrolment: IT creates a one-time code for a station; the station trades it for its
API token (``station enroll URL CODE``), so no token is ever typed or mailed around.

Codes are random (10 characters from an alphabet without look-alikes, ~50 bits), stored only
as SHA-256, expire (default 24 h) and work once: the exchange marks the code used in the same
transaction that creates the token, with a conditional UPDATE, so two racing exchanges of one
code cannot both win.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from central import tables as t
from central.auth import create_token, hash_token
from central.clock import now_iso
from central.errors import ApiProblem

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_LENGTH = 10


def normalise_code(code: str) -> str:
    """Upper case, without spaces and dashes: ``abcd-efgh-jk`` and ``ABCDEFGHJK`` are one."""
    return code.replace("-", "").replace(" ", "").upper()


MAX_VALID_HOURS = 24 * 7  # a code that lives longer is a password lying around


def create_enrolment_code(conn: Connection, station: str, valid_hours: float = 24) -> str:
    """A new one-time code for ``station``, in clear text (shown once; only its hash stays)."""
    if not (isinstance(valid_hours, int | float) and 0 < valid_hours <= MAX_VALID_HOURS):
        # Also refuses nan and inf (every comparison with nan is False).
        raise ApiProblem(422, "invalid_validity",
                         f"An enrolment code is valid for more than 0 and at most "
                         f"{MAX_VALID_HOURS} hours.")
    if conn.scalar(select(t.stations.c.name).where(t.stations.c.name == station)) is None:
        raise ApiProblem(404, "not_found", f"Station {station} does not exist; create it first.")
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    now = datetime.now(UTC)
    conn.execute(
        insert(t.enrolment_codes).values(
            code_hash=hash_token(code),
            station=station,
            created_at=now.isoformat(timespec="microseconds"),
            expires_at=(now + timedelta(hours=valid_hours)).isoformat(timespec="microseconds"),
        )
    )
    return f"{code[:5]}-{code[5:]}"


def redeem_enrolment_code(conn: Connection, code: str) -> tuple[str, str, str]:
    """Use ``code`` once: (station, warehouse, new API token). ``ApiProblem`` 401 otherwise,
    with the same answer for unknown, used and expired codes (no oracle for guessing)."""
    now = now_iso()
    refused = ApiProblem(
        401, "enrolment_refused",
        "The enrolment code is unknown, already used or expired. Ask IT for a new one.",
    )
    row = conn.execute(
        select(t.enrolment_codes.c.id, t.enrolment_codes.c.station, t.stations.c.warehouse)
        .select_from(t.enrolment_codes.join(t.stations))
        .where(t.enrolment_codes.c.code_hash == hash_token(normalise_code(code)))
        .where(t.enrolment_codes.c.used_at.is_(None))
        .where(t.enrolment_codes.c.expires_at > now)
    ).first()
    if row is None:
        raise refused
    claimed = conn.execute(
        update(t.enrolment_codes)
        .where(t.enrolment_codes.c.id == row.id)
        .where(t.enrolment_codes.c.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        raise refused
    # One bench PC is one station with one token: enrolling again (a replaced PC, a leaked
    # token) revokes every earlier token of the station.
    conn.execute(
        update(t.api_tokens)
        .where(t.api_tokens.c.station == row.station, t.api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    token = create_token(conn, station=row.station, label="enrolment")
    return row.station, row.warehouse, token
