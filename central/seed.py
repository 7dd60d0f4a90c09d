"""Demo data: one warehouse, station ST-01, bilingual products, boxes, EMS (S10) and SF,
operators with argon2 PIN hashes, released orders, central ranges and pool segments.

The demo PINs are 4 digits so a visitor can type them; they are hashed here directly (the
API's ``PUT /v1/admin/operators/{badge}/pin`` would refuse them below its minimum length),
operators are scoped to ST-01, and the admin's hash never leaves central."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from sqlalchemy import Connection

from central import wms
from central.schemas import CentralRange, OrderRelease, Seller, Station, Warehouse
from contract import (
    Address,
    Barcode,
    Carrier,
    CarrierService,
    Operator,
    OrderLine,
    Packaging,
    PoolSegment,
    Product,
)

WAREHOUSE = "WH-SHA"
STATION = "ST-01"
DEMO_PINS = {"P001": ("Li Wei", "packer", "111111"), "P002": ("Anna Schmidt", "packer", "222222"),
             "L001": ("Zhang Min", "lead", "999999"), "A001": ("IT Admin", "admin", "000000")}


def ean13(body12: str) -> str:
    """An EAN-13 from its first 12 digits (adds the check digit)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


PRODUCTS = [
    # sku, English, Chinese, grams, (l, w, h) mm
    ("MUG-350", "Ceramic mug 350 ml", "陶瓷马克杯 350毫升", 320, (120, 90, 100)),
    ("TEA-GRN-100", "Green tea 100 g", "绿茶 100克", 115, (150, 80, 50)),
    ("USB-C-1M", "USB-C cable 1 m", "USB-C 数据线 1米", 40, (120, 80, 20)),
    ("TSHIRT-M-BLU", "T-shirt M blue", "T恤 M码 蓝色", 180, (250, 200, 20)),
    ("NOTE-A5", "Notebook A5", "A5 笔记本", 210, (210, 148, 12)),
    ("SOCK-3PK", "Socks, 3 pairs", "袜子 三双装", 150, (200, 120, 40)),
]

BOXES = [
    ("BOX-S", "Small box", 160, 120, 80, 90, 5000),
    ("BOX-M", "Medium box", 250, 200, 120, 170, 10000),
    ("BOX-L", "Large box", 400, 300, 200, 320, 20000),
    ("MAILER-A4", "A4 mailer bag", 320, 240, 30, 25, 2000),
]


@functools.lru_cache(maxsize=16)
def _pin_hash(pin: str) -> str:
    # argon2 is slow on purpose (~0.3 s); demo PINs are hashed once per process.
    return PasswordHasher().hash(pin)


def seed_demo(conn: Connection) -> dict[str, str]:
    """Write the demo data (idempotent: upserts). Returns operator badges and PINs."""
    wms.save_warehouse(conn, Warehouse(code=WAREHOUSE, name="Shanghai Fulfilment Centre"))
    wms.save_station(conn, Station(name=STATION, warehouse=WAREHOUSE))
    wms.save_seller(conn, Seller(code="DEMO-SHOP", name="Demo Shop"))
    for i, (sku, name, name_zh, grams, (length, width, height)) in enumerate(PRODUCTS):
        wms.save_product(
            conn,
            Product(
                sku=sku, name=name, name_zh=name_zh,
                barcodes=[
                    Barcode(code=ean13(f"69012345{i:04d}")),
                    Barcode(code=ean13(f"69012346{i:04d}"), kind="case", units=12),
                ],
                unit_weight_g=grams, length_mm=length, width_mm=width, height_mm=height,
                weight_tolerance_g=20,
            ),
        )
    for code, name, length, width, height, tare, load in BOXES:
        wms.save_packaging(
            conn,
            Packaging(
                code=code, name=name, barcode=f"PKG-{code}", inner_length_mm=length,
                inner_width_mm=width, inner_height_mm=height, tare_g=tare, max_load_g=load,
                filler_g=10,
            ),
        )
    wms.save_carrier(
        conn,
        Carrier(
            code="EMS", name="China Post EMS", name_zh="中国邮政 EMS", tracking_format="s10",
            services=[CarrierService(code="EMS-STD", name="EMS Standard"),
                      CarrierService(code="EMS-EXP", name="EMS Express")],
            staging_lane="L1", dim_divisor=5000,
        ),
    )
    wms.save_carrier(
        conn,
        Carrier(
            code="SF", name="SF Express", name_zh="顺丰速运", tracking_format="none",
            services=[CarrierService(code="SF-STD", name="SF Standard"),
                      CarrierService(code="SF-EXP", name="SF Next Day")],
            mask_recipient=True, staging_lane="L2", dim_divisor=6000,
        ),
    )
    wms.save_carrier(  # the warehouse's own delivery vans: a carrier at the handover too
        conn,
        Carrier(
            code="OWN", name="Own delivery fleet", name_zh="自有车队", tracking_format="none",
            services=[CarrierService(code="OWN-SD", name="Same day")], staging_lane="L3",
        ),
    )
    _ranges_and_pools(conn)
    for badge, (name, role, pin) in DEMO_PINS.items():
        wms.save_operator(
            conn,
            Operator(badge=badge, name=name, role=role, pin_hash=_pin_hash(pin)),  # type: ignore[arg-type]
            WAREHOUSE,
            [STATION],  # scoped: other stations get no PIN hash of these operators
        )
    _orders(conn)
    _stock(conn)
    return {badge: pin for badge, (_, _, pin) in DEMO_PINS.items()}


def _ranges_and_pools(conn: Connection) -> None:
    from sqlalchemy import select

    from central import tables as t

    if conn.scalar(select(t.central_ranges.c.carrier).where(t.central_ranges.c.carrier == "EMS")):
        return  # already seeded: keep the ranges' progress
    wms.save_central_range(
        conn, "EMS", CentralRange(prefix="EE", suffix="CN", width=8, start=10_000_000,
                                  end=19_999_999)
    )
    wms.save_central_range(
        conn, "SF", CentralRange(prefix="SF", width=12, start=100_000_000_000,
                                 end=199_999_999_999)
    )
    wms.allocate_pool_segment(
        conn, PoolSegment(segment_id="EMS-ST-01-1", carrier="EMS", station=STATION, prefix="EE",
                          suffix="CN", start=20_000_000, end=20_000_999, width=8)
    )
    wms.allocate_pool_segment(
        conn, PoolSegment(segment_id="SF-ST-01-1", carrier="SF", station=STATION, prefix="SF",
                          start=200_000_000_000, end=200_000_000_999, width=12)
    )


def _orders(conn: Connection) -> None:
    from sqlalchemy import select

    from central import tables as t

    sender = Address(name="Demo Shop", phone="021-5555-0100", line1="88 Century Avenue",
                     city="Shanghai", postcode="200120", country="CN")
    buyers = [
        Address(name="王小明", phone="138-0013-8000", line1="朝阳区建国路 1 号", city="北京",
                postcode="100022", country="CN"),
        Address(name="Emma Brown", phone="+44 20 7946 0000", line1="10 Downing Street",
                city="London", postcode="SW1A 2AA", country="GB"),
        Address(name="陈静", phone="139-1234-5678", line1="天河区体育西路 100 号", city="广州",
                postcode="510620", country="CN"),
    ]
    skus = [p[0] for p in PRODUCTS]
    for n in range(1, 11):
        order_id = f"SO-{1000 + n}"
        if conn.scalar(select(t.orders.c.order_id).where(t.orders.c.order_id == order_id)):
            continue
        carrier, service = ("EMS", "EMS-STD") if n % 2 else ("SF", "SF-STD")
        lines = [OrderLine(line_no=1, sku=skus[n % len(skus)], quantity=1 + n % 3)]
        if n % 3 == 0:
            lines.append(OrderLine(line_no=2, sku=skus[(n + 1) % len(skus)], quantity=2))
        wms.release_order(
            conn,
            OrderRelease(
                order_id=order_id, warehouse=WAREHOUSE, carrier=carrier, service=service,
                recipient=buyers[n % len(buyers)], sender=sender, tote=f"TOTE-{n:03d}",
                lines=lines, seller="DEMO-SHOP",
            ),
        )


LOCATIONS = [
    ("A-01-01", "bin"), ("A-01-02", "bin"), ("B-02-01", "bin"), ("QUARANTINE", "quarantine"),
    ("QC-HOLD", "qc_hold"),
]


def _stock(conn: Connection) -> None:
    """Locations, minimums, a product without a usable barcode, inbound notices and an RMA."""
    from central.schemas import InboundLine, InboundNotice
    from central.stock import save_location, set_minimum
    from contract import Location

    wms.save_product(
        conn,
        Product(sku="BAG-TOTE", name="Canvas tote bag", name_zh="帆布手提袋", barcodes=[],
                unit_weight_g=90, length_mm=380, width_mm=420, height_mm=5),
    )
    for code, kind in LOCATIONS:
        save_location(conn, WAREHOUSE, Location(code=code, kind=kind))  # type: ignore[arg-type]
    for sku, minimum in (("MUG-350", 30), ("TEA-GRN-100", 10), ("BAG-TOTE", 5)):
        set_minimum(conn, WAREHOUSE, sku, minimum)
    wms.save_inbound_notice(conn, InboundNotice(
        notice_id="ASN-2001", warehouse=WAREHOUSE, supplier="Jingdezhen Ceramics",
        lines=[InboundLine(sku="MUG-350", quantity=24), InboundLine(sku="TEA-GRN-100", quantity=6),
               InboundLine(sku="BAG-TOTE", quantity=3)],
    ))
    wms.save_inbound_notice(conn, InboundNotice(
        notice_id="ASN-2002", warehouse=WAREHOUSE, supplier="Hangzhou Tea Co.",
        lines=[InboundLine(sku="TEA-GRN-100", quantity=12)],
    ))
