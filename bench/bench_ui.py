"""UI benchmarks, each beside a baseline measured in the same run.

- cold start to a ready pack screen vs a bare PySide6 window that imports SQLAlchemy and
  runs one query (both in fresh interpreters, median of 5);
- wedge scan burst → verdict painted, p99, vs a bare window painting a label on Enter;
- serial scanner line (pty) → verdict painted, p99, vs a raw pty line round trip;
- 50 scans/s for 60 s (``BENCH_UI_RATE_SECONDS`` shortens it), zero lost;
- RSS after packing 1,000 orders (with labels rendered), and its growth over the last 500.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import figure, median, percentile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent

COLD_STATION = r"""
import time, sys
t0 = float(sys.argv[1])
from pathlib import Path
from ui.qt import QApplication
app = QApplication([])
from station.config import Settings
from ui.app import build_window
from ui.sounds import SoundPlayer
w = build_window(Settings(database=Path(sys.argv[2])), sounds=SoundPlayer(enabled=False))
w.show()
while not w.ready:
    app.processEvents()
w.stack.setCurrentWidget(w.pack)
w.pack.repaint()
app.processEvents()
print(time.time() - t0)
w.controller.shutdown()
"""

COLD_BARE = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
import sqlalchemy
engine = sqlalchemy.create_engine("sqlite:///" + sys.argv[2])
with engine.connect() as conn:
    conn.execute(sqlalchemy.text("SELECT 1")).scalar()
w = QLabel("ready")
w.resize(1366, 768)
w.show()
w.repaint()
app.processEvents()
print(time.time() - t0)
"""


def _cold(script: str, db: Path, runs: int = 5) -> float:
    times = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", script, repr(time.time()), str(db)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return median(times)


def _seeded(folder: Path, extra_orders: int = 0) -> Path:
    from contract import ChangeSet
    from station.demo_data import demo_changeset, orders
    from station.store.db import create_station_engine, upgrade
    from station.store.reference import apply_changes

    db = folder / "station.sqlite3"
    engine = create_station_engine(db)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())
        if extra_orders:
            template = next(o for o in orders() if o.order_id == "SO-1005")
            bulk = [
                template.model_copy(update={"order_id": f"BO-{i:05d}", "tote": None})
                for i in range(extra_orders)
            ]
            apply_changes(conn, ChangeSet(cursor="bench", orders=bulk))
    engine.dispose()
    return db


class PaintClock:
    """Time of the first paint of the verdict banner after each answer."""

    def __init__(self, window: Any) -> None:
        from ui.qt import QEvent, QObject

        clock = self
        self.painted_at: float | None = None

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint and clock.painted_at is None:
                    clock.painted_at = time.perf_counter()
                return False

        self.filter = Filter()
        window.pack.banner.installEventFilter(self.filter)


def _window(db: Path, printer: Any = None, pool: Any = None, devices: Any = None) -> Any:
    from station.bootstrap import build_bench, open_store
    from station.config import Settings
    from ui.app import build_window
    from ui.screenshots import wait_until
    from ui.sounds import SoundPlayer

    settings = Settings(database=db)
    w = build_window(
        settings, devices=devices, sounds=SoundPlayer(enabled=False),
        make_bench=lambda: build_bench(open_store(settings), settings, printer=printer,
                                       pool=pool))
    w.resize(1366, 768)
    w.show()
    wait_until(lambda: w.ready)
    return w


def _type(widget: Any, text: str) -> None:
    """The key events a wedge scanner sends: Shift pressed and released around each capital,
    digits from the keypad, Enter (tests/wedge_keys.py; keyClicks sends no Shift)."""
    from tests.wedge_keys import scanner_keys, send_keys

    widget.setFocus()
    send_keys(scanner_keys(text, keypad_digits=text.isdigit()))


def _scan_and_wait(w: Any, code: str, clock: PaintClock | None = None) -> float:
    from ui.qt import QApplication
    from ui.screenshots import wait_until

    before = w.controller.scans_answered
    if clock is not None:
        clock.painted_at = None
    t0 = time.perf_counter()
    _type(QApplication.focusWidget() or w, code)
    wait_until(lambda: w.controller.scans_answered > before)
    if clock is not None:
        wait_until(lambda: clock.painted_at is not None)
        return (clock.painted_at or t0) - t0
    return time.perf_counter() - t0


def bench_burst(folder: Path) -> dict[str, Any]:
    from ui.qt import QApplication, QEvent, QLabel, QObject, Qt
    from ui.screenshots import wait_until

    w = _window(_seeded(folder))
    clock = PaintClock(w)
    _scan_and_wait(w, "B-PACKER")
    _scan_and_wait(w, "SO-1004")
    # With Shift around the capitals (the order again: "already open") and keypad digits.
    samples = [_scan_and_wait(w, "SO-1004", clock) * 1000 for _ in range(100)]
    samples += [_scan_and_wait(w, "2000000000022", clock) * 1000 for _ in range(100)]
    w.close()
    w.controller.shutdown()

    # Baseline: a bare window that paints a label when Enter arrives.
    label = QLabel("—")
    label.resize(600, 100)
    label.show()
    painted: list[float] = []

    class Enter(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Return:
                label.setText(str(time.perf_counter()))
            if event.type() == QEvent.Type.Paint and obj is label:
                painted.append(time.perf_counter())
            return False

    flt = Enter()
    label.installEventFilter(flt)
    QApplication.processEvents()
    base = []
    for _ in range(200):
        n = len(painted)
        t0 = time.perf_counter()
        _type(label, "SO-1004" if len(base) % 2 else "2000000000022")
        wait_until(lambda n=n: len(painted) > n)
        base.append((painted[-1] - t0) * 1000)
    label.close()
    return figure("ui wedge scan burst (Shift events) -> verdict painted p99",
                  percentile(samples, 99), "ms",
                  "<= 16 ms", percentile(base, 99), p50=round(percentile(samples, 50), 3),
                  samples=len(samples))


def bench_serial(folder: Path) -> dict[str, Any]:
    from drivers.manager import DeviceConfig
    from ui.devices import DeviceBridge
    from ui.screenshots import wait_until

    master, slave = os.openpty()
    devices = DeviceBridge([DeviceConfig("scanner", "scanner", f"serial://{os.ttyname(slave)}",
                                         {"terminator": "CR"})])
    w = _window(_seeded(folder), devices=devices)
    devices.start()
    # A scanner shows "ok" only once it has sent a scan: log in by scan until one arrives
    # (the port may open after the first line was written).
    for _attempt in range(40):
        answered = w.controller.scans_answered
        os.write(master, b"B-PACKER\r")
        try:
            wait_until(lambda n=answered: w.controller.scans_answered > n, 0.5)
            break
        except TimeoutError:
            continue
    wait_until(lambda: w.status.devices.get("scanner", ("",))[0] == "ok")
    clock = PaintClock(w)

    def serial(code: str) -> float:
        before = w.controller.scans_answered
        clock.painted_at = None
        t0 = time.perf_counter()
        os.write(master, code.encode() + b"\r")
        wait_until(lambda: w.controller.scans_answered > before and clock.painted_at is not None)
        return ((clock.painted_at or t0) - t0) * 1000

    serial("B-PACKER")
    serial("SO-1004")
    samples = [serial("2000000000022") for _ in range(100)]
    w.close()
    w.controller.shutdown()
    devices.stop()
    # Baseline: the same line through the pty, read back by a plain blocking read.
    base = []
    for _ in range(100):
        t0 = time.perf_counter()
        os.write(master, b"2000000000022\r")
        got = b""
        while not got.endswith(b"\r"):
            got += os.read(slave, 64)
        base.append((time.perf_counter() - t0) * 1000)
    os.close(master)
    os.close(slave)
    return figure("ui serial scanner line -> verdict painted p99", percentile(samples, 99), "ms",
                  "<= 16 ms", percentile(base, 99), p50=round(percentile(samples, 50), 3))


def bench_rate(folder: Path, seconds: float) -> dict[str, Any]:
    from ui.qt import QApplication, QTimer
    from ui.screenshots import wait_until

    w = _window(_seeded(folder))
    _scan_and_wait(w, "B-PACKER")
    _scan_and_wait(w, "SO-1004")
    sent_before = w.controller.scans_sent
    answered_before = w.controller.scans_answered
    total = int(seconds * 50)
    state = {"n": 0}

    def tick() -> None:
        if state["n"] >= total:
            timer.stop()
            return
        state["n"] += 1
        _type(QApplication.focusWidget() or w, "2000000000022")

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    t0 = time.perf_counter()
    timer.start()
    wait_until(lambda: state["n"] >= total, timeout_s=seconds * 3 + 30)
    wait_until(lambda: w.controller.scans_answered - answered_before >= total, timeout_s=60)
    elapsed = time.perf_counter() - t0
    sent = w.controller.scans_sent - sent_before
    answered = w.controller.scans_answered - answered_before
    w.close()
    w.controller.shutdown()
    return figure(f"ui 50 scans/s for {seconds:g} s: scans lost", total - answered, "scans",
                  "0", 0, sent=sent, answered=answered, seconds=round(elapsed, 1))


class _CollectingPrinter:
    """In-process printer for the RSS run: keeps only a count (the bytes are measured
    elsewhere); the label is still fully rendered (ZPL + PNG preview) for every parcel."""

    def __init__(self) -> None:
        self.jobs = 0

    def send(self, job: Any) -> Any:
        from station.devices import PrintResult

        self.jobs += 1
        return PrintResult(True, "printed")


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_rss(folder: Path, orders: int = 1000) -> dict[str, Any]:
    from contract import PoolSegment
    from station.store.db import create_station_engine
    from station.store.pool import TrackingPool
    from ui.screenshots import wait_until

    db = _seeded(folder, extra_orders=orders)
    engine = create_station_engine(db)
    pool = TrackingPool(engine, "ST-01")
    pool.add_segment(PoolSegment(segment_id="SF-B", carrier="SF", station="ST-01", prefix="SF",
                                 start=10_000_000, end=10_099_999, width=8), "none")
    printer = _CollectingPrinter()
    w = _window(db, printer=printer, pool=pool)
    _scan_and_wait(w, "B-PACKER")
    base = _rss_mb()
    marks = {}
    for i in range(orders):
        _scan_and_wait(w, f"BO-{i:05d}")
        _scan_and_wait(w, "4006381333931")
        _scan_and_wait(w, "CMD:CLOSE")
        _scan_and_wait(w, "CMD:CONFIRM")
        expected = w.controller.view.expected_g or 440
        w.on_weight(expected, "stable")
        try:
            wait_until(lambda n=i: printer.jobs > n)
        except TimeoutError as exc:
            raise TimeoutError(
                f"order {i}: {w.pack.banner.code} {w.controller.view.state} "
                f"{w.controller.view.order_id} {expected}"
            ) from exc
        wait_until(lambda: any(p.printed for p in w.controller.view.parcels))
        _scan_and_wait(w, "CMD:CLOSE")
        w.on_weight(0, "stable")  # the parcel leaves the scale
        if i + 1 in (max(1, orders // 10), max(1, orders // 2), orders):
            marks[i + 1] = _rss_mb()
    w.close()
    w.controller.shutdown()
    engine.dispose()
    return figure(f"ui RSS after packing {orders} orders", marks[orders], "MB", "<= 250 MB, flat",
                  base, rss_at_tenth=round(marks[max(1, orders // 10)], 1),
                  rss_at_half=round(marks[max(1, orders // 2)], 1),
                  growth_second_half_mb=round(marks[orders] - marks[max(1, orders // 2)], 1))


def _rss_in_fresh_process(folder: Path, orders: int) -> dict[str, Any]:
    """RSS is a per-process figure: measure it in an interpreter that loaded only the
    station, not the other benchmarks (central server, PostgreSQL driver, label fonts...)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_ui", "--rss", str(folder), str(orders)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> list[dict[str, Any]]:
    import traceback

    from ui.qt import QApplication

    app = QApplication.instance() or QApplication([])
    rows = []
    seconds = float(os.environ.get("BENCH_UI_RATE_SECONDS", "60"))
    orders = int(os.environ.get("BENCH_UI_ORDERS", "1000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def cold(sub: Path) -> dict[str, Any]:
            station = _cold(COLD_STATION, _seeded(sub))
            bare = _cold(COLD_BARE, sub / "bare.sqlite3")
            # both bounds: the generic check would read only the first ("<= 1500 ms")
            return figure("ui cold start to ready pack screen", station * 1000, "ms",
                          "<= 1500 ms and <= 2x baseline", bare * 1000,
                          ratio=round(station / bare, 2),
                          met=station <= 1.5 and station / bare <= 2)

        steps = [
            ("cold", cold), ("burst", bench_burst), ("serial", bench_serial),
            ("rate", lambda sub: bench_rate(sub, seconds)),
            ("rss", lambda sub: _rss_in_fresh_process(sub, orders)),
        ]
        for name, step in steps:
            sub = folder / name
            sub.mkdir()
            try:
                rows.append(step(sub))
            except Exception:  # one broken figure must not hide the others
                traceback.print_exc()
    del app
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:
        from ui.qt import QApplication

        _app = QApplication([])
        print(json.dumps(bench_rss(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        for row in run():
            print(row)
