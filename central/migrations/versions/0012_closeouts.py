"""Carrier close-out at manifest close (EasyPost ScanForm): one row per closed manifest whose
parcels were bought through a carrier API that has a close-out.

Revision ID: 0012_closeouts
Revises: 0011_fleet
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_closeouts"
down_revision = "0011_fleet"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "carrier_closeouts",
        sa.Column("manifest_id", sa.String(64), primary_key=True),
        sa.Column("warehouse", sa.String(32), primary_key=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("refs", sa.Text, nullable=False),  # JSON: the carrier's shipment ids
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("form_id", sa.String(64), nullable=True),
        sa.Column("form_url", sa.Text, nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("tries", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("carrier_closeouts")
