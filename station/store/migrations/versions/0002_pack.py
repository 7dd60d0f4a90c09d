"""Pack domain: reference data (skus, barcodes, packaging, carriers, operators, orders) and
the bench record (pack sessions, their scans, parcels).

Revision ID: 0002_pack
Revises: 0001_base
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_pack"
down_revision = "0001_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skus",
        sa.Column("sku", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200)),
        sa.Column("unit_weight_g", sa.Integer, nullable=False),
        sa.Column("length_mm", sa.Integer, nullable=False),
        sa.Column("width_mm", sa.Integer, nullable=False),
        sa.Column("height_mm", sa.Integer, nullable=False),
        sa.Column("requires_lot", sa.Boolean, nullable=False),
        sa.Column("requires_serial", sa.Boolean, nullable=False),
        sa.Column("bulk", sa.Boolean, nullable=False),
        sa.Column("tol_g", sa.Integer),
        sa.Column("tol_pct", sa.String(20)),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "barcodes",
        sa.Column("code", sa.String(128), primary_key=True),
        sa.Column("sku", sa.String(64), sa.ForeignKey("skus.sku", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("units", sa.Integer, nullable=False),
    )
    op.create_index("ix_barcodes_sku", "barcodes", ["sku"])
    op.create_table(
        "packaging",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("barcode", sa.String(128), nullable=False, unique=True),
        sa.Column("inner_length_mm", sa.Integer, nullable=False),
        sa.Column("inner_width_mm", sa.Integer, nullable=False),
        sa.Column("inner_height_mm", sa.Integer, nullable=False),
        sa.Column("tare_g", sa.Integer, nullable=False),
        sa.Column("max_load_g", sa.Integer, nullable=False),
        sa.Column("filler_g", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "carriers",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_zh", sa.String(100)),
        sa.Column("tracking_format", sa.String(10), nullable=False),
        sa.Column("mask_recipient", sa.Boolean, nullable=False),
        sa.Column("staging_lane", sa.String(40)),
    )
    op.create_table(
        "carrier_services",
        sa.Column("carrier", sa.String(32), sa.ForeignKey("carriers.code", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "operators",
        sa.Column("badge", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("pin_hash", sa.String(200)),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(64), primary_key=True),
        sa.Column("warehouse", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("sender", sa.Text),
        sa.Column("tote", sa.String(64)),
        sa.Column("pick_list", sa.String(64)),
        sa.Column("cutoff", sa.String(40)),
        sa.Column("tol_g", sa.Integer),
        sa.Column("tol_pct", sa.String(20)),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_orders_tote", "orders", ["tote"])
    op.create_index("ix_orders_pick_list", "orders", ["pick_list"])
    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.String(64),
                  sa.ForeignKey("orders.order_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
    )
    op.create_table(
        "pack_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
    )
    op.create_index("ix_pack_sessions_open", "pack_sessions", ["station", "ended_at"])
    op.create_index("ix_pack_sessions_order", "pack_sessions", ["order_id"])
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("pack_sessions.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("operator", sa.String(64)),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("raw", sa.String(512)),
        sa.Column("sku", sa.String(64)),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("lot", sa.String(64)),
        sa.Column("serial", sa.String(64)),
        sa.Column("expiry", sa.String(10)),
        sa.Column("box_code", sa.String(64)),
        sa.Column("grams", sa.Integer),
        sa.Column("expected_g", sa.Integer),
        sa.Column("within", sa.Boolean),
        sa.Column("then_new", sa.Boolean),
        sa.Column("by", sa.String(64)),
        sa.Column("reason", sa.String(500)),
        sa.Column("decision", sa.String(20)),
        sa.UniqueConstraint("session_id", "seq", name="uq_scans_session_seq"),
    )
    op.create_table(
        "parcels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("pack_sessions.id"), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("parcel_no", sa.Integer, nullable=False),
        sa.Column("box_code", sa.String(64)),
        sa.Column("expected_g", sa.Integer),
        sa.Column("actual_g", sa.Integer),
        sa.Column("override_by", sa.String(64)),
        sa.Column("override_reason", sa.String(500)),
        sa.Column("items", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("tracking_number", sa.String(64)),
        sa.Column("closed_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("session_id", "parcel_no", name="uq_parcels_session_no"),
    )
    op.create_index("ix_parcels_tracking", "parcels", ["tracking_number"])
    op.create_index("ix_parcels_order", "parcels", ["order_id"])


def downgrade() -> None:
    for table in ("parcels", "scans", "pack_sessions", "order_lines", "orders", "operators",
                  "carrier_services", "carriers", "packaging", "barcodes", "skus"):
        op.drop_table(table)
