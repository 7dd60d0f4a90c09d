"""Central's tracking numbers and ZPL escaping (pure functions)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from central.trackno import format_number, s10_check_digit
from central.zpl import carrier_label, escape_field


def test_s10_check_digit_matches_the_upu_example():
    assert s10_check_digit("47312482") == 9  # RR 47312482 9 GB in UPU S10
    assert format_number("s10", "RR", 47312482, 8, "GB") == "RR473124829GB"
    assert format_number("none", "SF", 42, 12, "") == "SF000000000042"


def _unescape(field: str) -> str:
    raw = re.sub(rb"_([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), field.encode())
    return raw.decode("utf-8")


@settings(max_examples=200)
@given(st.text())
def test_escaped_field_holds_no_printer_command_and_round_trips(value):
    field = escape_field(value)
    assert not set(field) & {"^", "~", "\\"} and field.isascii() and field.isprintable()
    assert _unescape(field) == value


def test_every_variable_of_the_label_is_escaped():
    zpl = carrier_label(
        tracking_number="EE100000000CN", carrier="EMS", service="EMS-STD", order_id="^XZ",
        parcel_no=1, parcel_count=1, weight_g=10, recipient_lines=["~JA王"], sender_lines=[],
    )
    assert zpl.count("^XZ") == 1 and "~JA" not in zpl
    for field in re.findall(r"\^FD(.*?)\^FS", zpl):
        assert "^" not in field and "~" not in field
    assert all("^FH_^FD" in line for line in zpl.splitlines() if "^FD" in line)
