"""The lead's actions are checked here, in the core, whatever the UI shows or hides."""

from __future__ import annotations

from sqlalchemy import Connection

from station.domain.model import Role
from station.services.errors import PermissionDenied
from station.store import catalog as catalog_reads

LEAD_ROLES = frozenset({Role.LEAD, Role.ADMIN})


def require_lead(conn: Connection, badge: str | None) -> str:
    """The badge of an active lead or admin; :class:`PermissionDenied` for anyone else."""
    role = catalog_reads.active_role(conn, badge) if badge else None
    if role not in LEAD_ROLES:
        raise PermissionDenied("Only a shipping lead can do this: scan a lead's badge.")
    assert badge is not None
    return badge
