"""Lots and expiry dates captured at receiving for products that need them (food, cosmetics,
medicine): each counted quantity keeps its lot, and the receipt tells the WMS which lots came.

Revision ID: 0016_receipt_lots
Revises: 0015_return_grade
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_receipt_lots"
down_revision = "0015_return_grade"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("receipt_scans") as batch:
        batch.add_column(sa.Column("lot", sa.String(64)))
        batch.add_column(sa.Column("expiry", sa.String(10)))  # YYYY-MM-DD


def downgrade() -> None:
    with op.batch_alter_table("receipt_scans") as batch:
        batch.drop_column("expiry")
        batch.drop_column("lot")
