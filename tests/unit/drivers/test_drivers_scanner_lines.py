"""Serial scanner lines: terminators, AIM ids, prefix/suffix — and the GS separator survives."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import DeviceConfigError, ProtocolError
from drivers.scanners.lines import ScanLineSplitter, ScannedCode, UnreadableScan

GS1 = "010950110153000317250101\x1d10ABC123"


def codes(items):
    return [(i.data, i.symbology) for i in items if isinstance(i, ScannedCode)]


@pytest.mark.parametrize(("terminator", "end"), [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n")])
def test_each_terminator(terminator, end):
    splitter = ScanLineSplitter(terminator)
    assert codes(splitter.feed(b"]C1" + GS1.encode() + end)) == [(GS1, "]C1")]


def test_gs_separator_is_kept_even_at_the_end():
    splitter = ScanLineSplitter("CR")
    data = "]d2010950110153000317250101\x1d"
    assert codes(splitter.feed(data.encode() + b"\r")) == [(data[3:], "]d2")]


def test_suffix_and_prefix_are_stripped_exactly_once():
    splitter = ScanLineSplitter("CR", prefix="@@", suffix="#")
    assert codes(splitter.feed(b"@@]E00123456789012#\r")) == [("0123456789012", "]E0")]
    assert codes(splitter.feed(b"0123#\x1d\r")) == [("0123#\x1d", None)]  # GS after suffix


def test_gs_may_not_be_configured_as_prefix_or_suffix():
    with pytest.raises(DeviceConfigError, match="GS"):
        ScanLineSplitter("CR", suffix="\x1d")


def test_crlf_scanner_on_a_cr_port_still_reads_clean_codes():
    splitter = ScanLineSplitter("CR")
    assert codes(splitter.feed(b"ABC\r\nDEF\r\n")) == [("ABC", None), ("DEF", None)]


def test_without_aim_the_bracket_is_data():
    assert codes(ScanLineSplitter("CR", aim=False).feed(b"]C1XYZ\r")) == [("]C1XYZ", None)]


def test_undecodable_bytes_are_reported_not_guessed():
    items = ScanLineSplitter("CR").feed(b"\xff\xfe\r")
    assert [type(i) for i in items] == [UnreadableScan]
    assert "utf-8" in items[0].reason


def test_gbk_scanner_with_configured_encoding():
    assert codes(ScanLineSplitter("CR", encoding="gbk").feed("仓库".encode("gbk") + b"\r")) == [
        ("仓库", None)
    ]


def test_a_line_without_terminator_is_bounded():
    items = ScanLineSplitter("CR", max_length=10).feed(b"x" * 20)
    assert [type(i) for i in items] == [UnreadableScan]


def test_unknown_terminator_and_text_input_are_typed_errors():
    with pytest.raises(DeviceConfigError):
        ScanLineSplitter("NUL")
    with pytest.raises(ProtocolError):
        ScanLineSplitter().feed("ABC\r")  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(st.characters(min_codepoint=0x1D, max_codepoint=0x7E).filter(
        lambda c: c not in "\r\n"), min_size=1, max_size=40), max_size=5),
    st.integers(1, 9),
)  # fmt: skip
def test_scans_split_anywhere_come_out_whole(scans, chunk):
    stream = b"".join(s.encode() + b"\r" for s in scans)
    splitter = ScanLineSplitter("CR", aim=False)
    out = []
    for i in range(0, len(stream), chunk):
        out += splitter.feed(stream[i : i + chunk])
    assert codes(out) == [(s, None) for s in scans]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data):
    for item in ScanLineSplitter("CRLF").feed(data):
        assert isinstance(item, ScannedCode | UnreadableScan)
