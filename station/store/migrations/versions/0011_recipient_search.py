"""Lookup by recipient name or phone: a search key per order, indexed (over a million parcels
the answer stays within milliseconds); existing orders get theirs here.

Revision ID: 0011_recipient_search
Revises: 0010_parcel_size
"""

import json

import sqlalchemy as sa
from alembic import op

from station.domain.recipients import name_key, phone_digits

revision = "0011_recipient_search"
down_revision = "0010_parcel_size"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("recipient_key", sa.String(100)))
        batch.add_column(sa.Column("phone_digits", sa.String(32)))
        batch.add_column(sa.Column("phone_tail", sa.String(4)))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT order_id, recipient FROM orders")).all()
    for order_id, recipient in rows:
        address = json.loads(recipient or "{}")
        digits = phone_digits(address.get("phone"))
        conn.execute(sa.text(
            "UPDATE orders SET recipient_key = :k, phone_digits = :d, phone_tail = :t "
            "WHERE order_id = :o"),
            {"k": name_key(address.get("name") or ""), "d": digits, "t": digits[-4:],
             "o": order_id})
    op.create_index("ix_orders_recipient_key", "orders", ["recipient_key"])
    op.create_index("ix_orders_phone_tail", "orders", ["phone_tail"])


def downgrade() -> None:
    op.drop_index("ix_orders_phone_tail", "orders")
    op.drop_index("ix_orders_recipient_key", "orders")
    with op.batch_alter_table("orders") as batch:
        for name in ("phone_tail", "phone_digits", "recipient_key"):
            batch.drop_column(name)
