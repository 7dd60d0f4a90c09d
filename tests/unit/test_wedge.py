"""Keyboard wedge: scanner bursts vs a person typing, by timing only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from station.scan import WedgeClassifier, WedgeScan, WedgeTyped


def _feed(wedge, text, start, gap, end="\r"):
    out, t = [], start
    for ch in text + end:
        out += wedge.feed(ch, t)
        t += gap
    return out


def test_fast_burst_with_enter_is_a_scan_with_gs_kept():
    assert _feed(WedgeClassifier(), "0109501101530003\x1d10AB", 0.0, 0.004) == [
        WedgeScan("0109501101530003\x1d10AB")
    ]


def test_slow_typing_is_text_not_a_scan():
    out = _feed(WedgeClassifier(), "1234", 0.0, 0.2)
    assert not any(isinstance(r, WedgeScan) for r in out)
    assert "".join(r.text for r in out) == "1234"


def test_short_burst_is_below_minimum_length():
    assert _feed(WedgeClassifier(min_length=4), "ab", 0.0, 0.005) == [WedgeTyped("ab", True)]


def test_typed_prefix_then_scanner_burst_are_separated():
    wedge = WedgeClassifier()
    out = wedge.feed("x", 0.0)
    out += _feed(wedge, "SO-1001", 1.0, 0.003, end="\t")
    assert out == [WedgeTyped("x"), WedgeScan("SO-1001")]


def test_burst_without_terminator_is_flushed_as_typed_text():
    wedge = WedgeClassifier()
    _feed(wedge, "ABCDE", 0.0, 0.003, end="")
    assert wedge.flush(0.01) == []  # still inside the burst window
    assert wedge.flush(1.0) == [WedgeTyped("ABCDE")]


printable = st.text(st.characters(min_codepoint=0x1D, max_codepoint=0x7E,
                                  blacklist_characters="\t\r\n"), min_size=4, max_size=40)


@settings(max_examples=100, deadline=None)
@given(text=printable, gap=st.floats(0.0005, 0.049), start=st.floats(0, 1e6))
def test_any_fast_burst_is_one_exact_scan(text, gap, start):
    assert _feed(WedgeClassifier(), text, start, gap) == [WedgeScan(text)]


@settings(max_examples=100, deadline=None)
@given(text=printable, gap=st.floats(0.051, 2.0))
def test_typing_slower_than_the_gap_never_makes_a_scan(text, gap):
    out = _feed(WedgeClassifier(), text, 0.0, gap)
    assert all(isinstance(r, WedgeTyped) for r in out)
    assert "".join(r.text for r in out) == text
