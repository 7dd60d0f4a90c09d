"""Benchmarks. ``make bench`` (``python -m bench``) runs every ``bench/bench_*.py`` and writes
``bench/results.json``: one object per figure with name, value, unit, goal (and baseline)."""
