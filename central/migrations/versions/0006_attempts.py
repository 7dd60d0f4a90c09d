"""Shipment attempts: one number per attempt key of a parcel; abandoned keys never get one.

Revision ID: 0006_attempts
Revises: 0001_central_base
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_attempts"
down_revision = "0001_central_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shipment_attempts",
        sa.Column("order_id", sa.String(64), primary_key=True),
        sa.Column("parcel_no", sa.Integer, primary_key=True),
        sa.Column("attempt_key", sa.String(64), primary_key=True),
        sa.Column("warehouse", sa.String(32), nullable=False),
        sa.Column("number", sa.String(64), nullable=True, unique=True),
        sa.Column("printed", sa.Boolean, nullable=False),
        sa.Column("abandoned", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("abandoned_at", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("shipment_attempts")
