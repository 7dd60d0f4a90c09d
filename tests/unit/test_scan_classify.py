"""What a scan means at the bench, given reference data (a dict-backed look-up)."""

from __future__ import annotations

from station.domain import PackKind, SkuBarcode
from station.scan import ScanKind, classify, parse_scan


class DictLookup:
    def __init__(self) -> None:
        self.codes = {
            "4006381333931": SkuBarcode("4006381333931", "MUG"),
            "14006381333938": SkuBarcode("14006381333938", "MUG", PackKind.CASE, 12),
            "INNER-VIT-6": SkuBarcode("INNER-VIT-6", "VIT", PackKind.INNER, 6),
        }
        self.boxes = {"PKG-S": "BOX-S"}
        self.orders = {"SO-1": ("SO-1", "order"), "T-01": ("SO-1", "tote"),
                       "PL-9": ("SO-1", "pick_list")}
        self.badges = {"B-LEAD"}
        self.parcels = {"EA123456785CN": "SO-7", "009501101530003016": "SO-8"}

    def barcode(self, code):
        return self.codes.get(code)

    def box_by_barcode(self, code):
        return self.boxes.get(code)

    def order_by_code(self, code):
        return self.orders.get(code)

    def operator_by_badge(self, code):
        return code if code in self.badges else None

    def order_by_parcel(self, code):
        return self.parcels.get(code)


def kind_of(raw: str):
    return classify(parse_scan(raw), DictLookup())


def test_each_kind_of_code():
    assert kind_of("4006381333931").kind is ScanKind.ITEM
    case = kind_of("14006381333938")
    assert (case.kind, case.units, case.pack) == (ScanKind.CASE_PACK, 12, PackKind.CASE)
    assert kind_of("INNER-VIT-6").kind is ScanKind.INNER_PACK
    assert kind_of("PKG-S").box_code == "BOX-S"
    assert kind_of("SO-1").kind is ScanKind.ORDER
    assert kind_of("T-01").kind is ScanKind.TOTE and kind_of("T-01").order_id == "SO-1"
    assert kind_of("PL-9").kind is ScanKind.PICK_LIST
    assert kind_of("B-LEAD").kind is ScanKind.BADGE
    assert kind_of("EA123456785CN").kind is ScanKind.PARCEL
    assert kind_of("CMD:CLOSE").kind is ScanKind.COMMAND
    assert kind_of("NOPE").kind is ScanKind.UNKNOWN


def test_gs1_gtin_finds_the_ean_on_file_and_keeps_lot():
    got = kind_of("]C1010400638133393110LOT5")
    assert got.kind is ScanKind.ITEM and got.sku == "MUG" and got.gs1.lot == "LOT5"


def test_gs1_case_gtin14_counts_the_case():
    got = kind_of("]d20114006381333938")
    assert got.kind is ScanKind.CASE_PACK and got.units == 12


def test_ean_with_aim_and_upc_spelling_are_found():
    assert kind_of("]E04006381333931").sku == "MUG"
    assert kind_of("04006381333931").sku == "MUG"  # GTIN-14 spelling of the EAN-13


def test_sscc_of_a_parcel_opens_its_order():
    got = kind_of("]C100009501101530003016")
    assert got.kind is ScanKind.PARCEL and got.order_id == "SO-8"


def test_a_plain_code_that_looks_like_gs1_is_still_found():
    lookup = DictLookup()
    lookup.codes["0112345678901231"] = SkuBarcode("0112345678901231", "ODD")
    got = classify(parse_scan("0112345678901231"), lookup)
    assert (got.kind, got.sku) == (ScanKind.ITEM, "ODD")
