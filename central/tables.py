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

# --- shipment attempts (issue 10) ------------------------------------------------------------
# One row per ``POST /v1/shipments`` attempt key of a parcel: the number issued under it (None
# until issued), whether the station reported it printed, and whether the station gave the
# attempt up (its answer was lost). An abandoned key never gets a number.
shipment_attempts = Table(
    "shipment_attempts",
    metadata,
    Column("order_id", String(64), primary_key=True),
    Column("parcel_no", Integer, primary_key=True),
    Column("attempt_key", String(64), primary_key=True),
    Column("warehouse", String(32), nullable=False),
    Column("number", String(64), nullable=True, unique=True),
    Column("printed", Boolean, nullable=False, default=False),
    Column("abandoned", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
    Column("abandoned_at", String(40), nullable=True),
    # Carriers with an API (central/carriers): the call's state (calling / done / refused),
    # the label it returned, sort codes (JSON), the carrier's id, and the void it still owes.
    Column("carrier", String(32), nullable=True),
    Column("state", String(12), nullable=True),
    Column("label", Text, nullable=True),
    Column("sort_codes", Text, nullable=True),
    Column("carrier_ref", String(64), nullable=True),
    Column("void_state", String(12), nullable=True, index=True),
    Column("void_error", String(500), nullable=True),
)

# ---------------------------------------------------------------- stock, receipts, returns
# Locations are reference data stations pull (``seq``); stock is read on demand.
locations = Table(
    "locations",
    metadata,
    Column("warehouse", String(32), ForeignKey("warehouses.code"), primary_key=True),
    Column("code", String(32), primary_key=True),
    Column("kind", String(12), nullable=False),  # bin / quarantine / qc_hold
    Column("data", Text, nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
)

stock = Table(
    "stock",
    metadata,
    Column("warehouse", String(32), primary_key=True),
    Column("location", String(32), primary_key=True),
    Column("sku", String(64), primary_key=True),
    Column("quantity", BigInteger, nullable=False),
)

stock_minimums = Table(
    "stock_minimums",
    metadata,
    Column("warehouse", String(32), ForeignKey("warehouses.code"), primary_key=True),
    Column("sku", String(64), primary_key=True),
    Column("minimum", BigInteger, nullable=False),
)

# One receipt per inbound notice: a second station cannot receive the same goods again.
receipts = Table(
    "receipts",
    metadata,
    Column("receipt_id", String(64), primary_key=True),
    Column("notice_id", String(64), nullable=False, unique=True),
    Column("warehouse", String(32), nullable=False),
    Column("station", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("received_at", String(40), nullable=False),
)

returns = Table(
    "returns",
    metadata,
    Column("return_id", String(64), primary_key=True),
    Column("order_id", String(64), nullable=False, index=True),
    Column("warehouse", String(32), nullable=False),
    Column("station", String(64), nullable=False),
    Column("decision", String(12), nullable=False),
    Column("data", Text, nullable=False),
    Column("received_at", String(40), nullable=False),
)

rmas = Table(
    "rmas",
    metadata,
    Column("rma", String(64), primary_key=True),
    Column("order_id", String(64), nullable=False),
    Column("warehouse", String(32), nullable=False),
)
# ---- issue 11 (trust boundary): which stations an operator may log in at.
# JSON list of station names; NULL = every station of the operator's warehouse. Stations not
# on the list get the operator without a PIN hash and inactive (migration 0002_trust).
operators.append_column(Column("stations", Text, nullable=True))
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

# The public tracking page's per-client token buckets, in the database so every worker
# process shares them (a limit per process multiplied with the workers).
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("client", String(64), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("at", Float, nullable=False, index=True),
)

# The newest audit chain head each station sent (station doctor compares its trail with it).
audit_anchors = Table(
    "audit_anchors",
    metadata,
    Column("station", String(64), primary_key=True),
    Column("row_id", BigInteger, nullable=False),
    Column("row_hash", String(64), nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("anomaly", String(500), nullable=True),
)

# Which bench is counting an inbound notice: a second bench is told who has it.
notice_claims = Table(
    "notice_claims",
    metadata,
    Column("notice_id", String(64), primary_key=True),
    Column("station", String(64), nullable=False),
    Column("claimed_at", String(40), nullable=False),
)

# The fleet view: each station's newest health report (contract StationHealth, as JSON).
station_health = Table(
    "station_health",
    metadata,
    Column("station", String(64), primary_key=True),
    Column("reported_at", String(40), nullable=False),
    Column("report", Text, nullable=False),
)

# Alerts raised from the reports (or their absence). ``open_key`` is set while the alert is
# open, so one condition is one alert however many workers evaluate it; NULL once cleared.
fleet_alerts = Table(
    "fleet_alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("open_key", String(200), nullable=True, unique=True),
    Column("station", String(64), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # silent, device, pool, rejected, crash
    Column("subject", String(64), nullable=False),  # the device or carrier, or ""
    Column("detail", String(500), nullable=False),
    Column("raised_at", String(40), nullable=False),
    Column("cleared_at", String(40), nullable=True),
    Column("notify_state", String(10), nullable=False),  # none, due, sending, sent, failed
    Column("notify_attempts", Integer, nullable=False),
    Column("notify_after", Float, nullable=False),  # epoch seconds of the next delivery try
)

# Fleet page sign-in: one-time links and browser sessions, stored as SHA-256 of the secret.
fleet_keys = Table(
    "fleet_keys",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("kind", String(10), nullable=False),  # link (one use) or session
    Column("expires_at", String(40), nullable=False),
)


# Carrier close-out (EasyPost ScanForm) owed for a closed manifest (migration 0012_closeouts):
# ``wanted`` at ingest of manifest_closed, ``closing`` while a process calls the carrier,
# then ``done`` (form id and URL) or ``refused`` (the carrier's words).
carrier_closeouts = Table(
    "carrier_closeouts",
    metadata,
    Column("manifest_id", String(64), primary_key=True),
    Column("warehouse", String(32), primary_key=True),
    Column("carrier", String(32), nullable=False),
    Column("refs", Text, nullable=False),
    Column("state", String(12), nullable=False, index=True),
    Column("form_id", String(64), nullable=True),
    Column("form_url", Text, nullable=True),
    Column("error", String(500), nullable=True),
    Column("tries", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
)
