"""Handover by bag or cage (集包): a bag tag with its parcels and its seal number; one scan
of a sealed bag at the truck hands over every parcel in it.

Revision ID: 0013_bags
Revises: 0012_exception_work
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_bags"
down_revision = "0012_exception_work"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bags",
        sa.Column("bag_code", sa.String(64), primary_key=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),  # open | sealed | handed
        sa.Column("seal", sa.String(64)),
        sa.Column("manifest_id", sa.String(64)),  # set when the bag was handed over
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("sealed_at", sa.String(40)),
    )
    op.create_table(
        "bag_parcels",
        sa.Column("bag_code", sa.String(64), sa.ForeignKey("bags.bag_code"), nullable=False),
        sa.Column("parcel_id", sa.Integer, sa.ForeignKey("parcels.id"), primary_key=True),
        sa.Column("tracking_number", sa.String(64), nullable=False),
        sa.Column("weight_g", sa.Integer),
        sa.Column("bagged_by", sa.String(64), nullable=False),
        sa.Column("bagged_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_bag_parcels_bag", "bag_parcels", ["bag_code"])


def downgrade() -> None:
    op.drop_index("ix_bag_parcels_bag", "bag_parcels")
    op.drop_table("bag_parcels")
    op.drop_table("bags")
