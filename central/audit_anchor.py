"""``PUT/GET /v1/audit/head``: central keeps the newest head of each station's audit chain.

A head never moves back: a station that sends a lower row id (its trail was cut short or
emptied) or another hash for the same row (rewritten) is refused with 409 and logged as an
alert; the stored head stays what it was, so ``station doctor`` still finds out.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, insert, select, update

from central import tables as t
from central.auth import Caller
from central.clock import now_iso
from central.errors import ApiProblem, not_found
from contract import AuditHead

A = t.audit_anchors
log = logging.getLogger(__name__)


def put_head(conn: Connection, caller: Caller, head: AuditHead) -> AuditHead:
    station = caller.station or ""
    row = conn.execute(select(A).where(A.c.station == station).with_for_update()).first()
    now = now_iso()
    if row is None:
        conn.execute(insert(A).values(station=station, row_id=head.row_id,
                                      row_hash=head.row_hash, received_at=now))
        return head.model_copy(update={"received_at": now})
    problem = None
    if head.row_id < row.row_id:
        problem = (f"audit_truncated: the station's trail ends at row {head.row_id}, but row "
                   f"{row.row_id} was anchored on {row.received_at}")
    elif head.row_id == row.row_id and head.row_hash != row.row_hash:
        problem = f"audit_rewritten: row {row.row_id} has another hash than the anchored one"
    if problem is not None:
        log.warning("ALERT station %s: %s", station, problem)
        raise ApiProblem(409, problem.split(":", 1)[0], problem)
    if head.row_id > row.row_id:
        conn.execute(update(A).where(A.c.station == station).values(
            row_id=head.row_id, row_hash=head.row_hash, received_at=now))
        return head.model_copy(update={"received_at": now})
    return AuditHead(row_id=row.row_id, row_hash=row.row_hash, received_at=row.received_at)


def get_head(conn: Connection, caller: Caller) -> AuditHead:
    row = conn.execute(select(A).where(A.c.station == (caller.station or ""))).first()
    if row is None:
        raise not_found("An audit anchor of this station")
    return AuditHead(row_id=row.row_id, row_hash=row.row_hash, received_at=row.received_at)
