"""Carriers' offline policy: ``pool`` (numbers from the station's segment) or ``online_only``
(the carrier's API sells every number: offline, no label, never a made-up number).

Revision ID: 0009_offline_policy
Revises: 0008_audit_chain
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_offline_policy"
down_revision = "0008_audit_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("carriers") as batch:
        batch.add_column(sa.Column("offline_policy", sa.String(12), nullable=False,
                                   server_default="pool"))


def downgrade() -> None:
    with op.batch_alter_table("carriers") as batch:
        batch.drop_column("offline_policy")
