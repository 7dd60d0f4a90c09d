"""Warehouse entities as plain values: what the bench knows about orders, products, boxes
and people. No I/O; the store builds these from its tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Role(StrEnum):
    PACKER = "packer"
    LEAD = "lead"
    ADMIN = "admin"


class Permission(StrEnum):
    PACK = "pack"
    ACKNOWLEDGE_WRONG_ITEM = "acknowledge_wrong_item"
    OVERRIDE_WEIGHT = "override_weight"
    DECIDE_SHORT_PICK = "decide_short_pick"
    MANUAL_QUANTITY = "manual_quantity"
    VOID_LABEL = "void_label"
    RECEIVE = "receive"  # count inbound goods and put them away
    PROCESS_RETURN = "process_return"  # inspect returned goods, restock or quarantine
    DECIDE_RETURN = "decide_return"  # refund or exchange: a lead's call
    RELEASE_QC = "release_qc"  # pass or fail goods held for a quality check: a lead's call


# Who may do what by default. Manual quantity is a lead action unless the station policy
# widens it (some sites let packers type counts for bulk goods).
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PACKER: frozenset({Permission.PACK, Permission.RECEIVE, Permission.PROCESS_RETURN}),
    Role.LEAD: frozenset(Permission),
    Role.ADMIN: frozenset(Permission),
}


class OrderStatus(StrEnum):
    RELEASED = "released"
    CANCELLED = "cancelled"
    INTERCEPTED = "intercepted"
    PACKED = "packed"
    SHIPPED = "shipped"


class PackKind(StrEnum):
    UNIT = "unit"
    INNER = "inner"
    CASE = "case"


@dataclass(frozen=True, slots=True)
class Dimensions:
    """Millimetres. A zero dimension means "unknown" and is ignored when fitting boxes."""

    length_mm: int
    width_mm: int
    height_mm: int

    @property
    def known(self) -> bool:
        return self.length_mm > 0 and self.width_mm > 0 and self.height_mm > 0

    @property
    def volume_mm3(self) -> int:
        return self.length_mm * self.width_mm * self.height_mm

    def sorted_desc(self) -> tuple[int, int, int]:
        a, b, c = sorted((self.length_mm, self.width_mm, self.height_mm), reverse=True)
        return a, b, c

    def fits_in(self, inner: Dimensions) -> bool:
        """True when this item fits inside ``inner`` in some axis-aligned orientation."""
        return all(i <= o for i, o in zip(self.sorted_desc(), inner.sorted_desc(), strict=True))


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Allowed weight deviation: absolute grams and/or a percentage of the expected weight.

    A reading passes when it is within either bound (the gram floor protects light parcels,
    the percentage heavy ones). ``None`` means "not set here, ask the next level".
    """

    grams: int | None = None
    percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class SkuBarcode:
    code: str
    sku: str
    kind: PackKind = PackKind.UNIT
    units: int = 1


@dataclass(frozen=True, slots=True)
class Sku:
    sku: str
    name: str
    unit_weight_g: int
    dimensions: Dimensions
    name_zh: str | None = None
    requires_lot: bool = False
    requires_serial: bool = False
    bulk: bool = False
    tolerance: Tolerance = Tolerance()
    barcodes: tuple[SkuBarcode, ...] = ()
    active: bool = True


@dataclass(frozen=True, slots=True)
class Packaging:
    code: str
    name: str
    barcode: str
    inner: Dimensions
    tare_g: int
    max_load_g: int
    filler_g: int = 0
    active: bool = True


@dataclass(frozen=True, slots=True)
class OrderLine:
    line_no: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as the carrier label prints it."""

    name: str
    line1: str
    city: str
    country: str
    phone: str | None = None
    line2: str | None = None
    region: str | None = None
    postcode: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, object]) -> Address:
        """From the stored JSON (keys as in the central API contract)."""
        def opt(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            name=str(data.get("name", "")), line1=str(data.get("line1", "")),
            city=str(data.get("city", "")), country=str(data.get("country", "")),
            phone=opt("phone"), line2=opt("line2"), region=opt("region"),
            postcode=opt("postcode"),
        )


@dataclass(frozen=True, slots=True)
class Order:
    """The one order model of the bench: what to pack, for whom, with which carrier."""

    order_id: str
    status: OrderStatus
    carrier: str
    service: str
    lines: tuple[OrderLine, ...]
    tote: str | None = None
    pick_list: str | None = None
    tolerance: Tolerance = Tolerance()
    warehouse: str = ""
    recipient: Address | None = None
    sender: Address | None = None
    cutoff: str = ""  # ISO time the carrier collects

    @property
    def codes(self) -> frozenset[str]:
        """Every code that identifies this order at the bench (order number, tote, pick list)."""
        return frozenset(c for c in (self.order_id, self.tote, self.pick_list) if c)

    @property
    def stopped(self) -> bool:
        return self.status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED)

    def ordered(self) -> dict[str, int]:
        """Units ordered per SKU (lines of the same SKU are summed)."""
        out: dict[str, int] = {}
        for line in self.lines:
            out[line.sku] = out.get(line.sku, 0) + line.quantity
        return out


@dataclass(frozen=True, slots=True)
class Operator:
    badge: str
    name: str
    role: Role
    active: bool = True
    extra_permissions: frozenset[Permission] = field(default_factory=frozenset)

    def may(self, permission: Permission) -> bool:
        return self.active and (
            permission in ROLE_PERMISSIONS[self.role] or permission in self.extra_permissions
        )
