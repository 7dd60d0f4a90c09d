"""The carrier's own label kept with its number: a REPRINT after a restart prints what the
carrier sent (SF's ZPL, a Cainiao print job), never the station's drawing of that number.

Revision ID: 0014_carrier_label
Revises: 0013_bags
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_carrier_label"
down_revision = "0013_bags"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("parcel_labels") as batch:
        batch.add_column(sa.Column("carrier_label_format", sa.String(8)))  # zpl|pdf|platform
        batch.add_column(sa.Column("carrier_label", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("parcel_labels") as batch:
        batch.drop_column("carrier_label")
        batch.drop_column("carrier_label_format")
