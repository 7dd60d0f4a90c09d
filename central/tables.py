"""Central schema (SQLAlchemy Core tables). Migrations in ``central/migrations`` create them.

Reference data (products, packaging, carriers, operators, orders, pool segments) is stored as
the contract's JSON next to a ``seq``: the value of the change counter when the row last
changed. ``GET /v1/changes`` pages through rows by ``seq``; the counter row is updated inside
the writing transaction, so its lock orders commits and a reader never skips a late commit.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

change_counter = Table(
    "change_counter",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", BigInteger, nullable=False),
)

warehouses = Table(
    "warehouses",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
)

stations = Table(
    "stations",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("warehouse", String(32), ForeignKey("warehouses.code"), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("station", String(64), ForeignKey("stations.name"), nullable=True),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("label", String(100), nullable=True),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=True),
    Column("revoked_at", String(40), nullable=True),
)

sellers = Table(
    "sellers",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("webhook_url", String(500), nullable=True),
    Column("webhook_secret", String(200), nullable=True),
)


def _reference(name: str, key: str, *extra: Column) -> Table:
    return Table(
        name,
        metadata,
        Column(key, String(64), primary_key=True),
        *extra,
        Column("data", Text, nullable=False),
        Column("seq", BigInteger, nullable=False, index=True),
    )


products = _reference("products", "sku")
packaging = _reference("packaging", "code")
carriers = _reference("carriers", "code")
operators = _reference(
    "operators", "badge", Column("warehouse", String(32), ForeignKey("warehouses.code"))
)
orders = _reference(
    "orders",
    "order_id",
    Column("warehouse", String(32), ForeignKey("warehouses.code"), nullable=False),
    Column("seller", String(64), ForeignKey("sellers.code"), nullable=True),
    Column("status", String(20), nullable=False),
    Column("updated_at", String(40), nullable=False),
)
pool_segments = _reference(
    "pool_segments",
    "segment_id",
    Column("carrier", String(32), nullable=False),
    Column("station", String(64), ForeignKey("stations.name"), nullable=False),
    Column("start", BigInteger, nullable=False),
    Column("end", BigInteger, nullable=False),
)

central_ranges = Table(
    "central_ranges",
    metadata,
    Column("carrier", String(32), primary_key=True),
    Column("prefix", String(10), nullable=False),
    Column("suffix", String(10), nullable=False),
    Column("width", Integer, nullable=False),
    Column("next", BigInteger, nullable=False),
    Column("end", BigInteger, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("station", String(64), nullable=False),
    Column("idempotency_key", String(80), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("order_id", String(64), nullable=True, index=True),
    Column("occurred_at", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text, nullable=True),
    UniqueConstraint("station", "idempotency_key", name="uq_events_station_key"),
)

tracking_numbers = Table(
    "tracking_numbers",
    metadata,
    Column("number", String(64), primary_key=True),
    Column("carrier", String(32), nullable=False),
    Column("order_id", String(64), nullable=True, index=True),
    Column("warehouse", String(32), nullable=True),
    Column("parcel_no", Integer, nullable=True),
    Column("source", String(10), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
)

tracking_events = Table(
    "tracking_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", String(64), nullable=False, index=True),
    Column("event_key", String(120), nullable=False, unique=True),
    Column("at", String(40), nullable=False),
    Column("status", String(40), nullable=False),
    Column("location", String(200), nullable=True),
    Column("note", Text, nullable=True),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_key", String(120), nullable=False, unique=True),
    Column("seller", String(64), nullable=False),
    Column("url", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),  # epoch seconds
    Column("delivered_at", String(40), nullable=True),
    Column("last_error", Text, nullable=True),
    Index("ix_webhook_due", "delivered_at", "next_attempt_at"),
)

inbound_notices = Table(
    "inbound_notices",
    metadata,
    Column("notice_id", String(64), primary_key=True),
    Column("warehouse", String(32), ForeignKey("warehouses.code"), nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# --- station enrolment (issue 14): one-time codes IT hands to a new station ---
enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("station", String(64), ForeignKey("stations.name"), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("used_at", String(40), nullable=True),
)
