"""Station files with labelled parcels, made as the pack and label steps make them (a pack
session, its parcel rows, the ``label_printed`` audit row and outbox event), for the tests of
the lead's station (handover, lookup, dashboard)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from contract import ChangeSet, EventKind, LabelPrinted
from station.demo_data import demo_changeset
from station.store.db import create_station_engine, upgrade
from station.store.outbox import audit, enqueue_event, utcnow_iso
from station.store.reference import apply_changes


def station_file(path: Path, changes: ChangeSet | None = None) -> Engine:
    """A migrated station SQLite file with reference data (the demo set by default)."""
    engine = create_station_engine(path)
    upgrade(engine)
    with engine.begin() as conn:
        apply_changes(conn, changes or demo_changeset())
    return engine


def labelled_parcel(
    engine: Engine, order_id: str, tracking: str, grams: int = 800, parcel_no: int = 1,
    *, carrier: str = "SF", packer: str = "B-PACKER", box: str = "S", station: str = "ST-01",
) -> int:
    """One packed and labelled parcel of ``order_id``; returns its parcel id."""
    now = utcnow_iso()
    with engine.begin() as conn:
        sid = conn.execute(text(
            "INSERT INTO pack_sessions (order_id, station, operator, state, opened_at, ended_at) "
            "VALUES (:o, :s, :p, 'finished', :t, :t) RETURNING id"),
            {"o": order_id, "s": station, "p": packer, "t": now}).scalar_one()
        conn.execute(text(
            "INSERT INTO scans (session_id, seq, at, operator, type, raw, units, box_code, grams) "
            "VALUES (:sid, 1, :t, :p, 'weighed', NULL, 0, :box, :g)"),
            {"sid": sid, "t": now, "p": packer, "box": box, "g": grams})
        pid = conn.execute(text(
            "INSERT INTO parcels (session_id, order_id, parcel_no, box_code, expected_g, "
            "actual_g, items, status, tracking_number, closed_at) VALUES (:sid, :o, :n, :box, "
            ":g, :g, :items, 'labelled', :tn, :t) RETURNING id"),
            {"sid": sid, "o": order_id, "n": parcel_no, "box": box, "g": grams,
             "items": json.dumps([{"sku": "MUG-01", "quantity": 1}]), "tn": tracking,
             "t": now}).scalar_one()
        enqueue_event(conn, EventKind.LABEL_PRINTED, LabelPrinted(
            order_id=order_id, parcel_no=parcel_no, tracking_number=tracking, carrier=carrier,
            service="STD", weight_g=grams, source="pool"), order_id=order_id)
        audit(conn, "label_printed", packer, order_id, parcel_no=parcel_no, tracking=tracking)
    return int(pid)


class WebhookReceiver:
    """A seller's webhook endpoint on 127.0.0.1 that answers 500 to its first ``fail_first``
    calls (so retries are exercised) and records every call's JSON body."""

    def __init__(self, fail_first: int = 0) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.calls: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append(json.loads(body))
                self.send_response(500 if len(receiver.calls) <= fail_first else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/tracking"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
