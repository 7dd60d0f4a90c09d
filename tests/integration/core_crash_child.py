"""Child process of the crash test: resume (or open) the session, then pack forever, printing
each acknowledged action only after the service returned (i.e. after its commit). Every 7th
step closes a parcel (NEW-PARCEL, CONFIRM, weight): a transaction of several rows."""

from __future__ import annotations

import sys

from station.domain import PackState
from station.services import PackingService
from station.store.db import create_station_engine

CODES = ["4006381333931", "2000000000015"]  # MUG-01, TEE-M


def main(db: str, limit: int) -> None:
    svc = PackingService(create_station_engine(db), "ST-CRASH")
    session = svc.resume()
    packed = sum(session.packed.values()) if session else 0
    print(f"RESUMED {packed} {len(session.parcels) if session else 0}", flush=True)
    svc.login_badge("B-PACKER")
    if session is None:
        assert svc.scan("SO-CRASH").code == "order_opened"
    for i in range(limit):
        state = svc.session.state if svc.session else None
        if state is PackState.BOXING:
            assert svc.scan("CMD:CONFIRM").code == "weigh"
            print("ACK box", flush=True)
        elif state is PackState.WEIGHING:
            grams = svc.session.current.expected_g
            assert svc.record_weight(grams).code == "parcel_ready"
            print("ACK weight", flush=True)
        elif i % 7 == 6 and not svc.session.current.empty:
            assert svc.scan("CMD:NEW-PARCEL").code == "choose_box"
            print("ACK new-parcel", flush=True)
        else:
            raw = CODES[i % 2]
            verdict = svc.scan(raw)
            assert verdict.code == "item_packed", verdict.code
            print(f"ACK {raw}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
