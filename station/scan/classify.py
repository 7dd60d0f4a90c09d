"""Turn a parsed scan into what it means at the bench, using a look-up into reference data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from station.domain.model import PackKind, SkuBarcode
from station.scan.parse import Command, Gs1Data, ParsedKind, ParsedScan, gtin_candidates


class ScanKind(StrEnum):
    ORDER = "order"
    TOTE = "tote"
    PICK_LIST = "pick_list"
    PARCEL = "parcel"  # a tracking number (or SSCC) of a parcel already made
    ITEM = "item"
    INNER_PACK = "inner_pack"
    CASE_PACK = "case_pack"
    BOX = "box"
    BADGE = "badge"
    COMMAND = "command"
    UNKNOWN = "unknown"


class CodeLookup(Protocol):
    """Reference data the classifier asks (the store implements it with prebuilt queries)."""

    def barcode(self, code: str) -> SkuBarcode | None: ...
    def box_by_barcode(self, code: str) -> str | None: ...
    def order_by_code(self, code: str) -> tuple[str, str] | None:
        """(order_id, "order" | "tote" | "pick_list")."""
        ...
    def operator_by_badge(self, code: str) -> str | None: ...
    def order_by_parcel(self, code: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Classified:
    kind: ScanKind
    scan: ParsedScan
    sku: str | None = None
    units: int = 1
    box_code: str | None = None
    order_id: str | None = None
    badge: str | None = None
    command: Command | None = None

    @property
    def gs1(self) -> Gs1Data | None:
        return self.scan.gs1

    @property
    def pack(self) -> PackKind:
        return {ScanKind.INNER_PACK: PackKind.INNER, ScanKind.CASE_PACK: PackKind.CASE}.get(
            self.kind, PackKind.UNIT
        )


_PACK_KIND = {PackKind.UNIT: ScanKind.ITEM, PackKind.INNER: ScanKind.INNER_PACK,
              PackKind.CASE: ScanKind.CASE_PACK}
_ORDER_KIND = {"order": ScanKind.ORDER, "tote": ScanKind.TOTE, "pick_list": ScanKind.PICK_LIST}


def classify_item(scan: ParsedScan, lookup: CodeLookup) -> Classified | None:
    """Only the product meaning of a scan (fast path while packing), or None."""
    if scan.kind is ParsedKind.GS1:
        gtin = scan.gs1.gtin if scan.gs1 else None
        codes = gtin_candidates(gtin) if gtin else []
        if scan.symbology is None:
            codes.append(scan.text)  # guessed GS1 without an AIM id: maybe a plain code
    elif scan.kind is ParsedKind.CODE:
        codes = gtin_candidates(scan.text)
    else:
        return None
    for code in codes:
        found = lookup.barcode(code)
        if found is not None:
            return Classified(_PACK_KIND[found.kind], scan, sku=found.sku, units=found.units)
    return None


def classify(scan: ParsedScan, lookup: CodeLookup) -> Classified:
    """Product, pack, box, order/tote/pick list, badge, parcel, command, or unknown."""
    if scan.kind is ParsedKind.COMMAND:
        return Classified(ScanKind.COMMAND, scan, command=scan.command)
    item = classify_item(scan, lookup)
    if item is not None:
        return item
    if scan.kind is ParsedKind.GS1:
        sscc = scan.gs1.sscc if scan.gs1 else None
        order_id = lookup.order_by_parcel(sscc) if sscc else None
        if order_id:
            return Classified(ScanKind.PARCEL, scan, order_id=order_id)
        return Classified(ScanKind.UNKNOWN, scan)
    code = scan.text
    box = lookup.box_by_barcode(code)
    if box is not None:
        return Classified(ScanKind.BOX, scan, box_code=box)
    order = lookup.order_by_code(code)
    if order is not None:
        return Classified(_ORDER_KIND[order[1]], scan, order_id=order[0])
    badge = lookup.operator_by_badge(code)
    if badge is not None:
        return Classified(ScanKind.BADGE, scan, badge=badge)
    parcel_order = lookup.order_by_parcel(code)
    if parcel_order is not None:
        return Classified(ScanKind.PARCEL, scan, order_id=parcel_order)
    return Classified(ScanKind.UNKNOWN, scan)
