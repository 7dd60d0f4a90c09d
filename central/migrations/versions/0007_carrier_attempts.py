"""Carrier attempts: the state of a call to a carrier's API under an attempt key, the label it
returned (a retry with the same key gets it again, never a second purchase), the carrier's
own id, and the void the carrier still has to be told of.

Revision ID: 0007_carrier_attempts
Revises: 0003_enroll
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_carrier_attempts"
down_revision = "0003_enroll"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shipment_attempts") as batch:
        batch.add_column(sa.Column("carrier", sa.String(32), nullable=True))
        batch.add_column(sa.Column("state", sa.String(12), nullable=True))
        batch.add_column(sa.Column("label", sa.Text, nullable=True))
        batch.add_column(sa.Column("sort_codes", sa.Text, nullable=True))
        batch.add_column(sa.Column("carrier_ref", sa.String(64), nullable=True))
        batch.add_column(sa.Column("void_state", sa.String(12), nullable=True))
        batch.add_column(sa.Column("void_error", sa.String(500), nullable=True))
        batch.create_index("ix_shipment_attempts_void_state", ["void_state"])


def downgrade() -> None:
    with op.batch_alter_table("shipment_attempts") as batch:
        batch.drop_index("ix_shipment_attempts_void_state")
        for name in ("void_error", "void_state", "carrier_ref", "sort_codes", "label", "state",
                     "carrier"):
            batch.drop_column(name)
