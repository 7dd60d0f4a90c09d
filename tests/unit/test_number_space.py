"""Two blocks of tracking numbers overlap exactly when they can print the same number, however
each is written. Before the fix, ``{"prefix": "EE2", "width": 7, "start": 500, "end": 600}``
for ST-B was accepted although it prints ST-01's EE20000500-600."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from central.errors import ApiProblem
from central.number_space import block


def _printed(prefix, suffix, width, start, end):
    return {f"{prefix}{str(n).zfill(width)}{suffix}" for n in range(start, end + 1)}


def test_the_same_numbers_written_with_a_digit_in_the_prefix_overlap():
    st01 = block("none", "EE", "", 8, 20_000_000, 20_000_999)
    stb = block("none", "EE2", "", 7, 500, 600)
    assert st01.overlaps(stb) and stb.overlaps(st01)
    assert not block("none", "EE3", "", 7, 500, 600).overlaps(st01)


def test_s10_prefixes_are_two_letters():
    with pytest.raises(ApiProblem):
        block("s10", "EE2", "CN", 8, 0, 10)
    with pytest.raises(ApiProblem):
        block("s10", "EE", "CN", 7, 0, 10)
    a = block("s10", "EE", "CN", 8, 100, 200)
    assert a.overlaps(block("s10", "EE", "CN", 8, 200, 300))
    assert not a.overlaps(block("s10", "EE", "US", 8, 100, 200))


letters = st.text(st.sampled_from("ABEFSX"), max_size=2)
digits = st.text(st.sampled_from("0123"), max_size=2)


@st.composite
def blocks(draw):
    prefix = draw(letters) + draw(digits)
    suffix = draw(digits) + draw(letters)
    width = draw(st.integers(1, 3))
    start = draw(st.integers(0, 10 ** width - 1))
    end = draw(st.integers(start, min(10 ** width - 1, start + 60)))
    return prefix, suffix, width, start, end


@settings(max_examples=400, deadline=None)
@given(blocks(), blocks())
def test_overlap_is_exactly_a_shared_printed_number(a, b):
    shared = _printed(*a) & _printed(*b)
    assert block("none", a[0], a[1], a[2], a[3], a[4]).overlaps(
        block("none", b[0], b[1], b[2], b[3], b[4])) == bool(shared), shared
