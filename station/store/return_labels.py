"""What a return label needs from the store: the carrier, and the order with its addresses
swapped (from the buyer back to the sender)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from contract import Address, Carrier, Order, OrderLine
from station.store import label_store
from station.store.tables import order_lines, orders


def carrier_and_order(
    conn: Connection, order_id: str, carrier_code: str
) -> tuple[Carrier, Order | None]:
    """The carrier, and ``order_id`` addressed back to its sender (None when the station does
    not hold the order or it has no sender address)."""
    carrier = label_store.carrier(conn, carrier_code)
    found = conn.execute(select(orders).where(orders.c.order_id == order_id)).first()
    lines = conn.execute(select(order_lines).where(order_lines.c.order_id == order_id)).all()
    if found is None or not found.sender or not lines:
        return carrier, None
    order = Order(
        order_id=found.order_id, warehouse=found.warehouse, carrier=found.carrier,
        service=found.service,
        recipient=Address.model_validate(json.loads(found.sender)),
        sender=Address.model_validate(json.loads(found.recipient)),
        lines=[OrderLine(line_no=r.line_no, sku=r.sku, quantity=r.quantity) for r in lines],
    )
    return carrier, order
