"""Returns graded beyond resellable/damaged: A like new, B opened or used, C damaged,
missing parts; the grade travels with each returned item to the seller.

Revision ID: 0015_return_grade
Revises: 0014_carrier_label
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_return_grade"
down_revision = "0014_carrier_label"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("return_scans") as batch:
        batch.add_column(sa.Column("grade", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("return_scans") as batch:
        batch.drop_column("grade")
