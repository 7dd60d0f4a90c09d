"""Hypothesis drives the pack session with any sequence of actions a bench can produce."""

from __future__ import annotations

from core_builders import BOXES, order, sku
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from station.domain import EventType, PackSession, PackState, SessionEvent

SKUS = {
    "MUG": sku("MUG", 350, (120, 90, 100), case_units=2),
    "VIT": sku("VIT", 90, (60, 60, 110), lot=True),
    "PHONE": sku("PHONE", 210, (170, 90, 60), serial=True),
    "SCREW": sku("SCREW", 2, (20, 4, 4), bulk=True),
    "LAMP": sku("LAMP", 4200, (560, 300, 300)),
}
ORDER = order({"MUG": 3, "VIT": 1, "PHONE": 1, "SCREW": 5})


class PackBench(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.session = PackSession(ORDER, SKUS, BOXES)
        self.log: list[SessionEvent] = []
        self.do(self.session.open("B-PACKER"))

    def do(self, outcome):
        self.log.extend(outcome.events)
        return self.session.accept(outcome)

    @rule(code=st.sampled_from(sorted(SKUS)), units=st.sampled_from([1, 1, 1, 2, 3]))
    def scan_item(self, code, units):
        self.do(self.session.scan_item(code, units))

    @rule()
    def pack_the_rest_properly(self):
        # A diligent packer: makes completion (and so boxing, weighing, finishing) reachable.
        serials = iter(f"SN-OK-{i}" for i in range(100))
        for code, left in list(self.session.remaining.items()):
            for _ in range(left):
                self.do(self.session.scan_item(code, 1))
                while self.session.state in (PackState.AWAITING_LOT, PackState.AWAITING_SERIAL):
                    self.do(self.session.scan_text(f"{next(serials)}-{len(self.log)}"))

    @rule(text=st.sampled_from(["L1", "SN1", "SN2", "SN3", "", "x" * 70]))
    def scan_text(self, text):
        self.do(self.session.scan_text(text))

    @rule(quantity=st.integers(-3, 8))
    def enter_quantity(self, quantity):
        self.do(self.session.enter_quantity("SCREW", quantity))

    @rule()
    def order_barcode(self):
        self.do(self.session.scan_order_code(ORDER.order_id))

    @rule()
    def lead_acknowledges(self):
        self.do(self.session.acknowledge("B-LEAD"))

    @rule()
    def close(self):
        self.do(self.session.close_parcel())

    @rule()
    def new_parcel(self):
        self.do(self.session.new_parcel())

    @rule()
    def confirm(self):
        self.do(self.session.confirm())

    @rule()
    def cancel(self):
        self.do(self.session.cancel())

    @rule(box=st.sampled_from(BOXES))
    def choose_box(self, box):
        self.do(self.session.choose_box(box))

    @rule(exact=st.booleans(), grams=st.integers(-10, 30_000))
    def weigh(self, exact, grams):
        parcel = self.session.current
        if exact and parcel is not None and parcel.expected_g:
            grams = parcel.expected_g
        self.do(self.session.record_weight(grams))

    @rule(reason=st.sampled_from(["", "checked by lead"]))
    def override(self, reason):
        self.do(self.session.override_weight("B-LEAD", reason))

    @rule(decision=st.sampled_from(["ship_partial", "hold", "return_to_pick", "bogus"]))
    def short_pick(self, decision):
        self.do(self.session.decide_short_pick(decision, "B-LEAD"))

    @rule()
    def finish(self):
        self.do(self.session.finish("B-PACKER"))

    @invariant()
    def never_more_packed_than_ordered(self):
        s = self.session
        for code, packed in s.packed.items():
            assert 0 <= packed <= s.ordered.get(code, 0)
        in_parcels: dict[str, int] = {}
        for parcel in s.parcels:
            for code, n in parcel.items.items():
                in_parcels[code] = in_parcels.get(code, 0) + n
        assert in_parcels == {k: v for k, v in s.packed.items() if v}

    @invariant()
    def closed_parcels_have_box_and_weight(self):
        for parcel in self.session.parcels:
            if parcel.closed:
                assert parcel.box_code and parcel.actual_g is not None
                assert parcel.within or parcel.override_reason

    @invariant()
    def only_the_last_parcel_is_open(self):
        assert all(p.closed for p in self.session.parcels[:-1])
        if self.session.state is PackState.SCANNING:
            assert self.session.current is not None

    @invariant()
    def finished_means_complete_or_a_lead_said_ship_partial(self):
        s = self.session
        if s.state in (PackState.FINISHED, PackState.READY_TO_FINISH):
            assert s.complete or s.short_pick_decision == "ship_partial"
            assert s.parcels and all(p.closed and not p.empty for p in s.parcels)

    @invariant()
    def replay_rebuilds_the_same_state(self):
        twin = PackSession(ORDER, SKUS, BOXES)
        for event in self.log:
            twin.apply(event)
        assert twin.snapshot() == self.session.snapshot()
        assert all(isinstance(e.type, EventType) for e in self.log)


PackBench.TestCase.settings = settings(max_examples=80, stateful_step_count=40, deadline=None)
TestPackBench = PackBench.TestCase
