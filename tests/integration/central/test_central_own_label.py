"""A number from central's own range prints with the station's template, at the printer's
size and dpi: central sends no label (it drew a 4x6 in ZPL at 203 dpi before, which printed
~69x103 mm on a 300 dpi printer with its Chinese names as boxes)."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from central import tables as t
from central.testkit import seeded_central
from station.bootstrap import central_applier
from station.config import PrinterSettings
from station.store.db import create_station_engine, upgrade
from station.store.pool import TrackingPool
from station.sync.client import CentralClient
from station.sync.pull import PullLoop
from station.sync.status import SyncStatus
from tests.benchkit import BenchPrinter, make_bench, pack_order, run


@pytest.mark.parametrize("dpi", [203, 300])
def test_a_central_number_prints_the_stations_ewaybill_at_the_printers_dpi(tmp_path, dpi):
    central = seeded_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    engine = create_station_engine(tmp_path / "station.sqlite3")
    upgrade(engine)
    client = CentralClient(central.url, central.station_token)
    try:
        PullLoop(engine, client, central_applier(engine, TrackingPool(engine, "ST-01")),
                 SyncStatus()).pull_once()
        printer = BenchPrinter()
        bench = make_bench(engine, printer, client, SyncStatus(),
                           printer_setup=PrinterSettings(dpi=dpi))
        answer = run(bench, pack_order(bench, engine, "SO-1002"))  # SF, to 陈静 in Shanghai
        parcel = answer.view.parcels[0]
        assert parcel.printed, answer.verdict
        with central.engine.connect() as conn:  # central's number, issued to this parcel
            issued = conn.scalar(select(t.tracking_numbers.c.number).where(
                t.tracking_numbers.c.order_id == "SO-1002"))
        assert parcel.tracking == issued
        zpl = printer.jobs[-1].data.decode()
        dots_per_mm = {203: 8, 300: 12}[dpi]
        width = int(re.search(r"\^PW(\d+)", zpl).group(1))
        length = int(re.search(r"\^LL(\d+)", zpl).group(1))
        assert width == 100 * dots_per_mm  # the 100 mm roll at this printer's dpi
        assert length == 180 * dots_per_mm  # the 100x180 e-waybill of a Chinese carrier
        # Chinese text as bitmaps (the printer's font 0 has no CJK glyphs): no text field in
        # font 0 holds CJK (the QR code's data may: it is bytes, not glyphs)
        assert "^GFA" in zpl
        for field in re.findall(r"\^A0N[^\^]*\^FB[^\^]*\^FH\^FD([^\^]*)\^FS", zpl):
            assert not re.search(r"[\u4e00-\u9fff]", field), field
        preview = Image.open(io.BytesIO(answer.label.png)).convert("L")
        assert parcel.tracking in {r.text for r in zxingcpp.read_barcodes(preview)}
    finally:
        client.close()
        engine.dispose()
        central.stop()
