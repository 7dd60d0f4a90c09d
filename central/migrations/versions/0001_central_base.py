"""Central base schema: reference data, orders, events, tracking, webhooks, tokens.

Revision ID: 0001_central_base
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_central_base"
down_revision = None
branch_labels = None
depends_on = None


def _reference(name, key, *extra):
    op.create_table(
        name,
        sa.Column(key, sa.String(64), primary_key=True),
        *extra,
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index(f"ix_{name}_seq", name, ["seq"])


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "warehouses",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "stations",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code"), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("station", sa.String(64), sa.ForeignKey("stations.name"), nullable=True),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        sa.Column("label", sa.String(100), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=True),
        sa.Column("revoked_at", sa.String(40), nullable=True),
    )
    op.create_table(
        "sellers",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("webhook_url", sa.String(500), nullable=True),
        sa.Column("webhook_secret", sa.String(200), nullable=True),
    )
    _reference("products", "sku")
    _reference("packaging", "code")
    _reference("carriers", "code")
    _reference(
        "operators",
        "badge",
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code")),
    )
    _reference(
        "orders",
        "order_id",
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code"), nullable=False),
        sa.Column("seller", sa.String(64), sa.ForeignKey("sellers.code"), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    _reference(
        "pool_segments",
        "segment_id",
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("station", sa.String(64), sa.ForeignKey("stations.name"), nullable=False),
        sa.Column("start", sa.BigInteger, nullable=False),
        sa.Column("end", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "central_ranges",
        sa.Column("carrier", sa.String(32), primary_key=True),
        sa.Column("prefix", sa.String(10), nullable=False),
        sa.Column("suffix", sa.String(10), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("next", sa.BigInteger, nullable=False),
        sa.Column("end", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("idempotency_key", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=True),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.UniqueConstraint("station", "idempotency_key", name="uq_events_station_key"),
    )
    op.create_index("ix_events_order_id", "events", ["order_id"])
    op.create_table(
        "tracking_numbers",
        sa.Column("number", sa.String(64), primary_key=True),
        sa.Column("carrier", sa.String(32), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=True),
        sa.Column("warehouse", sa.String(32), nullable=True),
        sa.Column("parcel_no", sa.Integer, nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("voided", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_tracking_numbers_order_id", "tracking_numbers", ["order_id"])
    op.create_table(
        "tracking_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("event_key", sa.String(120), nullable=False, unique=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_tracking_events_number", "tracking_events", ["number"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_key", sa.String(120), nullable=False, unique=True),
        sa.Column("seller", sa.String(64), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Float, nullable=False),
        sa.Column("delivered_at", sa.String(40), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
    )
    op.create_index("ix_webhook_due", "webhook_deliveries", ["delivered_at", "next_attempt_at"])
    op.create_table(
        "inbound_notices",
        sa.Column("notice_id", sa.String(64), primary_key=True),
        sa.Column("warehouse", sa.String(32), sa.ForeignKey("warehouses.code"), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for name in (
        "inbound_notices", "webhook_deliveries", "tracking_events", "tracking_numbers",
        "events", "central_ranges", "pool_segments", "orders", "operators", "carriers",
        "packaging", "products", "sellers", "api_tokens", "stations", "warehouses",
        "change_counter",
    ):
        op.drop_table(name)
