"""Reading raw scans: AIM ids, GS separators, commands, GS1 element strings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station.scan import GS, Command, ParsedKind, ScanConfig, ScanError, gtin_candidates, parse_scan


def _check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def test_aim_prefix_is_removed_and_kept_as_metadata():
    scan = parse_scan("]E04006381333931\r\n")
    assert scan.symbology == "]E0"
    assert scan.text == "4006381333931"
    assert scan.kind is ParsedKind.CODE


def test_gs1_128_with_lot_expiry_serial_and_gs_separator():
    scan = parse_scan("]C1010950110153000310LOT-7" + GS + "1726063021SN42")
    assert scan.kind is ParsedKind.GS1
    assert scan.gs1 is not None
    assert scan.gs1.gtin == "09501101530003"
    assert scan.gs1.lot == "LOT-7"
    assert scan.gs1.expiry == date(2026, 6, 30)
    assert scan.gs1.serial == "SN42"


def test_gs_at_the_end_of_a_variable_field_is_not_stripped_away():
    # '\x1d'.isspace() is True: a strip() would glue the lot and the next AI together.
    scan = parse_scan("0109501101530003" + "10AB" + GS + "21S1\r")
    assert scan.gs1 is not None and (scan.gs1.lot, scan.gs1.serial) == ("AB", "S1")


def test_configured_gs_substitute_is_read_as_separator():
    scan = parse_scan("]d2010950110153000310AB|21S1", ScanConfig(gs_substitute="|"))
    assert scan.gs1 is not None and (scan.gs1.lot, scan.gs1.serial) == ("AB", "S1")


def test_human_readable_gs1():
    scan = parse_scan("(01)09501101530003(10)L1")
    assert scan.gs1 is not None and scan.gs1.gtin == "09501101530003" and scan.gs1.lot == "L1"


@pytest.mark.parametrize(
    "raw",
    ["]C10109501101530004", "]C1017", "]C11725133210X", "(01)123"],
    ids=["bad-check-digit", "truncated", "bad-date", "short-hri"],
)
def test_malformed_gs1_is_a_typed_error_with_a_sentence(raw):
    with pytest.raises(ScanError) as err:
        parse_scan(raw)
    assert err.value.code in ("malformed_gs1", "bad_gtin")
    assert err.value.message.endswith(".")


@pytest.mark.parametrize(
    ("raw", "command"),
    [("CMD:CONFIRM", Command.CONFIRM), ("cmd:new-parcel", Command.NEW_PARCEL),
     ("]C0CMD:CLOSE\r", Command.CLOSE), ("CMD:CANCEL", Command.CANCEL),
     ("CMD:REPRINT", Command.REPRINT)],
)
def test_command_barcodes(raw, command):
    scan = parse_scan(raw)
    assert scan.kind is ParsedKind.COMMAND and scan.command is command


def test_unknown_command_empty_and_control_characters_are_refused():
    for raw, code in [("CMD:EXPLODE", "unknown_command"), ("\r\n", "empty"), ("]C0", "empty"),
                      ("AB\x07C", "control_chars"), ("X" * 600, "too_long")]:
        with pytest.raises(ScanError) as err:
            parse_scan(raw)
        assert err.value.code == code


def test_plain_ean_is_not_misread_as_gs1():
    # 4006381333931 starts with "400" (an AI): without AIM it must stay a plain code.
    assert parse_scan("4006381333931").kind is ParsedKind.CODE


def test_gtin_candidates_cover_the_usual_spellings():
    assert gtin_candidates("04006381333931") == ["04006381333931", "4006381333931"]
    assert "04006381333931" in gtin_candidates("4006381333931")
    assert gtin_candidates("ABC") == ["ABC"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_fails_with_scan_error(raw):
    try:
        scan = parse_scan(raw)
    except ScanError as exc:
        assert exc.message
    else:
        assert scan.text


@settings(max_examples=100, deadline=None)
@given(
    body=st.text("0123456789", min_size=13, max_size=13),
    lot=st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=20),
    serial=st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=20),
    aim=st.sampled_from(["]C1", "]d2", "]Q3", ""]),
)
def test_gs1_round_trip(body, lot, serial, aim):
    gtin = body + _check_digit(body)
    scan = parse_scan(f"{aim}01{gtin}10{lot}{GS}21{serial}\r\n")
    assert scan.gs1 is not None
    assert (scan.gs1.gtin, scan.gs1.lot, scan.gs1.serial) == (gtin, lot, serial)
