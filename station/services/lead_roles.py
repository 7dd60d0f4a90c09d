"""The lead's actions are checked here, in the core, whatever the UI shows or hides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from station.domain.model import Role
from station.services.errors import PermissionDenied

LEAD_ROLES = frozenset({Role.LEAD, Role.ADMIN})
# Fixed SQL on the DB-API connection: every lead call checks the role (lookups included).
_ROLE_SQL = "SELECT role FROM operators WHERE badge = ? AND active = 1"


def require_lead(conn: Connection, badge: str | None) -> str:
    """The badge of an active lead or admin; :class:`PermissionDenied` for anyone else."""
    db: Any = conn.connection.dbapi_connection
    row = db.execute(_ROLE_SQL, (badge or "",)).fetchone() if badge else None
    if row is None or row[0] not in LEAD_ROLES:
        raise PermissionDenied("Only a shipping lead can do this: scan a lead's badge.")
    assert badge is not None
    return badge
