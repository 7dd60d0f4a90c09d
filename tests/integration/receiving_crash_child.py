"""Child process of the receiving crash test: resume (or open) the receipt, then count and put
away forever, printing each acknowledged action only after the service returned (after its
commit). With ``close`` it closes the receipt instead (resuming first)."""

from __future__ import annotations

import sys

from contract import InboundLine, InboundNotice
from station.domain.model import Operator, Role
from station.services.receiving import ReceivingService
from station.store.db import create_station_engine

NOTICE = InboundNotice(notice_id="ASN-CRASH", warehouse="WH",
                       lines=[InboundLine(sku="BOLT", quantity=100_000)])


def main(db: str, limit: int, close: bool) -> None:
    who = Operator("P1", "Pat", Role.PACKER)
    svc = ReceivingService(create_station_engine(db), "ST-CRASH", lambda: who)
    receipt = svc.resume()
    print(f"RESUMED {receipt.counted.get('BOLT', 0) if receipt else 0}", flush=True)
    if receipt is None and close:
        print("CLOSED nothing-open", flush=True)  # already closed before the last kill
        return
    if receipt is None:
        assert svc.open_notice("ASN-CRASH", NOTICE).code == "notice_opened"
    if close:
        svc.scan("A-1")
        print(f"CLOSED {svc.finish().code}", flush=True)
        return
    for i in range(limit):
        if i % 9 == 8:
            code = "A-2" if i % 2 else "A-1"
            assert svc.scan(code).code in ("put_away", "already_put_away", "count_first")
            print("ACK location", flush=True)
        else:
            verdict = svc.scan("4006381333931")
            assert verdict.code in ("counted", "counted_scan_location"), verdict.code
            print("ACK unit", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3 and sys.argv[3] == "close")
