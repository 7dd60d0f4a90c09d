"""Stock by location, minimums, receipts, returns and RMAs.

Revision ID: 0004_stock
Revises: 0001_central_base
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_stock"
down_revision = "0001_central_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "locations",
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code"), primary_key=True),
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_locations_seq", "locations", ["seq"])
    op.create_table(
        "stock",
        sa.Column("warehouse", sa.String(32), primary_key=True),
        sa.Column("location", sa.String(32), primary_key=True),
        sa.Column("sku", sa.String(64), primary_key=True),
        sa.Column("quantity", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "stock_minimums",
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code"), primary_key=True),
        sa.Column("sku", sa.String(64), primary_key=True),
        sa.Column("minimum", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "receipts",
        sa.Column("receipt_id", sa.String(64), primary_key=True),
        sa.Column("notice_id", sa.String(64), nullable=False, unique=True),
        sa.Column("warehouse", sa.String(32), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "returns",
        sa.Column("return_id", sa.String(64), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("warehouse", sa.String(32), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(12), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_returns_order_id", "returns", ["order_id"])
    op.create_table(
        "rmas",
        sa.Column("rma", sa.String(64), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("warehouse", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for name in ("rmas", "returns", "receipts", "stock_minimums", "stock"):
        op.drop_table(name)
    op.drop_index("ix_locations_seq", "locations")
    op.drop_table("locations")
