"""What a return label needs from the store: the carrier, and the order with its addresses
swapped (from the buyer back to the sender)."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select

from contract import Address, Carrier, CarrierService, Order, OrderLine
from station.store.tables import carrier_services, carriers, order_lines, orders


def carrier_and_order(
    engine: Engine, order_id: str, carrier_code: str
) -> tuple[Carrier, Order | None]:
    """The carrier, and ``order_id`` addressed back to its sender (None when the station does
    not hold the order or it has no sender address)."""
    with engine.connect() as conn:
        row = conn.execute(select(carriers).where(carriers.c.code == carrier_code)).one()
        services = conn.execute(
            select(carrier_services).where(carrier_services.c.carrier == carrier_code)
        ).all()
        found = conn.execute(select(orders).where(orders.c.order_id == order_id)).first()
        lines = conn.execute(select(order_lines).where(order_lines.c.order_id == order_id)).all()
    carrier = Carrier(
        code=row.code, name=row.name, name_zh=row.name_zh, tracking_format=row.tracking_format,
        services=[CarrierService(code=s.code, name=s.name) for s in services],
        mask_recipient=bool(row.mask_recipient), staging_lane=row.staging_lane,
    )
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
