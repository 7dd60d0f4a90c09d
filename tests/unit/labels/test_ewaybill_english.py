"""The English e-waybill: its TO / FROM column prints the words (it printed "…"), and a Chinese
address written in Latin script keeps its spaces ("Shanghai88 Century Avenue" before)."""

from __future__ import annotations

import pytest

from contract import Address
from station.labels import build_label
from station.labels.data import address_fields
from station.labels.layout import TextRun, lay_out


@pytest.mark.parametrize("dpi", [203, 300])
def test_to_and_from_print_whole_in_english(dpi):
    fields = dict.fromkeys(("carrier_name", "from_address", "from_name", "from_phone", "lane",
                            "order_id", "parcel_count", "parcel_no", "printed_at", "qr",
                            "service", "to_address", "to_name", "to_phone", "tracking",
                            "weight"), "x")
    pages = build_label("ewaybill_100x180", {**fields, "qr": "SF1", "tracking": "SF1"}, "en")
    texts = [r.text for r in lay_out(pages[0], dpi).runs if isinstance(r, TextRun)]
    assert "TO" in texts and "FROM" in texts, texts
    assert not any(t.endswith(("…", "...")) for t in texts), texts


def test_latin_parts_of_a_chinese_address_keep_their_spaces():
    latin = Address(name="Demo Shop", line1="88 Century Avenue", city="Shanghai", country="CN")
    assert address_fields("from", latin, False)["from_address"] == "Shanghai 88 Century Avenue"
    chinese = Address(name="王小明", line1="建国路 1 号", city="北京市", region="北京",
                      country="CN")
    assert address_fields("to", chinese, False)["to_address"] == "北京北京市建国路 1 号"
