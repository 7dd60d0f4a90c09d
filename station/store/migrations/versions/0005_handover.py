"""Handover: manifests (交接单) of a carrier pickup and the parcels scanned onto them.

Revision ID: 0005_handover
Revises: 0006_receiving
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_handover"
down_revision = "0006_receiving"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "manifests",
        sa.Column("manifest_id", sa.String(64), primary_key=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("pickup", sa.String(100), nullable=False, server_default=""),
        sa.Column("warehouse", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),  # open / closed
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("closed_at", sa.String(40), nullable=True),
        sa.Column("reopened", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_manifests_status"),
    )
    op.create_index("ix_manifests_status", "manifests", ["status", "carrier"])
    op.create_table(
        "manifest_parcels",
        sa.Column("manifest_id", sa.String(64), sa.ForeignKey("manifests.manifest_id"),
                  primary_key=True),
        sa.Column("tracking_number", sa.String(64), primary_key=True),
        # One manifest per parcel, enforced by the database, not only by the service.
        sa.Column("parcel_id", sa.Integer, sa.ForeignKey("parcels.id"), nullable=False,
                  unique=True),
        sa.Column("weight_g", sa.Integer, nullable=True),
        sa.Column("scanned_by", sa.String(64), nullable=False),
        sa.Column("scanned_at", sa.String(40), nullable=False),
    )
    # Expected parcels of a pickup are the labelled ones: found without a full table scan.
    op.create_index("ix_parcels_handover_status", "parcels", ["status"])
    # Lookup by SKU and the lead's "today" dashboard read these without a full scan.
    op.create_index("ix_scans_lookup_sku", "scans", ["sku"])
    op.create_index("ix_audit_lead_at", "audit", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_lead_at", "audit")
    op.drop_index("ix_scans_lookup_sku", "scans")
    op.drop_index("ix_parcels_handover_status", "parcels")
    op.drop_table("manifest_parcels")
    op.drop_index("ix_manifests_status", "manifests")
    op.drop_table("manifests")
