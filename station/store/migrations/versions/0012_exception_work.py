"""Exceptions are work items: a lead acknowledges or resolves each one with a reason
(audited); the dashboard shows what is still open.

Revision ID: 0012_exception_work
Revises: 0011_recipient_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_exception_work"
down_revision = "0011_recipient_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exception_states",
        sa.Column("key", sa.String(80), primary_key=True),  # audit:<id> | outbox:<id>
        sa.Column("state", sa.String(12), nullable=False),  # acknowledged | resolved
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("exception_states")
