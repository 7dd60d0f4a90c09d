"""``make bench`` marks each figure met or not: goals against the same run's baseline are read
as a factor of it (a cold start of 524 ms against a 267 ms window is 1.96x: met), and goals
joined by "and" must all hold."""

from __future__ import annotations

import pytest

from bench.__main__ import meets_goal


@pytest.mark.parametrize(("value", "goal", "baseline", "met"), [
    (524.3, "<= 2x baseline", 267.5, True),  # was "NOT met": 524 compared with 2
    (574.7, "<= 2x baseline", 267.5, False),
    (539.4, "<= 1500 ms and <= 2x baseline", 258.6, False),
    (500.0, "<= 1500 ms and <= 2x baseline", 258.6, True),
    (1600.0, "<= 1500 ms and <= 2x baseline", 900.0, False),
    (4.41, "<= 5 ms", None, True),
    (12_847, ">= 5,000 events/s", None, True),
    (1.07, "<= 1.10 x", None, True),
    (0, "counted (no target); scans never wait", None, None),
    (300.0, "<= 2x baseline", None, None),  # no baseline measured: not judged
])
def test_goal_verdicts(value, goal, baseline, met):
    assert meets_goal(value, goal, baseline) is met
