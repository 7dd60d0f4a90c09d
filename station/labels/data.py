"""Typed inputs of the label templates, turned into the text fields the templates print.

Field values are plain strings; :func:`station.labels.text.clean_text` and the renderers'
escaping make them safe later, so nothing here needs to trust the data.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from contract import Carrier, Product
from contract.tracking import TrackingNumberError, validate_tracking_number
from station.i18n import _
from station.labels.model import LabelDataError
from station.labels.text import clean_text, is_cjk


class PostalAddress(Protocol):
    """An address as a label prints it (the domain's, or the central contract's)."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def line1(self) -> str: ...
    @property
    def line2(self) -> str | None: ...
    @property
    def city(self) -> str: ...
    @property
    def region(self) -> str | None: ...
    @property
    def postcode(self) -> str | None: ...
    @property
    def country(self) -> str: ...


class LabelOrder(Protocol):
    """The parts of an order a carrier label prints."""

    @property
    def order_id(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def recipient(self) -> PostalAddress | None: ...
    @property
    def sender(self) -> PostalAddress | None: ...


def mask_name(name: str) -> str:
    """Recipient name as Chinese e-waybills print it: first character of each word kept."""
    name = clean_text(name)
    if not name:
        return name
    if any(is_cjk(c) for c in name):
        return name[0] + "*" * max(1, min(len(name) - 1, 3))
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split(" ") if w)


def mask_phone(phone: str) -> str:
    """Phone with the middle digits hidden: ``138****5678`` (short numbers: last 2 kept)."""
    digits = clean_text(phone)
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def kilograms(weight_g: int) -> str:
    """Grams as kilograms with three decimals, by integer arithmetic: ``1.234 kg``."""
    sign = "-" if weight_g < 0 else ""
    g = abs(int(weight_g))
    return f"{sign}{g // 1000}.{g % 1000:03d} kg"


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"


def _join_east_asian(parts: list[str]) -> str:
    """Chinese parts run on ("上海市浦东新区世纪大道88号"); Latin ones keep a space between them
    ("Shanghai 88 Century Avenue", not "Shanghai88 Century Avenue")."""
    out = ""
    for part in parts:
        if out and not (_is_cjk(out[-1]) or _is_cjk(part[0])):
            out += " "
        out += part
    return out


def address_fields(prefix: str, addr: PostalAddress | None, masked: bool) -> dict[str, str]:
    """``{prefix}_name``, ``_phone``, ``_street``, ``_city_line``, ``_country`` of an address."""
    if addr is None:
        keys = ("name", "phone", "street", "city_line", "country", "address")
        return {f"{prefix}_{k}": "" for k in keys}
    name = mask_name(addr.name) if masked else addr.name
    phone = addr.phone or ""
    if phone and masked:
        phone = mask_phone(phone)
    street = " ".join(p for p in (addr.line1, addr.line2) if p)
    city_line = " ".join(p for p in (addr.postcode, addr.city, addr.region) if p)
    if addr.country in ("CN", "TW", "HK", "MO", "JP", "KR"):
        # East Asian order: largest unit first (province, city, district and street).
        address = _join_east_asian([p for p in (addr.region, addr.city, addr.line1, addr.line2)
                                    if p])
    else:
        address = f"{street}, {city_line} {addr.country}"
    return {
        f"{prefix}_name": name,
        f"{prefix}_phone": phone or "-",
        f"{prefix}_street": street,
        f"{prefix}_city_line": city_line,
        f"{prefix}_country": addr.country,
        f"{prefix}_address": address,
    }


@dataclass(frozen=True)
class ParcelLabelData:
    """What a carrier label / e-waybill shows for one parcel of an order."""

    order: LabelOrder
    carrier: Carrier
    tracking_number: str
    parcel_no: int
    parcel_count: int
    weight_g: int
    printed_at: datetime
    sender: PostalAddress | None = None  # default: the order's sender
    sscc: str | None = None  # GS1 SSCC (18 digits) of the parcel, when the shipper has one
    check_tracking: bool = True  # refuse a number that fails the carrier's check digit

    def fields(self, language: str) -> dict[str, str]:
        if self.check_tracking:
            try:
                validate_tracking_number(self.tracking_number, self.carrier.tracking_format)
            except TrackingNumberError as exc:
                raise LabelDataError(str(exc)) from exc
        if self.weight_g < 0:
            raise LabelDataError(
                _("The parcel weight cannot be negative ({weight}): weigh it again.").format(
                    weight=kilograms(self.weight_g)
                )
            )
        if not (1 <= self.parcel_no <= self.parcel_count):
            raise LabelDataError(
                _("Parcel {n} of {count} is not possible: check the parcel count.").format(
                    n=self.parcel_no, count=self.parcel_count
                )
            )
        masked = self.carrier.mask_recipient
        service = next(
            (s.name for s in self.carrier.services if s.code == self.order.service),
            self.order.service,
        )
        carrier_name = self.carrier.name
        if language == "zh" and self.carrier.name_zh:
            carrier_name = self.carrier.name_zh
        f = {
            "carrier_code": self.carrier.code,
            "carrier_name": carrier_name,
            "service": service,
            "tracking": self.tracking_number,
            "order_id": self.order.order_id,
            "parcel_no": str(self.parcel_no),
            "parcel_count": str(self.parcel_count),
            # 0 g: not weighed (a return label is printed before the buyer packs the parcel)
            "weight": kilograms(self.weight_g) if self.weight_g else "-",
            "printed_at": self.printed_at.strftime("%Y-%m-%d %H:%M"),
            "lane": self.carrier.staging_lane or "",
            "sscc": f"(00){self.sscc}" if self.sscc else "",
        }
        recipient = self.order.recipient
        if recipient is None:
            raise LabelDataError(
                _("Order {order} has no recipient address: ask the office to complete it.")
                .format(order=self.order.order_id)
            )
        f.update(address_fields("to", recipient, masked))
        f.update(address_fields("from", self.sender or self.order.sender, False))
        # The 2D code carries what a sorting scanner needs, in one line.
        f["routing"] = "|".join(
            (self.tracking_number, recipient.postcode or "",
             recipient.country, str(self.weight_g))
        )  # fmt: skip
        f["qr"] = clean_text(
            f"{self.tracking_number} {self.order.order_id} {f['to_name']} {f['to_city_line']}"
        )
        return f


@dataclass(frozen=True)
class SkuLabelData:
    """A SKU label printed at receiving."""

    product: Product
    quantity: int
    receipt: str
    printed_at: datetime
    lot: str | None = None
    expiry: date | None = None
    location: str | None = None

    def fields(self, language: str) -> dict[str, str]:
        name = self.product.name
        if language == "zh" and self.product.name_zh:
            name = self.product.name_zh
        gtin = next(
            (b.code for b in self.product.barcodes
             if b.kind == "unit" and b.code.isdigit() and len(b.code) in (8, 12, 13, 14)),
            None,
        )  # fmt: skip
        gs1 = ""
        if gtin:
            gs1 = f"(01){gtin.zfill(14)}"
            if self.expiry:
                gs1 += f"(17){self.expiry:%y%m%d}"
            if self.lot:
                gs1 += f"(10){self.lot}"
        return {
            "sku": self.product.sku,
            "name": name,
            "quantity": str(self.quantity),
            "lot": self.lot or "",
            "expiry": self.expiry.isoformat() if self.expiry else "",
            "receipt": self.receipt,
            "location": self.location or "",
            "printed_at": self.printed_at.strftime("%Y-%m-%d %H:%M"),
            "gs1": gs1,
        }


@dataclass(frozen=True)
class ManifestParcel:
    tracking_number: str
    order_id: str
    recipient: str
    city: str
    weight_g: int
    bag: str = ""  # the bag or cage it went in (集包), if any


@dataclass(frozen=True)
class ManifestData:
    """The handover sheet a driver signs when the carrier collects parcels."""

    manifest_id: str
    carrier: Carrier
    warehouse: str
    closed_at: datetime
    parcels: Sequence[ManifestParcel]
    expected: int
    missing: Sequence[str] = field(default_factory=tuple)
    bags: Sequence[str] = field(default_factory=tuple)  # "BAG-1 · seal 123 · 12" each
    signature_png: bytes = b""  # the driver's signature, drawn on the bench's screen
    signed_by: str = ""  # the driver's name as typed with the signature

    def fields(self, language: str) -> dict[str, str]:
        carrier_name = self.carrier.name
        if language == "zh" and self.carrier.name_zh:
            carrier_name = self.carrier.name_zh
        total_g = sum(p.weight_g for p in self.parcels)
        return {
            "manifest_id": self.manifest_id,
            "carrier_name": carrier_name,
            "warehouse": self.warehouse,
            "closed_at": self.closed_at.strftime("%Y-%m-%d %H:%M"),
            "expected": str(self.expected),
            "scanned": str(len(self.parcels)),
            "missing": str(len(self.missing)),
            "missing_list": ", ".join(self.missing),
            "bags_list": "; ".join(self.bags),
            "signature": base64.b64encode(self.signature_png).decode(),
            "signed_by": self.signed_by,
            "total_weight": kilograms(total_g),
        }

    def rows(self) -> list[Mapping[str, str]]:
        masked = self.carrier.mask_recipient
        return [
            {
                "no": str(i),
                "tracking": p.tracking_number,
                "order_id": p.order_id,
                "recipient": mask_name(p.recipient) if masked else p.recipient,
                "city": p.city,
                "weight": kilograms(p.weight_g),
                "bag": p.bag,
            }
            for i, p in enumerate(self.parcels, 1)
        ]


LabelInput = ParcelLabelData | SkuLabelData | ManifestData
