"""Label state lives with the parcel: the live number, where it came from, the attempt key
sent to central, the last print failure; every number a parcel ever had (voided ones are
retired for good); failed PIN attempts per badge (back-off and lock survive a restart).

Revision ID: 0004_labels
Revises: 0003_pool
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_labels"
down_revision = "0003_pool"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("parcels") as batch:
        batch.add_column(sa.Column("label_source", sa.String(8)))
        batch.add_column(sa.Column("label_error", sa.String(500)))
        batch.add_column(sa.Column("printed_at", sa.String(40)))
        batch.add_column(sa.Column("print_count", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "parcel_labels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("parcel_no", sa.Integer, nullable=False),
        sa.Column("attempt_key", sa.String(64), nullable=False, unique=True),
        # NULL while central has not answered; a number is assigned to one parcel only.
        sa.Column("tracking_number", sa.String(64), unique=True),
        sa.Column("source", sa.String(8), nullable=False),  # central | pool
        # requested | assigned | printed | voided | abandoned
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("printed_at", sa.String(40)),
        sa.Column("voided_at", sa.String(40)),
        sa.Column("voided_by", sa.String(64)),
        sa.Column("reason", sa.String(500)),
    )
    op.create_index("ix_parcel_labels_parcel", "parcel_labels", ["order_id", "parcel_no"])
    op.create_table(
        "pin_attempts",
        sa.Column("badge", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(40)),
    )


def downgrade() -> None:
    op.drop_table("pin_attempts")
    op.drop_index("ix_parcel_labels_parcel", "parcel_labels")
    op.drop_table("parcel_labels")
    with op.batch_alter_table("parcels") as batch:
        for column in ("print_count", "printed_at", "label_error", "label_source"):
            batch.drop_column(column)
