"""Tracking-number pool: segments allocated to this station and every number handed out.

Revision ID: 0003_pool
Revises: 0001_base
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_pool"
down_revision = "0001_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pool_segment",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # allocation order
        sa.Column("segment_id", sa.String(64), nullable=False, unique=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(30), nullable=False, server_default=""),
        sa.Column("suffix", sa.String(30), nullable=False, server_default=""),
        sa.Column("start_no", sa.Integer, nullable=False),
        sa.Column("end_no", sa.Integer, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("tracking_format", sa.String(10), nullable=False, server_default="none"),
        sa.Column("next_no", sa.Integer, nullable=False),  # next serial to hand out
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.CheckConstraint("start_no <= end_no", name="ck_pool_segment_range"),
        sa.CheckConstraint("next_no >= start_no AND next_no <= end_no + 1", name="ck_pool_next"),
    )
    op.create_index("ix_pool_segment_take", "pool_segment", ["carrier", "station", "id"])
    op.create_table(
        "pool_number",
        # The printed number is the key: a number can never be handed out twice.
        sa.Column("number", sa.String(64), primary_key=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("segment_id", sa.String(64), nullable=False),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(120), nullable=True),  # order/parcel it was taken for
        sa.Column("status", sa.String(10), nullable=False, server_default="taken"),
        sa.Column("taken_at", sa.String(40), nullable=False),
        sa.Column("voided_at", sa.String(40), nullable=True),
        sa.Column("void_reason", sa.Text, nullable=True),
        sa.UniqueConstraint("segment_id", "serial", name="uq_pool_number_serial"),
        sa.CheckConstraint("status IN ('taken', 'voided')", name="ck_pool_number_status"),
    )


def downgrade() -> None:
    op.drop_table("pool_number")
    op.drop_index("ix_pool_segment_take", "pool_segment")
    op.drop_table("pool_segment")
