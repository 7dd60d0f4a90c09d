"""Audit trail made tamper-evident: every row carries a hash chained to the previous row.

Rows written before this revision are chained here, in id order.

Revision ID: 0008_audit_chain
Revises: 0007_evidence
"""

import sqlalchemy as sa
from alembic import op

from station.store.audit_chain import GENESIS, row_digest

revision = "0008_audit_chain"
down_revision = "0007_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("row_hash", sa.String(64), nullable=True))
    conn = op.get_bind()
    prev = GENESIS
    rows = conn.execute(
        sa.text("SELECT id, at, operator, action, subject, detail FROM audit ORDER BY id")
    ).all()
    for row in rows:
        prev = row_digest(prev, row.id, row.at, row.operator, row.action, row.subject, row.detail)
        conn.execute(
            sa.text("UPDATE audit SET row_hash = :h WHERE id = :id"), {"h": prev, "id": row.id}
        )


def downgrade() -> None:
    with op.batch_alter_table("audit") as batch:
        batch.drop_column("row_hash")
