"""Carrier close-out at manifest close: EasyPost's ScanForm (one form the driver scans for the
whole pickup instead of each parcel).

Ingesting ``manifest_closed`` records what is owed (:func:`owe_closeout`, in the ingest
transaction): the carrier's shipment ids of the manifest's parcels that were bought through a
carrier API. :class:`CarrierCloser` (a thread, like the voider) calls the adapter's
``close_out`` and records the form or the carrier's refusal; an unknown outcome is tried
again. Several central processes may run one: a row is claimed with a compare-and-set first.
A carrier without a close-out (SF: couriers collect) owes nothing. Stations read the state
with ``GET /v1/manifests/{manifest_id}/closeout``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import Connection, Engine, insert, select, update

from central import tables as t
from central.background import PollingWorker
from central.carriers.base import CarrierAdapter, Outcome
from central.clock import now_iso

C = t.carrier_closeouts
MAX_TRIES = 20


def owe_closeout(conn: Connection, warehouse: str, manifest_id: str, carrier: str,
                 numbers: list[str]) -> None:
    """A closed manifest owes a close-out when its parcels were bought through a carrier API
    (their shipment ids are known). Closing it again after a reopen owes nothing new once a
    form exists; a refused one is asked again with the manifest's parcels as they are now."""
    refs = sorted({r for (r,) in conn.execute(
        select(t.shipment_attempts.c.carrier_ref).where(
            t.shipment_attempts.c.number.in_(numbers),
            t.shipment_attempts.c.carrier_ref.is_not(None),
            t.shipment_attempts.c.state == "done"))})
    if not refs:
        return
    where = (C.c.manifest_id == manifest_id, C.c.warehouse == warehouse)
    known = conn.execute(select(C.c.state).where(*where)).scalar_one_or_none()
    if known in ("done", "closing"):
        return
    if known is not None:
        conn.execute(update(C).where(*where).values(
            refs=json.dumps(refs), state="wanted", error=None, tries=0, updated_at=now_iso()))
        return
    conn.execute(insert(C).values(manifest_id=manifest_id, warehouse=warehouse,
                                  carrier=carrier, refs=json.dumps(refs), state="wanted",
                                  tries=0, updated_at=now_iso()))


class CarrierCloser(PollingWorker):
    name = "carrier-closeouts"

    def __init__(self, engine: Engine, carriers: Mapping[str, CarrierAdapter],
                 poll_s: float = 5.0) -> None:
        super().__init__(poll_s)
        self.engine = engine
        self.carriers = carriers

    def wanted(self) -> bool:
        return any(hasattr(a, "close_out") for a in self.carriers.values())

    def run_once(self) -> int:
        """Close out what is due; returns how many manifests were settled."""
        with self.engine.connect() as conn:
            due = conn.execute(select(C).where(C.c.state == "wanted").limit(20)).all()
        settled = 0
        for row in due:
            adapter = self.carriers.get(row.carrier)
            close_out = getattr(adapter, "close_out", None)
            where = (C.c.manifest_id == row.manifest_id, C.c.warehouse == row.warehouse)
            if close_out is None:
                with self.engine.begin() as conn:
                    conn.execute(update(C).where(*where, C.c.state == "wanted").values(
                        state="refused", error=f"{row.carrier} has no close-out here.",
                        updated_at=now_iso()))
                continue
            with self.engine.begin() as conn:  # claim it: another process may be at it too
                claimed = conn.execute(update(C).where(*where, C.c.state == "wanted")
                                       .values(state="closing", updated_at=now_iso())).rowcount
            if not claimed:
                continue
            result = close_out(json.loads(row.refs))
            values: dict[str, object] = {"tries": row.tries + 1, "updated_at": now_iso()}
            if result.ok:
                values.update(state="done", form_id=result.carrier_ref, form_url=result.message,
                              error=None)
            elif result.outcome is Outcome.UNKNOWN and row.tries + 1 < MAX_TRIES:
                values.update(state="wanted", error=result.message)
            else:
                values.update(state="refused",
                              error=f"{result.message or result.error} ({result.raw_code})"[:500])
            with self.engine.begin() as conn:
                conn.execute(update(C).where(*where).values(**values))
            settled += values["state"] != "wanted"
        return settled
