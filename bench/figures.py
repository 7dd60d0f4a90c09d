"""Helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) by nearest rank; samples need not be sorted."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def figure(
    name: str,
    value: float,
    unit: str,
    goal: str,
    baseline: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One row of results.json. ``goal`` is a human-readable target such as ``"<= 2 ms"``."""
    row: dict[str, Any] = {"name": name, "value": round(value, 4), "unit": unit, "goal": goal}
    if baseline is not None:
        row["baseline"] = round(baseline, 4)
    row.update(extra)
    return row


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)
