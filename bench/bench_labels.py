"""Label benchmarks: build a label + ZPL (goal <= 2 ms), PNG preview (goal <= 30 ms).

Chinese text without a resident font goes as Z64 ``^GFA`` bitmaps; its glyphs are drawn once
and cached, so a new name or address costs a composition, not a FreeType rendering.

Every iteration prints a different, valid tracking number and a different recipient, so
barcode encoding and the layout and drawing of variable text are measured, not served from a
cache (fixed headings are cached, as they are at a real bench).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.figures import figure, percentile
from contract import PoolSegment
from contract.tracking import FORMATS
from station.carriers import TrackingPool
from station.labels import RenderOptions, render_label, render_preview_png
from station.labels.samples import carrier_label_data, ewaybill_data
from station.store.db import create_station_engine, upgrade


def _timed(fn, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    for i in range(5):  # warm-up: fonts, templates, imports
        fn(i)
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _rows(name: str, samples: list[float], goal_ms: float) -> list[dict]:
    p50, p99 = percentile(samples, 50), percentile(samples, 99)
    return [
        figure(f"{name} p50", p50, "ms", f"<= {goal_ms:g} ms", samples=len(samples)),
        figure(f"{name} p99", p99, "ms", f"report (goal <= {goal_ms:g} ms is on p50)",
               samples=len(samples)),
    ]  # fmt: skip


def run() -> list[dict]:
    def ups_data(i: int):  # type: ignore[no-untyped-def]
        data = carrier_label_data(name=f"Customer {i}", line1=f"{i} Market Street")
        return replace(data, tracking_number=FORMATS["ups"].complete(f"1Z999AA1{i:09d}"))

    def sf_data(i: int):  # type: ignore[no-untyped-def]
        data = ewaybill_data(name=f"张伟{i}", line1=f"南山区科技园南区深南大道{i}号")
        return replace(data, tracking_number=f"SF14{i:011d}")

    rows: list[dict] = []
    rows += _rows("label build + ZPL, carrier 100x150 @203dpi",
                  _timed(lambda i: render_label("carrier_100x150", ups_data(i), "en", 203), 1000),
                  2)  # fmt: skip
    rows += _rows("label build + ZPL, CJK e-waybill 100x180 @203dpi (text as ^GFA)",
                  _timed(lambda i: render_label("ewaybill_100x180", sf_data(i), "zh", 203), 200),
                  2)  # fmt: skip
    resident = RenderOptions(zpl_cjk_font="E:SIMSUN.TTF")
    rows += _rows("label build + ZPL, CJK e-waybill 100x180 @203dpi (resident CJK font)",
                  _timed(lambda i: render_label("ewaybill_100x180", sf_data(i), "zh", 203,
                                                resident), 500), 2)  # fmt: skip
    rows += _rows("label build + TSPL, carrier 100x150 @203dpi",
                  _timed(lambda i: render_label("carrier_100x150", ups_data(i), "en", 203,
                                                printer_language="tspl"), 500), 2)  # fmt: skip
    rows += _rows("PNG preview, carrier 100x150 @203dpi",
                  _timed(lambda i: render_preview_png("carrier_100x150", ups_data(i), "en", 203),
                         200), 30)  # fmt: skip
    rows += _rows("PNG preview, CJK e-waybill 100x180 @203dpi",
                  _timed(lambda i: render_preview_png("ewaybill_100x180", sf_data(i), "zh", 203),
                         200), 30)  # fmt: skip
    rows += _rows("PNG preview, carrier 100x150 @300dpi",
                  _timed(lambda i: render_preview_png("carrier_100x150", ups_data(i), "en", 300),
                         100), 30)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_station_engine(Path(tmp) / "bench.sqlite3")
        upgrade(engine)
        pool = TrackingPool(engine, "bench")
        pool.add_segment(PoolSegment(segment_id="b1", carrier="sf", station="bench",
                                     prefix="SF", start=1, end=10**6, width=11))  # fmt: skip
        rows += _rows("tracking pool take (durable commit)",
                      _timed(lambda i: pool.take("sf"), 300), 10)  # fmt: skip
        engine.dispose()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
