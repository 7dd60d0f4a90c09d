"""A parcel's measured size and what the carrier bills for it: the dimensioner's reading is
kept with the parcel (reprints and the screen use the same size), the billed weight shows on
the pack screen.

Revision ID: 0010_parcel_size
Revises: 0009_offline_policy
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_parcel_size"
down_revision = "0009_offline_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("parcels") as batch:
        batch.add_column(sa.Column("length_mm", sa.Integer))  # measured; None: not measured
        batch.add_column(sa.Column("width_mm", sa.Integer))
        batch.add_column(sa.Column("height_mm", sa.Integer))
        batch.add_column(sa.Column("billed_g", sa.Integer))  # as sent with the label
        batch.add_column(sa.Column("billed_by", sa.String(8)))  # measured | box | none


def downgrade() -> None:
    with op.batch_alter_table("parcels") as batch:
        for name in ("billed_by", "billed_g", "height_mm", "width_mm", "length_mm"):
            batch.drop_column(name)
