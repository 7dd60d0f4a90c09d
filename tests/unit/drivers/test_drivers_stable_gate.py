"""The station accepts a weight only when the scale says stable AND readings agree long enough."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.scales.base import ScaleReading, ScaleState
from drivers.scales.stable import StableGateSettings, StableWeightGate
from drivers.weight import Unit, Weight


def grams(g: int, state: ScaleState = ScaleState.STABLE) -> ScaleReading:
    return ScaleReading(state, Weight(Decimal(g), Unit.GRAM))


def test_three_agreeing_stable_readings_over_300ms_are_accepted():
    gate = StableWeightGate(StableGateSettings(readings=3, band_mg=2000, min_duration_ms=300))
    assert gate.offer(grams(1250), 0).state is ScaleState.MOTION
    assert gate.offer(grams(1251), 100).state is ScaleState.MOTION
    assert gate.offer(grams(1250), 200).state is ScaleState.MOTION  # 3 readings, only 200 ms
    accepted = gate.offer(grams(1251), 300)
    assert accepted.state is ScaleState.STABLE and accepted.grams == 1251


def test_a_jump_outside_the_band_restarts_the_wait():
    gate = StableWeightGate(StableGateSettings(readings=3, band_mg=2000, min_duration_ms=300))
    for t in (0, 100, 200, 300):
        gate.offer(grams(1250), t)
    assert gate.offer(grams(1260), 400).state is ScaleState.MOTION  # 10 g off: settle again
    assert gate.offer(grams(1260), 500).state is ScaleState.MOTION
    assert gate.offer(grams(1260), 700).state is ScaleState.STABLE


def test_device_motion_resets_the_gate():
    gate = StableWeightGate(StableGateSettings(readings=2, band_mg=0, min_duration_ms=0))
    gate.offer(grams(500), 0)
    assert gate.offer(grams(500), 10).state is ScaleState.STABLE
    assert gate.offer(grams(500, ScaleState.MOTION), 20).state is ScaleState.MOTION
    assert gate.offer(grams(500), 30).state is ScaleState.MOTION


def test_overload_and_no_reply_pass_through_without_weight():
    gate = StableWeightGate()
    for state in (ScaleState.OVERLOAD, ScaleState.NO_REPLY, ScaleState.DISCONNECTED):
        out = gate.offer(ScaleReading(state), 0)
        assert out.state is state and out.weight is None


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5000), st.booleans()), max_size=40),
    st.integers(1, 5),
    st.integers(0, 3000),
    st.integers(0, 500),
)
def test_an_accepted_weight_always_had_n_stable_agreeing_readings(steps, n, band, duration):
    gate = StableWeightGate(StableGateSettings(readings=n, band_mg=band, min_duration_ms=duration))
    now, history = 0, []
    for gap, g, stable in steps:
        now += gap
        state = ScaleState.STABLE if stable else ScaleState.MOTION
        history.append((now, g * 1000, stable))
        out = gate.offer(ScaleReading(state, Weight(Decimal(g), Unit.GRAM)), now)
        if out.state is ScaleState.STABLE:
            # Longest run of device-stable readings ending now whose spread fits the band.
            run: list[tuple[int, int]] = []
            for t, mg, was_stable in reversed(history):
                values = [m for _, m in run] + [mg]
                if not was_stable or max(values) - min(values) > band:
                    break
                run.append((t, mg))
            assert len(run) >= n
            assert now - run[-1][0] >= duration
