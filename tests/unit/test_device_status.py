"""The status bar's rule: "ok" only after the device answered; a fault holds through
reconnects until it answers again (no "ok" flash while a dead scale's link reopens)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.events import (
    DeviceConnected,
    DeviceFault,
    PrinterStatusEvent,
    ScaleReplyEvent,
    ScanEvent,
    UnreadableScanEvent,
    WeightEvent,
)
from drivers.printers.status import PrinterProblem, PrinterStatus
from drivers.scales.base import ScaleCommandReply, ScaleReading, ScaleState
from drivers.scanners.lines import ScannedCode
from drivers.weight import Weight
from station.device_status import DeviceState, DeviceStatus, DeviceStatusBoard


def connected(device="scale", again=False):
    return DeviceConnected(device, again, 0)


def fault(device="scale", message="Port closed."):
    return DeviceFault(device, message, 0)


def reading(state, grams=500, device="scale", message=""):
    weight = Weight.from_grams(grams) if state in (ScaleState.STABLE, ScaleState.MOTION) else None
    return WeightEvent(device, ScaleReading(state, weight, b"", message), 0)


def printer(*problems, known=True):
    return PrinterStatusEvent("printer", PrinterStatus(frozenset(problems), known), 0)


def scan(device="scanner"):
    return ScanEvent(device, ScannedCode("SO-1001", None, b"SO-1001"), 0)


ANSWERS = [
    reading(ScaleState.STABLE), reading(ScaleState.MOTION), reading(ScaleState.OVERLOAD),
    reading(ScaleState.UNDERLOAD), ScaleReplyEvent("scale", ScaleCommandReply("Z", True), 0),
]
FAULTS = [
    fault(), fault(message="The scale has been silent for 5 s: reconnecting."),
    reading(ScaleState.NO_REPLY, message="The scale does not answer."),
    reading(ScaleState.DISCONNECTED, message="Port closed."),
]
scale_events = st.sampled_from([*ANSWERS, *FAULTS, connected(), connected(again=True)])


def test_a_dead_scale_never_flashes_ok_while_it_reconnects():
    """The field report: silent scale, reconnect every 5 s, 'ok' for a moment each time."""
    board = DeviceStatusBoard(["scale"])
    seen = [board.on_event(connected())]
    for _ in range(5):  # five reconnect rounds of a scale that never answers
        seen += [
            board.on_event(reading(ScaleState.NO_REPLY, message="The scale does not answer.")),
            board.on_event(fault(message="The scale has been silent for 5 s: reconnecting.")),
            board.on_event(reading(ScaleState.DISCONNECTED, message="reconnecting")),
            board.on_event(connected(again=True)),
        ]
    states = [s.state for s in seen if s is not None]
    assert states[0] is DeviceState.CONNECTING
    assert set(states[1:]) == {DeviceState.FAULT}
    assert board.status_of("scale").state is DeviceState.FAULT
    assert board.on_event(reading(ScaleState.STABLE)) == DeviceStatus("scale", DeviceState.OK, "")


def test_an_open_link_is_connecting_until_the_device_answers():
    board = DeviceStatusBoard(["scale", "printer", "scanner"])
    assert [s.state for s in board.statuses()] == [DeviceState.CONNECTING] * 3
    for name in ("scale", "printer", "scanner"):
        changed = board.on_event(connected(name))
        assert changed is not None and changed.state is DeviceState.CONNECTING
        assert changed.message  # says it waits for an answer
    assert board.on_event(reading(ScaleState.MOTION)).state is DeviceState.OK
    assert board.on_event(printer()).state is DeviceState.OK
    assert board.on_event(scan()).state is DeviceState.OK
    assert board.on_event(scan()) is None  # nothing changed: nothing to repaint


def test_printer_status_replies_decide_its_state():
    board = DeviceStatusBoard(["printer"])
    board.on_event(connected("printer"))
    out = board.on_event(printer(PrinterProblem.PAPER_OUT))
    assert out.state is DeviceState.FAULT and out.message  # the problem, in words
    assert board.on_event(connected("printer", again=True)) is None  # still out of paper
    assert board.on_event(printer(PrinterProblem.NO_REPLY)).state is DeviceState.FAULT
    assert board.on_event(printer()).state is DeviceState.OK


def test_a_scanner_sending_unreadable_bytes_has_answered():
    board = DeviceStatusBoard(["scanner"])
    board.on_event(fault("scanner"))
    board.on_event(connected("scanner", again=True))
    assert board.status_of("scanner").state is DeviceState.FAULT
    got = board.on_event(UnreadableScanEvent("scanner", b"\xff", "unreadable", 0))
    assert got.state is DeviceState.OK


@settings(max_examples=300, deadline=None)
@given(st.lists(scale_events, max_size=60))
def test_never_ok_after_a_fault_until_the_device_answers(events):
    board = DeviceStatusBoard(["scale"])
    faulted = False
    last = board.status_of("scale")
    for event in events:
        changed = board.on_event(event)
        now = board.status_of("scale")
        if changed is not None:
            assert changed == now and changed != last
        else:
            assert now == last
        if event in FAULTS:
            faulted = True
            assert now.state is DeviceState.FAULT
        elif event in ANSWERS:
            faulted = False
            assert now.state is DeviceState.OK
        else:  # the link (re)opened: never "ok" by itself; a fault holds
            assert now.state is (DeviceState.FAULT if faulted else DeviceState.CONNECTING)
        assert now.state is not DeviceState.OK or not faulted
        last = now


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["scale", "printer", "scanner"]), scale_events),
                max_size=40))
def test_devices_do_not_affect_each_other(pairs):
    board = DeviceStatusBoard(["scale", "printer", "scanner"])
    alone = {name: DeviceStatusBoard([name]) for name in ("scale", "printer", "scanner")}
    for name, event in pairs:
        moved = type(event)(name, *[getattr(event, f) for f in event.__slots__[1:]])
        board.on_event(moved)
        alone[name].on_event(moved)
    for name, single in alone.items():
        assert board.status_of(name) == single.status_of(name)
