"""One-time station enrolment codes (stored as SHA-256, single use, expiring).

Revision ID: 0003_enroll
Revises: 0002_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_enroll"
down_revision = "0002_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enrolment_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("station", sa.String(64), sa.ForeignKey("stations.name"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
        sa.Column("used_at", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("enrolment_codes")
