"""Base: outbox, audit trail, sync cursors.

Revision ID: 0001_base
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotency_key", sa.String(80), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=True),
        sa.Column("payload", sa.Text, nullable=False),  # JSON
        sa.Column("occurred_at", sa.String(40), nullable=False),  # ISO 8601 UTC
        sa.Column("sent_at", sa.String(40), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("result", sa.String(20), nullable=True),  # accepted / duplicate / rejected
    )
    op.create_index("ix_outbox_unsent", "outbox", ["sent_at", "id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("operator", sa.String(64), nullable=True),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(120), nullable=True),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),  # JSON
    )
    op.create_index("ix_audit_subject", "audit", ["subject"])
    op.create_table(
        "sync_cursor",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("cursor", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_cursor")
    op.drop_index("ix_audit_subject", "audit")
    op.drop_table("audit")
    op.drop_index("ix_outbox_unsent", "outbox")
    op.drop_table("outbox")
