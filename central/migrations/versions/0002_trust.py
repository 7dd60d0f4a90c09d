"""Trust boundary: operators are scoped to the stations they may log in at.

Revision ID: 0002_trust
Revises: 0006_attempts
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_trust"
down_revision = "0006_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("stations", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("stations")
