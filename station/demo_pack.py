"""A scripted pack in the terminal, driven through the real services and store:
``station selftest`` runs it in a temporary database to prove the core works on this PC."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from station.domain import Severity, Verdict
from station.services import PackingService, ServiceError
from station.services.pins import LeadProof

_MARK = {Severity.OK: "OK  ", Severity.NEEDS_ACTION: "DO  ", Severity.STOP: "STOP"}


def load_demo(engine: Engine) -> None:
    """Load the demo reference data (idempotent)."""
    from station.demo_data import demo_changeset
    from station.store.reference import apply_changes

    with engine.begin() as conn:
        apply_changes(conn, demo_changeset())


def run_scripted_demo(
    engine: Engine, station_id: str = "DEMO-1", echo: Callable[[str], None] = print
) -> bool:
    """Pack the demo orders step by step, printing each verdict. Needs a migrated database
    with the demo data loaded (:func:`load_demo`). Returns True when every step behaved as
    scripted."""
    svc = PackingService(engine, station_id)
    ok = True

    def step(label: str, action: Callable[[], Verdict], expect: str) -> None:
        nonlocal ok
        try:
            verdict = action()
            line = f"[{_MARK[verdict.severity]}] {label:<28} {verdict.message}"
            ok &= verdict.code == expect
        except ServiceError as exc:
            line = f"[DENY] {label:<28} {exc.message}"
            ok &= exc.code == expect
        echo(line)

    def scan(raw: str, expect: str, label: str | None = None) -> None:
        step(label or f"scan {raw}", lambda: svc.scan(raw), expect)

    def weigh_expected(extra: int = 0) -> None:
        current = svc.session.current if svc.session else None
        grams = (current.expected_g or 0) + extra if current else 0
        step(f"scale {grams} g (stable)", lambda: svc.record_weight(grams), "parcel_ready")

    def label_ready_parcels() -> None:
        # Stands in for the label step (station.services.labeling), which needs a printer.
        for parcel in svc.ready_parcels():
            number = f"DEMO{parcel.order_id}{parcel.parcel_no:02d}"
            svc.mark_labelled(parcel.parcel_no, number)
            echo(f"       label: parcel {parcel.parcel_no}/{parcel.parcel_count} "
                 f"{parcel.carrier}/{parcel.service} {parcel.actual_g} g -> {number}")

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
        step("scale 1200 g (stable)", lambda: svc.record_weight(1200), "weight_out_of_tolerance")
        step("packer tries to override", lambda: svc.override_weight("looks ok"),
             "permission_denied")
        step("lead overrides", lambda: svc.override_weight("mug boxes are lighter",
                                                            lead=LeadProof.scan("B-LEAD")),
             "weight_overridden")
        step("finish before the label", svc.finish_order, "labels_missing")
        label_ready_parcels()
        step("finish", svc.finish_order, "order_packed")

        echo("-- SO-1002: two parcels, a case of 12")
        scan("T-02", "order_opened", "tote T-02")
        scan("2000000000046", "item_packed", "floor lamp")
        scan("CMD:NEW-PARCEL", "choose_box")
        scan("CMD:CONFIRM", "weigh")
        weigh_expected(15)
        scan("14006381333938", "order_complete", "case of 12 mugs")
        scan("PKG-L", "weigh", "box PKG-L")
        weigh_expected(-8)
        label_ready_parcels()
        step("finish", svc.finish_order, "order_packed")

        echo("-- SO-1003: cancelled by the shop")
        scan("SO-1003", "order_stopped")
    finally:
        svc.close()
    echo("demo " + ("completed as scripted" if ok else "did NOT behave as scripted"))
    return ok
