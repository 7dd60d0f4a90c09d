"""The audit trail as a hash chain: each row's ``row_hash`` is SHA-256 over the previous row's
hash and this row's canonical content, so editing, deleting or reordering any row (except
cutting rows off the end) breaks the chain at that row. ``station doctor`` checks it.

Rows are written only by :func:`station.store.outbox.audit`, inside the transaction of the
change they describe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, text

GENESIS = "0" * 64  # the "previous hash" of the first row


def row_digest(
    prev_hash: str,
    row_id: int,
    at: str,
    operator: str | None,
    action: str,
    subject: str | None,
    detail: str,
) -> str:
    """The hash of one audit row chained to ``prev_hash`` (``detail`` is its stored JSON)."""
    content = json.dumps(
        [row_id, at, operator, action, subject, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def chain_head(conn: Connection) -> tuple[int, str]:
    """Id and hash of the last audit row (0 and the genesis hash when there is none)."""
    row = conn.execute(text("SELECT id, row_hash FROM audit ORDER BY id DESC LIMIT 1")).first()
    if row is None:
        return 0, GENESIS
    return int(row.id), str(row.row_hash or GENESIS)


@dataclass(frozen=True)
class ChainReport:
    """Result of a chain check: rows checked and the id of the first row that does not fit."""

    rows: int
    first_broken: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def row_hash(conn: Connection, row_id: int) -> str | None:
    """The stored hash of audit row ``row_id`` (None: no such row)."""
    return conn.execute(text("SELECT row_hash FROM audit WHERE id = :id"),
                        {"id": row_id}).scalar_one_or_none()


def verify_chain(conn: Connection) -> ChainReport:
    """Recompute the chain from the first row; stop at the first row whose hash differs."""
    prev = GENESIS
    checked = 0
    result = conn.execute(
        text("SELECT id, at, operator, action, subject, detail, row_hash FROM audit ORDER BY id")
    )
    for row in result:
        expected = row_digest(
            prev, row.id, row.at, row.operator, row.action, row.subject, row.detail
        )
        if row.row_hash != expected:
            return ChainReport(checked, int(row.id))
        prev = expected
        checked += 1
    return ChainReport(checked, None)
