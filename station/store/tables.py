"""SQLAlchemy 2 Core tables of the pack domain (schema made by migration 0002_pack).

Core, not ORM, on purpose: the hot paths (barcode look-up, scan insert) use prebuilt Core
statements (the ORM costs ~17x here, see docs/known-traps.md), and the domain objects are
plain frozen values built by the repositories in this package.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
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

skus = Table(
    "skus",
    metadata,
    Column("sku", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_zh", String(200)),
    Column("unit_weight_g", Integer, nullable=False),
    Column("length_mm", Integer, nullable=False),
    Column("width_mm", Integer, nullable=False),
    Column("height_mm", Integer, nullable=False),
    Column("requires_lot", Boolean, nullable=False),
    Column("requires_serial", Boolean, nullable=False),
    Column("bulk", Boolean, nullable=False),
    Column("tol_g", Integer),
    Column("tol_pct", String(20)),  # Decimal as text: never a float
    Column("active", Boolean, nullable=False),
)

barcodes = Table(
    "barcodes",
    metadata,
    Column("code", String(128), primary_key=True),
    Column("sku", String(64), ForeignKey("skus.sku", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("units", Integer, nullable=False),
    Index("ix_barcodes_sku", "sku"),
)

packaging = Table(
    "packaging",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("barcode", String(128), nullable=False, unique=True),
    Column("inner_length_mm", Integer, nullable=False),
    Column("inner_width_mm", Integer, nullable=False),
    Column("inner_height_mm", Integer, nullable=False),
    Column("tare_g", Integer, nullable=False),
    Column("max_load_g", Integer, nullable=False),
    Column("filler_g", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
)

carriers = Table(
    "carriers",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("name_zh", String(100)),
    Column("tracking_format", String(10), nullable=False),
    Column("mask_recipient", Boolean, nullable=False),
    Column("staging_lane", String(40)),
)

carrier_services = Table(
    "carrier_services",
    metadata,
    Column("carrier", String(32), ForeignKey("carriers.code", ondelete="CASCADE"),
           primary_key=True),
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
)

operators = Table(
    "operators",
    metadata,
    Column("badge", String(64), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("role", String(10), nullable=False),
    Column("pin_hash", String(200)),
    Column("active", Boolean, nullable=False),
)

orders = Table(
    "orders",
    metadata,
    Column("order_id", String(64), primary_key=True),
    Column("warehouse", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("carrier", String(32), nullable=False),
    Column("service", String(32), nullable=False),
    Column("recipient", Text, nullable=False),  # JSON of contract.Address
    Column("sender", Text),
    Column("tote", String(64)),
    Column("pick_list", String(64)),
    Column("cutoff", String(40)),
    Column("tol_g", Integer),
    Column("tol_pct", String(20)),
    Column("updated_at", String(40), nullable=False),
    # migration 0011_recipient_search: station.domain.recipients' keys, for Lookup
    Column("recipient_key", String(100)),
    Column("phone_digits", String(32)),
    Column("phone_tail", String(4)),
    Index("ix_orders_tote", "tote"),
    Index("ix_orders_pick_list", "pick_list"),
    Index("ix_orders_recipient_key", "recipient_key"),
    Index("ix_orders_phone_tail", "phone_tail"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", String(64), ForeignKey("orders.order_id", ondelete="CASCADE"),
           primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("sku", String(64), nullable=False),
    Column("quantity", Integer, nullable=False),
)

pack_sessions = Table(
    "pack_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", String(64), nullable=False),
    Column("station", String(64), nullable=False),
    Column("operator", String(64), nullable=False),
    Column("state", String(20), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Index("ix_pack_sessions_open", "station", "ended_at"),
    Index("ix_pack_sessions_order", "order_id"),
)

# One row per recorded session event (accepted scans and decisions), in order.
scans = Table(
    "scans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey("pack_sessions.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("operator", String(64)),
    Column("type", String(24), nullable=False),
    Column("raw", String(512)),
    Column("sku", String(64)),
    Column("units", Integer, nullable=False),
    Column("lot", String(64)),
    Column("serial", String(64)),
    Column("expiry", String(10)),
    Column("box_code", String(64)),
    Column("grams", Integer),
    Column("expected_g", Integer),
    Column("within", Boolean),
    Column("then_new", Boolean),
    Column("by", String(64)),
    Column("reason", String(500)),
    Column("decision", String(20)),
    UniqueConstraint("session_id", "seq", name="uq_scans_session_seq"),
)

# Parcels ready to label (closed in a pack session); the label step fills tracking_number.
parcels = Table(
    "parcels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey("pack_sessions.id"), nullable=False),
    Column("order_id", String(64), nullable=False),
    Column("parcel_no", Integer, nullable=False),
    Column("box_code", String(64)),
    Column("expected_g", Integer),
    Column("actual_g", Integer),
    Column("override_by", String(64)),
    Column("override_reason", String(500)),
    Column("items", Text, nullable=False),  # JSON list of contract.ParcelItem
    Column("status", String(12), nullable=False),  # ready / labelled / voided
    Column("tracking_number", String(64)),  # the live label's number (assigned or printed)
    Column("closed_at", String(40), nullable=False),
    Column("label_source", String(8)),  # central | pool
    Column("label_error", String(500)),  # why the last print failed (shown after a restart)
    Column("printed_at", String(40)),
    Column("print_count", Integer, nullable=False, server_default="0"),
    # migration 0010_parcel_size: the dimensioner's reading (None: not measured) and the
    # weight the carrier bills, as sent with the label (measured | box | none)
    Column("length_mm", Integer),
    Column("width_mm", Integer),
    Column("height_mm", Integer),
    Column("billed_g", Integer),
    Column("billed_by", String(8)),
    UniqueConstraint("session_id", "parcel_no", name="uq_parcels_session_no"),
    Index("ix_parcels_tracking", "tracking_number"),
    Index("ix_parcels_order", "order_id"),
)


# Every number a parcel ever had, one row per label attempt (migration 0004_labels). A voided
# number stays here for good, so it is never printed again, whatever central answers.
parcel_labels = Table(
    "parcel_labels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", String(64), nullable=False),
    Column("parcel_no", Integer, nullable=False),
    Column("attempt_key", String(64), nullable=False, unique=True),
    Column("tracking_number", String(64), unique=True),
    Column("source", String(8), nullable=False),
    Column("status", String(10), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("printed_at", String(40)),
    Column("voided_at", String(40)),
    Column("voided_by", String(64)),
    Column("reason", String(500)),
    # migration 0014_carrier_label: what the carrier sent with a central number
    Column("carrier_label_format", String(8)),
    Column("carrier_label", Text),
    Index("ix_parcel_labels_parcel", "order_id", "parcel_no"),
)

# Failed PIN attempts per badge: back-off and lock survive a restart.
pin_attempts = Table(
    "pin_attempts",
    metadata,
    Column("badge", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(40)),
)

# ---------------------------------------------------------------- receiving, returns, stock
# (schema made by migration 0006_receiving)
locations = Table(
    "locations",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("kind", String(12), nullable=False),  # bin / quarantine / qc_hold
    Column("name", String(100)),
    Column("active", Boolean, nullable=False),
)

# A receipt counts one inbound notice; its facts are replayed from receipt_scans on resume.
receipts = Table(
    "receipts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("receipt_id", String(64), nullable=False, unique=True),
    Column("notice_id", String(64), nullable=False),
    Column("station", String(64), nullable=False),
    Column("operator", String(64), nullable=False),
    Column("notice", Text, nullable=False),  # JSON of contract.InboundNotice
    Column("opened_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Index("ix_receipts_open", "station", "ended_at"),
    Index("ix_receipts_notice", "notice_id"),
)

receipt_scans = Table(
    "receipt_scans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("receipt", Integer, ForeignKey("receipts.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("operator", String(64)),
    Column("type", String(16), nullable=False),
    Column("raw", String(512)),
    Column("sku", String(64)),
    Column("units", Integer, nullable=False),
    Column("location", String(32)),
    Column("lot", String(64)),  # migration 0016_receipt_lots
    Column("expiry", String(10)),
    UniqueConstraint("receipt", "seq", name="uq_receipt_scans_seq"),
)

returns = Table(
    "returns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("return_id", String(64), nullable=False, unique=True),
    Column("order_id", String(64), nullable=False),
    Column("station", String(64), nullable=False),
    Column("operator", String(64), nullable=False),
    Column("check", Text, nullable=False),  # JSON of contract.ReturnCheck
    Column("opened_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Index("ix_returns_open", "station", "ended_at"),
    Index("ix_returns_order", "order_id"),
)

return_scans = Table(
    "return_scans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("return_pk", Integer, ForeignKey("returns.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("operator", String(64)),
    Column("type", String(16), nullable=False),
    Column("raw", String(512)),
    Column("sku", String(64)),
    Column("units", Integer, nullable=False),
    Column("reason", String(20)),
    Column("condition", String(20)),
    Column("location", String(32)),
    Column("decision", String(12)),
    Column("label", String(64)),
    Column("grade", String(16)),  # migration 0015_return_grade: A | B | C | missing_parts
    UniqueConstraint("return_pk", "seq", name="uq_return_scans_seq"),
)
# ---------------------------------------------------------------- handover (migration 0005)
# A manifest (交接单) is one carrier pickup; a parcel is on at most one manifest.
manifests = Table(
    "manifests",
    metadata,
    Column("manifest_id", String(64), primary_key=True),
    Column("carrier", String(32), nullable=False),
    Column("pickup", String(100), nullable=False),
    Column("warehouse", String(64), nullable=False),
    Column("station", String(64), nullable=False),
    Column("status", String(10), nullable=False),  # open / closed
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("closed_by", String(64)),
    Column("closed_at", String(40)),
    Column("reopened", Integer, nullable=False),
    Index("ix_manifests_status", "status", "carrier"),
)

manifest_parcels = Table(
    "manifest_parcels",
    metadata,
    Column("manifest_id", String(64), ForeignKey("manifests.manifest_id"), primary_key=True),
    Column("tracking_number", String(64), primary_key=True),
    Column("parcel_id", Integer, ForeignKey("parcels.id"), nullable=False, unique=True),
    Column("weight_g", Integer),
    Column("scanned_by", String(64), nullable=False),
    Column("scanned_at", String(40), nullable=False),
)

# --- pack evidence and DIM weight (migration 0007_evidence) ---------------------------------
# Volumetric divisor (cm³ per kg) of the carrier; NULL: the carrier bills by weight only.
carriers.append_column(Column("dim_divisor", Integer))
# "pool" or "online_only" (0009): an online-only carrier never gets a pool number.
carriers.append_column(Column("offline_policy", String(12), nullable=False,
                              server_default="pool"))

# One camera recording per pack of an order; its SHA-256 is also in the audit trail.
clips = Table(
    "clips",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", String(64), nullable=False),
    Column("operator", String(100)),
    Column("station", String(64), nullable=False),
    Column("path", Text, nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Column("end_reason", String(200)),
    Column("status", String(12), nullable=False),  # recording/finished/interrupted/failed/pruned
    Column("sha256", String(64)),
    Column("size_bytes", Integer),
    Column("frames", Integer),
    Column("dropped_frames", Integer),
    Index("ix_clips_order", "order_id"),
    Index("ix_clips_status_ended", "status", "ended_at"),
)

clip_tracking = Table(
    "clip_tracking",
    metadata,
    Column("clip_id", Integer, ForeignKey("clips.id", ondelete="CASCADE"), primary_key=True),
    Column("tracking_number", String(64), primary_key=True),
    Index("ix_clip_tracking_number", "tracking_number"),
)


# Exceptions as work items (migration 0012_exception_work): what a lead did about each one of
# the dashboard's exceptions (``audit:<id>`` or ``outbox:<id>``); every change is audited too.
exception_states = Table(
    "exception_states",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("state", String(12), nullable=False),  # acknowledged | resolved
    Column("by", String(64), nullable=False),
    Column("at", String(40), nullable=False),
    Column("reason", String(300), nullable=False),
)


# Handover by bag or cage (migration 0013_bags): a parcel is in one bag at most (its primary
# key); a sealed bag's parcels go onto a manifest with one scan of the bag.
bags = Table(
    "bags",
    metadata,
    Column("bag_code", String(64), primary_key=True),
    Column("carrier", String(32), nullable=False),
    Column("status", String(8), nullable=False),  # open | sealed | handed
    Column("seal", String(64)),
    Column("manifest_id", String(64)),
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("sealed_at", String(40)),
)

bag_parcels = Table(
    "bag_parcels",
    metadata,
    Column("bag_code", String(64), ForeignKey("bags.bag_code"), nullable=False),
    Column("parcel_id", Integer, ForeignKey("parcels.id"), primary_key=True),
    Column("tracking_number", String(64), nullable=False),
    Column("weight_g", Integer),
    Column("bagged_by", String(64), nullable=False),
    Column("bagged_at", String(40), nullable=False),
    Index("ix_bag_parcels_bag", "bag_code"),
)
