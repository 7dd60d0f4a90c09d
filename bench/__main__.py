"""Run every benchmark module and write bench/results.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent
_GOAL = re.compile(r"^\s*(<=|>=|<|>|≤|≥)\s*([\d,]*\.?\d+)")


def meets_goal(value: object, goal: str, baseline: float | None = None) -> bool | None:
    """Whether ``value`` meets a goal written as ``<= 16 ms`` / ``>= 5,000 events/s`` / ``≤ 2×``,
    or ``<= 2x baseline`` (against ``baseline``), or several joined by "and" (None: the goal
    is not a bound, e.g. "(duration)")."""
    verdicts = []
    for clause in goal.split(" and "):
        found = _GOAL.match(clause)
        if found is None or not isinstance(value, int | float):
            continue
        op, bound = found.group(1), float(found.group(2).replace(",", ""))
        if "baseline" in clause:  # a factor of the same run's baseline, not a bound in itself
            if baseline is None:
                continue
            bound *= baseline
        verdicts.append({"<=": value <= bound, "≤": value <= bound, ">=": value >= bound,
                         "≥": value >= bound, "<": value < bound, ">": value > bound}[op])
    return all(verdicts) if verdicts else None


def main(argv: list[str]) -> int:
    wanted = set(argv)
    rows: list[dict] = []
    failed = 0
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (wanted and info.name not in wanted):
            continue
        print(f"== {info.name}", flush=True)
        try:
            module = importlib.import_module(f"bench.{info.name}")
            got = module.run()
        except Exception as exc:
            # Never drop a figure silently: the module's figures are recorded as failed.
            traceback.print_exc()
            failed += 1
            rows.append({"name": f"{info.name} (could not be measured)", "value": None,
                         "unit": "", "goal": "", "met": False, "status": "failed",
                         "error": f"{type(exc).__name__}: {exc}"[:500]})
            continue
        for row in got:
            row.setdefault("met", meets_goal(row.get("value"), str(row.get("goal", "")),
                                             row.get("baseline")))
            row.setdefault("status", "measured" if row.get("value") is not None else "failed")
            failed += row["status"] == "failed"
            print(f"   {row['name']}: {row['value']} {row['unit']} (goal {row['goal']}: "
                  f"{'met' if row['met'] else 'NOT met' if row['met'] is False else '?'})")
        rows.extend(got)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    missed = [r["name"] for r in rows if r.get("met") is False]
    print(f"wrote {HERE / 'results.json'} ({len(rows)} figures, {failed} failed, "
          f"{len(missed)} not meeting their goal)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
