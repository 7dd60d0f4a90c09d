"""Outbox and audit writes. Call these inside the same transaction as the domain change they
describe, so the change and its event commit (or vanish) together."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from contract import PAYLOADS, Contract, EventKind
from station.store.audit_chain import chain_head, row_digest

_INSERT_EVENT = text(
    "INSERT INTO outbox (idempotency_key, kind, order_id, payload, occurred_at) "
    "VALUES (:key, :kind, :order_id, :payload, :at)"
)
_INSERT_AUDIT = text(
    "INSERT INTO audit (id, at, operator, action, subject, detail, row_hash) "
    "VALUES (:id, :at, :operator, :action, :subject, :detail, :row_hash)"
)


def utcnow_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def enqueue_event(
    conn: Connection,
    kind: EventKind,
    payload: Contract | dict[str, Any],
    order_id: str | None = None,
    key: str | None = None,
) -> str:
    """Queue one event for the central API; returns its idempotency key.

    A typed payload is validated against the contract model of its kind before it is queued,
    so a malformed event fails at the bench, not on the server hours later.
    """
    model = PAYLOADS.get(kind)
    if isinstance(payload, Contract):
        data = payload.model_dump(mode="json")
    else:
        data = model.model_validate(payload).model_dump(mode="json") if model else payload
    key = key or uuid.uuid4().hex
    conn.execute(
        _INSERT_EVENT,
        {
            "key": key,
            "kind": str(kind),
            "order_id": order_id,
            "payload": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            "at": utcnow_iso(),
        },
    )
    return key


def last_logged_in(conn: Connection) -> str | None:
    """The badge of the last login not followed by a logout (who was at the bench when the
    window died), or None."""
    row = conn.execute(text(
        "SELECT operator, action FROM audit WHERE action IN ('login', 'logout') "
        "ORDER BY id DESC LIMIT 1")).first()
    return str(row.operator) if row is not None and row.action == "login" else None


def audit(
    conn: Connection,
    action: str,
    operator: str | None,
    subject: str | None = None,
    **detail: Any,
) -> None:
    """Record who did what to which order/parcel/manifest (reprints, voids, overrides...).

    The only writer of audit rows: each row is chained to the previous one by its hash
    (``station.store.audit_chain``), in the caller's transaction.
    """
    last_id, prev_hash = chain_head(conn)
    row_id, at = last_id + 1, utcnow_iso()
    text_detail = json.dumps(detail, ensure_ascii=False, default=str)
    conn.execute(
        _INSERT_AUDIT,
        {
            "id": row_id,
            "at": at,
            "operator": operator,
            "action": action,
            "subject": subject,
            "detail": text_detail,
            "row_hash": row_digest(prev_hash, row_id, at, operator, action, subject, text_detail),
        },
    )
