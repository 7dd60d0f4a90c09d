"""Hypothesis: scale parsers never crash, never turn garbage into a weight, and read a valid
frame whatever way the stream is cut (split anywhere, joined mid-frame, after garbage)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import ProtocolError
from drivers.scales.base import ScaleCommandReply, ScaleReading, ScaleState, Unreadable
from drivers.scales.protocols import PROTOCOLS
from drivers.sim.scale_sim import SIM_PROTOCOLS, encode_reading

FUZZ = settings(max_examples=60, deadline=None)
ALL = sorted(PROTOCOLS)


def parser_for(name: str, checksum: bool = False):
    options = {"keep_first": "1", "checksum": "1" if checksum else "0"}
    return PROTOCOLS[name].make_parser(options)


def weights(frames):
    return [(f.state, f.grams) for f in frames if isinstance(f, ScaleReading)]


def expected(protocol: str, grams: int, mode: str):
    if mode in ("overload", "underload"):
        return (ScaleState(mode), None)
    if mode == "motion" and protocol == "toledo-8213":
        return (ScaleState.MOTION, None)  # 8213 answers a status byte, not a weight, in motion
    return (ScaleState.STABLE if mode == "stable" else ScaleState.MOTION, grams)


@st.composite
def valid_frames(draw, protocol: str):
    grams = draw(st.integers(-99_999, 999_999))
    mode = draw(st.sampled_from(["stable", "motion", "overload", "underload"]))
    if protocol == "toledo-cont":
        grams = abs(grams)  # sign travels in SWB; the simulator encodes it the same way
    if protocol == "cas" and mode == "underload":
        mode = "stable"  # CAS has no underload flag
    checksum = protocol == "toledo-cont" and draw(st.booleans())
    return (
        encode_reading(protocol, grams, mode, with_checksum=checksum),
        expected(protocol, grams, mode),
        checksum,
    )


@pytest.mark.parametrize("name", ALL)
@FUZZ
@given(data=st.binary(max_size=300), chunk=st.integers(1, 40))
def test_random_bytes_never_raise_and_yield_only_typed_frames(name, data, chunk):
    parser = parser_for(name)
    for i in range(0, len(data), chunk):
        try:
            frames = parser.feed(data[i : i + chunk])
        except ProtocolError:
            continue  # the one error type a parser may raise
        assert all(isinstance(f, ScaleReading | ScaleCommandReply | Unreadable) for f in frames)


# Bytes a weight frame of that protocol cannot do without.
ESSENTIAL = {
    "mt-sics": b"S",
    "toledo-8213": b"\x02",
    "toledo-cont": b"\x02",
    "cas": b"S",
    "nci": b"\n",
    "hid-postal": b"\x03",
}


@pytest.mark.parametrize("name", ALL)
@FUZZ
@given(data=st.binary(max_size=400))
def test_garbage_never_becomes_a_weight(name, data):
    garbage = data.replace(ESSENTIAL[name], b"")
    frames = parser_for(name).feed(garbage)
    assert [f for f in frames if isinstance(f, ScaleReading) and f.weight is not None] == []


@pytest.mark.parametrize("name", SIM_PROTOCOLS)
@FUZZ
@given(st.data())
def test_a_valid_frame_cut_at_every_position_still_parses(name, data):
    frame, want, checksum = data.draw(valid_frames(name))
    whole = weights(parser_for(name, checksum).feed(frame))
    assert whole == [want]
    for cut in range(1, len(frame)):
        parser = parser_for(name, checksum)
        assert weights(parser.feed(frame[:cut]) + parser.feed(frame[cut:])) == [want]


@pytest.mark.parametrize("name", SIM_PROTOCOLS)
@FUZZ
@given(st.data())
def test_a_stream_joined_mid_frame_gives_no_false_weight(name, data):
    frame, want, checksum = data.draw(valid_frames(name))
    cut = data.draw(st.integers(1, len(frame) - 1))
    assert weights(parser_for(name, checksum).feed(frame[cut:] + frame)) == [want]


TERMINATED = {"mt-sics": b"\r\n", "cas": b"\r\n", "nci": b"\x03"}


@pytest.mark.parametrize("name", SIM_PROTOCOLS)
@FUZZ
@given(st.data())
def test_a_valid_frame_after_garbage_is_read(name, data):
    frame, want, checksum = data.draw(valid_frames(name))
    garbage = data.draw(st.binary(max_size=80)) + TERMINATED.get(name, b"")
    assert weights(parser_for(name, checksum).feed(garbage + frame))[-1:] == [want]


@FUZZ
@given(
    status=st.sampled_from([2, 3, 4, 5, 6]),
    unit=st.sampled_from([2, 3, 11, 12]),
    exponent=st.integers(-3, 1),
    value=st.integers(0, 0xFFFF),
    chunk=st.integers(1, 7),
)
def test_hid_reports_split_anywhere(status, unit, exponent, value, chunk):
    report = bytes([3, status, unit, exponent & 0xFF, value & 0xFF, value >> 8])
    stream = report * 3
    parser = parser_for("hid-postal")
    frames = []
    for i in range(0, len(stream), chunk):
        frames += parser.feed(stream[i : i + chunk])
    readings = [f for f in frames if isinstance(f, ScaleReading)]
    assert len(readings) == 3
    assert len({r for r in readings}) == 1
