"""Child process of the crash test: resume (or open) the session, then scan forever,
printing each acknowledged scan only after the service returned (i.e. after the commit)."""

from __future__ import annotations

import sys

from station.services import PackingService
from station.store.db import create_station_engine

CODES = ["4006381333931", "2000000000015"]  # MUG-01, TEE-M


def main(db: str, limit: int) -> None:
    svc = PackingService(create_station_engine(db), "ST-CRASH")
    session = svc.resume()
    packed = sum(session.packed.values()) if session else 0
    print(f"RESUMED {packed}", flush=True)
    svc.login_badge("B-PACKER")
    if session is None:
        assert svc.scan("SO-CRASH").code == "order_opened"
    for i in range(limit):
        raw = CODES[i % 2]
        verdict = svc.scan(raw)
        assert verdict.code == "item_packed", verdict.code
        print(f"ACK {raw}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
