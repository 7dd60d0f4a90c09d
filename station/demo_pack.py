"""A scripted pack in the terminal, driven through the real services and store:
``station selftest`` runs it in a temporary database to prove the core works on this PC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from station.domain import Severity
from station.services.bench import BenchAnswer
from station.services.pins import LeadProof

_MARK = {Severity.OK: "OK  ", Severity.NEEDS_ACTION: "DO  ", Severity.STOP: "STOP"}


def load_demo(engine: Engine) -> None:
    """Load the demo reference data (idempotent)."""
    from station.demo_data import demo_changeset
    from station.store.reference import apply_changes
    from station.store.uow import StationStore

    store = StationStore(engine)
    try:
        store.run(lambda conn: apply_changes(conn, demo_changeset()))
    finally:
        store.close()


def run_scripted_demo(
    engine: Engine, station_id: str = "DEMO-1", echo: Callable[[str], None] = print
) -> bool:
    """Pack the demo orders step by step through the bench use case, printing each verdict;
    labels go through the real label step (local pool, ZPL) to the printer simulator over TCP.
    Needs a migrated database with the demo data loaded (:func:`load_demo`). Returns True
    when every step behaved as scripted."""
    from concurrent.futures import Future

    from contract import PoolSegment
    from drivers.manager import DeviceConfig
    from drivers.sim.printer_sim import PrinterSimulator
    from station.bootstrap import build_bench
    from station.config import Settings
    from station.runtime import StationRuntime
    from station.store.pool import TrackingPool
    from station.store.uow import StationStore

    pool = TrackingPool(engine, station_id)
    for seg, carrier, prefix, suffix, fmt in (("SELFTEST-SF", "SF", "SF", "", "none"),
                                              ("SELFTEST-EMS", "EMS", "EE", "CN", "s10")):
        pool.add_segment(PoolSegment(segment_id=seg, carrier=carrier, station=station_id,
                                     prefix=prefix, suffix=suffix, start=90_000_000,
                                     end=90_000_099, width=8), fmt)
    printer = PrinterSimulator("zpl").start()
    store = StationStore(engine)
    settings = Settings(database=Path(str(engine.url.database)), station_id=station_id)
    # The same runtime a station runs: the printer on its owner thread, the bench on the
    # store lane, labels on the print lane.
    runtime = StationRuntime([DeviceConfig("printer", "printer", printer.uri,
                                           {"language": "zpl"})])
    runtime.make_bench = lambda: build_bench(store, settings, printer=runtime.printer(),
                                             pool=pool)
    told: list[BenchAnswer] = []
    runtime.on_answer = told.append
    runtime.start_devices()
    opened = runtime.open(after_crash=False)
    ok = opened is not None and opened.result(30) is not None

    def show(label: str, future: Future[BenchAnswer | None] | None, expect: str) -> None:
        nonlocal ok
        answer = future.result(30) if future is not None else None
        runtime.lanes.drain()  # and every label it asked for has been printed
        verdict = answer.verdict if answer is not None else None
        code = verdict.code if verdict else ""
        mark = _MARK[verdict.severity] if verdict else "    "
        echo(f"[{mark}] {label:<28} {verdict.message if verdict else ''}")
        ok &= code == expect
        printed = [a.label for a in told if a.label is not None]
        for result in printed:
            echo(f"       label: parcel {result.parcel_no}/{len(printed)} "
                 f"-> {result.tracking} ({result.verdict.message})")
            ok &= result.printed
        told.clear()

    def scan(raw: str, expect: str, label: str | None = None) -> None:
        show(label or f"scan {raw}", runtime.scan(raw), expect)

    def weigh(grams: int, expect: str) -> None:
        show(f"scale {grams} g (stable)", runtime.reading(grams, True), expect)

    def weigh_expected(extra: int = 0) -> None:
        weigh((runtime.view.expected_g or 0) + extra, "parcel_ready")

    try:
        echo("-- SO-1001: three lines, a wrong item, a serial number")
        scan("B-PACKER", "logged_in", "badge B-PACKER")
        scan("T-01", "order_opened", "tote T-01")
        scan("4006381333931", "item_packed", "mug")
        scan("4006381333931", "item_packed", "mug")
        scan("4006381333931", "over_scan", "mug (one too many)")
        scan("2000000000046", "wrong_item", "floor lamp (wrong item)")
        scan("PL-1001", "wrong_item_acknowledged", "pick list PL-1001")
        scan("2000000000015", "item_packed", "T-shirt")
        scan("2000000000039", "capture_serial", "phone")
        scan("IMEI-356938035643809", "order_complete", "serial IMEI-356938035643809")
        scan("CMD:CLOSE", "choose_box")
        scan("CMD:CONFIRM", "weigh")
        weigh(1200, "weight_out_of_tolerance")
        show("packer tries to override",
             runtime.override_weight("looks ok", LeadProof.scan("B-PACKER")), "permission_denied")
        show("lead overrides", runtime.override_weight("mug boxes are lighter",
                                                       LeadProof.scan("B-LEAD")),
             "weight_overridden")
        scan("CMD:CLOSE", "order_packed", "finish")

        echo("-- SO-1002: two parcels, a case of 12")
        scan("T-02", "order_opened", "tote T-02")
        scan("2000000000046", "item_packed", "floor lamp")
        scan("CMD:NEW-PARCEL", "choose_box")
        scan("CMD:CONFIRM", "weigh")
        weigh_expected(15)
        scan("14006381333938", "order_complete", "case of 12 mugs")
        scan("PKG-L", "weigh", "box PKG-L")
        weigh_expected(-8)
        scan("CMD:CLOSE", "order_packed", "finish")

        echo("-- SO-1003: cancelled by the shop")
        scan("SO-1003", "order_stopped")
    finally:
        runtime.stop()
        store.close()
        printer.stop()
    echo(f"printer simulator received {len(printer.jobs)} label(s)")
    echo("demo " + ("completed as scripted" if ok else "did NOT behave as scripted"))
    return ok
