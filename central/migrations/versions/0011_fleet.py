"""The fleet view: station health reports, alerts and fleet page sign-in keys.

Revision ID: 0011_fleet
Revises: 0010_notice_claims
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_fleet"
down_revision = "0010_notice_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "station_health",
        sa.Column("station", sa.String(64), primary_key=True),
        sa.Column("reported_at", sa.String(40), nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_table(
        "fleet_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("open_key", sa.String(200), nullable=True, unique=True),
        sa.Column("station", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
        sa.Column("raised_at", sa.String(40), nullable=False),
        sa.Column("cleared_at", sa.String(40), nullable=True),
        sa.Column("notify_state", sa.String(10), nullable=False),
        sa.Column("notify_attempts", sa.Integer, nullable=False),
        sa.Column("notify_after", sa.Float, nullable=False),
    )
    op.create_table(
        "fleet_keys",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fleet_keys")
    op.drop_table("fleet_alerts")
    op.drop_table("station_health")
