"""Demo reference data (products, boxes, carriers, operators, orders) as a ``ChangeSet``, for
tests and the terminal demo. Load it with ``station.store.reference.apply_changes``.

Operators: B-PACKER (PIN 111111), B-LEAD (PIN 222222), B-ADMIN (PIN 999999).
Orders: SO-1001 multi-line, SO-1002 needs two parcels, SO-1003 cancelled, SO-1004 bulk +
lot-controlled, SO-1005 a single mug (tote T-05).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from contract import (
    Address,
    Barcode,
    Carrier,
    CarrierService,
    ChangeSet,
    Operator,
    Order,
    OrderLine,
    OrderStatus,
    Packaging,
    Product,
)

WAREHOUSE = "WH1"


@lru_cache(maxsize=1)
def _pin_hashes() -> dict[str, str]:
    from argon2 import PasswordHasher

    # Cheap parameters: demo data only, so the test suite stays fast. Real PIN hashes come
    # from the central API with production parameters; verification reads them from the hash.
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return {pin: hasher.hash(pin) for pin in ("111111", "222222", "999999")}


def products() -> list[Product]:
    return [
        Product(sku="MUG-01", name="Ceramic mug", name_zh="陶瓷杯",
                barcodes=[Barcode(code="4006381333931"),
                          Barcode(code="14006381333938", kind="case", units=12)],
                unit_weight_g=350, length_mm=120, width_mm=90, height_mm=100),
        Product(sku="TEE-M", name="T-shirt M", name_zh="T恤 中号",
                barcodes=[Barcode(code="2000000000015")],
                unit_weight_g=180, length_mm=300, width_mm=250, height_mm=20),
        Product(sku="VIT-60", name="Vitamin C 60 tabs", name_zh="维生素C 60片",
                barcodes=[Barcode(code="09501101530003"),
                          Barcode(code="INNER-VIT-6", kind="inner", units=6)],
                unit_weight_g=90, length_mm=60, width_mm=60, height_mm=110,
                requires_lot=True, weight_tolerance_g=10),
        Product(sku="SCREW-M4", name="Screws M4 (each)", name_zh="M4 螺丝",
                barcodes=[Barcode(code="2000000000022")],
                unit_weight_g=2, length_mm=20, width_mm=4, height_mm=4, bulk=True),
        Product(sku="PHONE-X", name="Phone X", name_zh="手机 X",
                barcodes=[Barcode(code="2000000000039")],
                unit_weight_g=210, length_mm=170, width_mm=90, height_mm=60,
                requires_serial=True, weight_tolerance_g=5,
                weight_tolerance_pct=Decimal("1.5")),
        Product(sku="LAMP-XL", name="Floor lamp", name_zh="落地灯",
                barcodes=[Barcode(code="2000000000046")],
                unit_weight_g=4200, length_mm=560, width_mm=300, height_mm=300),
    ]


def boxes() -> list[Packaging]:
    return [
        Packaging(code="BOX-S", name="Small box", barcode="PKG-S", inner_length_mm=200,
                  inner_width_mm=150, inner_height_mm=120, tare_g=80, max_load_g=3000,
                  filler_g=10),
        Packaging(code="BOX-M", name="Medium box", barcode="PKG-M", inner_length_mm=350,
                  inner_width_mm=260, inner_height_mm=200, tare_g=180, max_load_g=8000,
                  filler_g=20),
        Packaging(code="BOX-L", name="Large box", barcode="PKG-L", inner_length_mm=600,
                  inner_width_mm=400, inner_height_mm=350, tare_g=450, max_load_g=20000,
                  filler_g=40),
    ]


def carriers() -> list[Carrier]:
    return [
        Carrier(code="EMS", name="China Post EMS", name_zh="中国邮政 EMS",
                tracking_format="s10",
                services=[CarrierService(code="STD", name="Standard")], staging_lane="A1",
                dim_divisor=5000),
        Carrier(code="SF", name="SF Express", name_zh="顺丰速运", tracking_format="none",
                services=[CarrierService(code="STD", name="Standard"),
                          CarrierService(code="EXP", name="Express")],
                mask_recipient=True, staging_lane="B2", dim_divisor=6000),
        # The warehouse's own delivery vans hand over like any carrier (manifest, signature).
        Carrier(code="OWN", name="Own delivery fleet", name_zh="自有车队", tracking_format="none",
                services=[CarrierService(code="STD", name="Same day")], staging_lane="C1"),
    ]


def operators() -> list[Operator]:
    pins = _pin_hashes()
    return [
        Operator(badge="B-PACKER", name="Pat Packer", role="packer", pin_hash=pins["111111"]),
        Operator(badge="B-LEAD", name="Lee Lead", role="lead", pin_hash=pins["222222"]),
        Operator(badge="B-ADMIN", name="Ada Admin", role="admin", pin_hash=pins["999999"]),
    ]


def _address(name: str, city: str, country: str = "CN") -> Address:
    return Address(name=name, phone="+86 138 0000 0000", line1="1 Demo Road", city=city,
                   postcode="200000", country=country)


def orders() -> list[Order]:
    def order(order_id: str, lines: list[tuple[str, int]], **kw: object) -> Order:
        return Order.model_validate({
            "order_id": order_id, "warehouse": WAREHOUSE, "carrier": kw.pop("carrier", "SF"),
            "service": "STD", "recipient": _address("张伟", "上海"),
            "lines": [OrderLine(line_no=i + 1, sku=s, quantity=q) for i, (s, q) in
                      enumerate(lines)],
            **kw,
        })

    return [
        order("SO-1001", [("MUG-01", 2), ("TEE-M", 1), ("PHONE-X", 1)], tote="T-01",
              pick_list="PL-1001"),
        order("SO-1002", [("LAMP-XL", 1), ("MUG-01", 12)], carrier="EMS", tote="T-02"),
        order("SO-1003", [("TEE-M", 2)], status=OrderStatus.CANCELLED, tote="T-03"),
        order("SO-1004", [("VIT-60", 6), ("SCREW-M4", 100)], tote="T-04"),
        order("SO-1005", [("MUG-01", 1)], tote="T-05"),
    ]


def demo_changeset(cursor: str = "demo-1") -> ChangeSet:
    """The whole demo reference set in one change set."""
    return ChangeSet(cursor=cursor, products=products(), packaging=boxes(),
                     carriers=carriers(), operators=operators(), orders=orders())
