"""Property: whatever a bench did, a fresh process resumes the very same session."""

from __future__ import annotations

import itertools

from core_fixtures import demo_db_copy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station.services import PackingService, ServiceError
from station.services.pins import LeadProof

SCANS = ["4006381333931", "2000000000015", "2000000000039", "2000000000046", "SN-1", "SN-2",
         "CMD:CLOSE", "CMD:NEW-PARCEL", "CMD:CONFIRM", "CMD:CANCEL", "PKG-S", "PKG-L", "T-01",
         "B-LEAD", "]C1010400638133393110L1", "NOISE"]

action = st.one_of(
    st.tuples(st.just("scan"), st.sampled_from(SCANS)),
    st.tuples(st.just("weigh"), st.one_of(st.just(None), st.integers(1, 5000))),
    st.tuples(st.just("override"), st.sampled_from(["", "checked"])),
    st.tuples(st.just("short"), st.sampled_from(["ship_partial", "hold", "return_to_pick"])),
)
_n = itertools.count()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(action, max_size=30))
def test_state_survives_a_store_round_trip(tmp_path, actions):
    engine = demo_db_copy(tmp_path, tmp_path / f"rt-{next(_n)}.sqlite3")
    svc = PackingService(engine, "ST-1")
    svc.login_badge("B-PACKER")
    svc.scan("SO-1001")
    for kind, arg in actions:
        try:
            if kind == "scan":
                svc.scan(arg)
            elif kind == "weigh":
                current = svc.session.current if svc.session else None
                grams = arg if arg is not None else (current.expected_g if current else None)
                svc.record_weight(grams or 1)
            elif kind == "override":
                svc.override_weight(arg, lead=LeadProof.scan("B-LEAD"))
            else:
                svc.decide_short_pick(arg, lead=LeadProof.scan("B-LEAD"))
        except ServiceError:
            pass  # e.g. no open session after a hold: a typed refusal, nothing changed
        packed = svc.session.packed if svc.session else {}
        assert all(n <= svc.session.ordered[s] for s, n in packed.items())
    before = svc.session.snapshot() if svc.session else None
    svc.close()
    again = PackingService(engine, "ST-1")
    resumed = again.resume()
    if before is None or before["state"] in ("finished", "held", "returned_to_pick",
                                              "order_stopped"):
        assert resumed is None
    else:
        assert resumed is not None and resumed.snapshot() == before
    again.close()
    engine.dispose()
