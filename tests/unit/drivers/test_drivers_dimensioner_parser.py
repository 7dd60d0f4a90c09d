"""Dimensioner line protocol: exact readings, unit conversion, faults, and fuzzed garbage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.dimensioners import (
    DimensionerFault,
    DimensionerLines,
    Measurement,
    encode_measurement,
    parse_line,
)
from drivers.errors import ProtocolError

sizes = st.integers(min_value=0, max_value=9999)


def test_documented_example_line():
    m = parse_line(b"L:0300 W:0200 H:0150 mm")
    assert (m.length_mm, m.width_mm, m.height_mm) == (300, 200, 150)


@pytest.mark.parametrize(
    ("line", "mm"),
    [
        (b"L:30.5 W:20 H:15.0 cm", (305, 200, 150)),
        (b"L:12 W:8.5 H:0.25 in", (305, 216, 6)),  # 25.4 mm per inch, rounded half up
        (b"L:300.5 W:200 H:150.4 mm", (301, 200, 150)),
        (b"L:1 W:1 H:1  mm", (1, 1, 1)),
    ],
)
def test_units_convert_to_whole_millimetres(line, mm):
    m = parse_line(line)
    assert (m.length_mm, m.width_mm, m.height_mm) == mm


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        (b"E:01 NO OBJECT", "01", "No parcel"),
        (b"E:02", "02", "too big"),
        (b"E:03 MOTION", "03", "hold it still"),
        (b"E:77 LASER", "77", "fault 77"),
    ],
)
def test_faults_carry_a_sentence(line, code, words):
    fault = parse_line(line)
    assert isinstance(fault, DimensionerFault)
    assert fault.code == code and words in fault.message


@pytest.mark.parametrize(
    "line",
    [b"", b"L:300 W:200 mm", b"L:0300 W:0200 H:0150", b"L:-1 W:2 H:3 mm", b"L:1.234 W:1 H:1 cm",
     b"L:99999 W:1 H:1 cm", b"S S 100.0 g", b"\x00\xff", b"E:1 X"],
)
def test_garbage_is_a_protocol_error(line):
    with pytest.raises(ProtocolError) as err:
        parse_line(line)
    assert err.value.message  # a sentence for a person, not a traceback


@given(st.binary(max_size=80))
def test_any_bytes_parse_or_fail_cleanly(data):
    try:
        result = parse_line(data)
    except ProtocolError:
        return
    assert isinstance(result, Measurement | DimensionerFault)


@given(sizes, sizes, sizes, st.sampled_from(["mm", "cm"]))
def test_encoded_reading_round_trips(length, width, height, unit):
    m = parse_line(encode_measurement(length, width, height, unit).rstrip(b"\r\n"))
    assert (m.length_mm, m.width_mm, m.height_mm) == (length, width, height)


@given(st.lists(st.tuples(sizes, sizes, sizes), min_size=1, max_size=4), st.data())
def test_stream_cut_anywhere_gives_the_same_readings(readings, data):
    stream = b"".join(encode_measurement(*r) for r in readings) + b"E:01 NO OBJECT\n"
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=6)))
    lines = DimensionerLines()
    got = []
    start = 0
    for cut in [*cuts, len(stream)]:
        got += lines.feed(stream[start:cut])
        start = cut
    assert [(m.length_mm, m.width_mm, m.height_mm) for m in got[:-1]] == readings
    assert isinstance(got[-1], DimensionerFault)


@given(st.binary(max_size=300))
def test_stream_of_garbage_never_raises(data):
    for item in DimensionerLines().feed(data):
        assert isinstance(item, Measurement | DimensionerFault | ProtocolError)
