"""Tell carriers of the labels our stations voided or abandoned, outside any request.

``label_voided`` and ``shipment_abandoned`` events mark the attempt ``void_state = wanted``
(in the ingest transaction); this thread calls the carrier's void and records ``done`` or
``refused`` with the carrier's reason (a parcel already collected cannot be voided: the lead
sees it in the number's timeline). An unknown outcome stays ``wanted`` and is tried again.
Several central processes may run one: a row is claimed with a compare-and-set first.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Engine, select, update

from central import tables as t
from central.background import PollingWorker
from central.carriers.base import CarrierAdapter, Outcome
from central.tracking import add_tracking_event

A = t.shipment_attempts


class CarrierVoider(PollingWorker):
    name = "carrier-voids"

    def __init__(self, engine: Engine, carriers: Mapping[str, CarrierAdapter],
                 poll_s: float = 2.0) -> None:
        super().__init__(poll_s)
        self.engine = engine
        self.carriers = carriers

    def wanted(self) -> bool:
        return bool(self.carriers)  # no carrier API configured: nothing can owe a void

    def run_once(self) -> int:
        """Void what is due; returns how many attempts were settled."""
        with self.engine.connect() as conn:
            due = conn.execute(select(A.c.order_id, A.c.parcel_no, A.c.attempt_key, A.c.number,
                                      A.c.carrier).where(A.c.void_state == "wanted")
                               .limit(50)).all()
        settled = 0
        for row in due:
            adapter = self.carriers.get(row.carrier or "")
            if adapter is None:
                continue
            where = (A.c.order_id == row.order_id, A.c.parcel_no == row.parcel_no,
                     A.c.attempt_key == row.attempt_key)
            with self.engine.begin() as conn:  # claim it: another process may be at it too
                claimed = conn.execute(update(A).where(*where, A.c.void_state == "wanted")
                                       .values(void_state="voiding")).rowcount
            if not claimed:
                continue
            result = adapter.void(row.attempt_key, row.number or "")
            if result.outcome is Outcome.UNKNOWN:
                state, error = "wanted", None
            elif result.ok or (result.error == "not_found" and row.number is None):
                state, error = "done", None  # voided (or never created under that key)
            else:
                state, error = "refused", f"{result.message or result.error} ({result.raw_code})"
            with self.engine.begin() as conn:
                conn.execute(update(A).where(*where).values(void_state=state,
                                                            void_error=error))
                if row.number and state == "done":
                    add_tracking_event(conn, row.number, "carrier_voided",
                                       note=f"{row.carrier} cancelled the waybill")
                elif row.number and state == "refused":
                    add_tracking_event(conn, row.number, "void_refused",
                                       note=f"{row.carrier}: {error}"[:500])
            settled += state != "wanted"
        return settled
