"""Audit anchors: the newest head of each station's audit hash chain, kept outside the station.

Revision ID: 0009_audit_anchors
Revises: 0008_rate_buckets
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_audit_anchors"
down_revision = "0008_rate_buckets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        sa.Column("station", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.BigInteger, nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("anomaly", sa.String(500), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("audit_anchors")
