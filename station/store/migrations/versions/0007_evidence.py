"""Pack evidence clips (one per order recording, with its SHA-256) and the carriers' DIM divisor.

Revision ID: 0007_evidence
Revises: 0005_handover
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_evidence"
down_revision = "0005_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clips",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(100), nullable=True),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40), nullable=True),
        sa.Column("end_reason", sa.String(200), nullable=True),
        # recording -> finished | interrupted (recorder died; the fragments written are kept)
        # | failed (no camera); finished/interrupted -> pruned (file deleted by retention/quota)
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size_bytes", sa.Integer, nullable=True),
        sa.Column("frames", sa.Integer, nullable=True),
        sa.Column("dropped_frames", sa.Integer, nullable=True),
        sa.CheckConstraint(
            "status IN ('recording', 'finished', 'interrupted', 'failed', 'pruned')",
            name="ck_clips_status",
        ),
    )
    op.create_index("ix_clips_order", "clips", ["order_id"])
    op.create_index("ix_clips_status_ended", "clips", ["status", "ended_at"])
    op.create_table(
        "clip_tracking",
        sa.Column("clip_id", sa.Integer, sa.ForeignKey("clips.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("tracking_number", sa.String(64), primary_key=True),
    )
    op.create_index("ix_clip_tracking_number", "clip_tracking", ["tracking_number"])
    with op.batch_alter_table("carriers") as batch:
        # Volumetric divisor (cm³ per kg) the carrier bills DIM weight with; NULL: by weight only.
        batch.add_column(sa.Column("dim_divisor", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("carriers") as batch:
        batch.drop_column("dim_divisor")
    op.drop_index("ix_clip_tracking_number", "clip_tracking")
    op.drop_table("clip_tracking")
    op.drop_index("ix_clips_status_ended", "clips")
    op.drop_index("ix_clips_order", "clips")
    op.drop_table("clips")
