"""Rate buckets of the public tracking page, shared by every central process.

Revision ID: 0008_rate_buckets
Revises: 0007_carrier_attempts
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_rate_buckets"
down_revision = "0007_carrier_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_buckets",
        sa.Column("client", sa.String(64), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("at", sa.Float, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("rate_buckets")
