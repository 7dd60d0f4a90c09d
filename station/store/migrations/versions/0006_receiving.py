"""Receiving, returns and locations at the bench.

Revision ID: 0006_receiving
Revises: 0004_labels
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_receiving"
down_revision = "0004_labels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "locations",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("name", sa.String(100)),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("receipt_id", sa.String(64), nullable=False, unique=True),
        sa.Column("notice_id", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("notice", sa.Text, nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
    )
    op.create_index("ix_receipts_open", "receipts", ["station", "ended_at"])
    op.create_index("ix_receipts_notice", "receipts", ["notice_id"])
    op.create_table(
        "receipt_scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("receipt", sa.Integer, sa.ForeignKey("receipts.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("operator", sa.String(64)),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("raw", sa.String(512)),
        sa.Column("sku", sa.String(64)),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("location", sa.String(32)),
        sa.UniqueConstraint("receipt", "seq", name="uq_receipt_scans_seq"),
    )
    op.create_table(
        "returns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("return_id", sa.String(64), nullable=False, unique=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("check", sa.Text, nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
    )
    op.create_index("ix_returns_open", "returns", ["station", "ended_at"])
    op.create_index("ix_returns_order", "returns", ["order_id"])
    op.create_table(
        "return_scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("return_pk", sa.Integer, sa.ForeignKey("returns.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("operator", sa.String(64)),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("raw", sa.String(512)),
        sa.Column("sku", sa.String(64)),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(20)),
        sa.Column("condition", sa.String(20)),
        sa.Column("location", sa.String(32)),
        sa.Column("decision", sa.String(12)),
        sa.Column("label", sa.String(64)),
        sa.UniqueConstraint("return_pk", "seq", name="uq_return_scans_seq"),
    )


def downgrade() -> None:
    op.drop_table("return_scans")
    op.drop_index("ix_returns_order", "returns")
    op.drop_index("ix_returns_open", "returns")
    op.drop_table("returns")
    op.drop_table("receipt_scans")
    op.drop_index("ix_receipts_notice", "receipts")
    op.drop_index("ix_receipts_open", "receipts")
    op.drop_table("receipts")
    op.drop_table("locations")
