"""The A4 manifest's columns never run into each other: a long masked recipient or city is cut
with a visible "..." inside its own column (the recipient ran into the City column before)."""

from __future__ import annotations

from dataclasses import replace

from station.labels import build_label
from station.labels.layout import TextRun, lay_out
from station.labels.samples import manifest_data


def test_long_recipients_and_cities_stay_in_their_columns():
    data = manifest_data(3)
    rows = list(data.parcels)
    rows[0] = replace(rows[0], recipient="C********** A******** M*************** J****",
                      city="Urumqi Xinjiang Uygur Autonomous Region")
    rows[1] = replace(rows[1], recipient="欧阳" + "*" * 30, city="乌鲁木齐市天山区人民路")
    page = build_label("manifest_a4", replace(data, parcels=rows), "en")[0]
    for dpi in (203, 300):
        runs = [r for r in lay_out(page, dpi).runs if isinstance(r, TextRun)]
        for row in rows[:2]:
            order = next(r for r in runs if r.text == row.order_id)
            line = sorted((r for r in runs if r.y == order.y), key=lambda r: r.x)
            recipient, city, weight = line[3], line[4], line[5]
            for cell, after in ((recipient, city), (city, weight)):
                assert cell.x + cell.text_w <= cell.x + cell.w <= after.x  # in its column
            if row is rows[0]:  # too long for their columns: cut, visibly
                assert recipient.text.endswith("...") and city.text.endswith("...")
