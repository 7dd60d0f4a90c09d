"""Notice claims: an inbound notice is counted at one bench at a time.

Revision ID: 0010_notice_claims
Revises: 0009_audit_anchors
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_notice_claims"
down_revision = "0009_audit_anchors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_claims",
        sa.Column("notice_id", sa.String(64), primary_key=True),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("claimed_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notice_claims")
