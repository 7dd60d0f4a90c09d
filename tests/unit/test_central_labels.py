"""Central's tracking numbers (pure functions)."""

from __future__ import annotations

from central.trackno import format_number, s10_check_digit


def test_s10_check_digit_matches_the_upu_example():
    assert s10_check_digit("47312482") == 9  # RR 47312482 9 GB in UPU S10
    assert format_number("s10", "RR", 47312482, 8, "GB") == "RR473124829GB"
    assert format_number("none", "SF", 42, 12, "") == "SF000000000042"
