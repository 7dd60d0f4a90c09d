"""Run every benchmark module and write bench/results.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent


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
        except Exception:
            traceback.print_exc()
            failed += 1
            continue
        for row in got:
            print(f"   {row['name']}: {row['value']} {row['unit']} (goal {row['goal']})")
        rows.extend(got)
    (HERE / "results.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {HERE / 'results.json'} ({len(rows)} figures)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
