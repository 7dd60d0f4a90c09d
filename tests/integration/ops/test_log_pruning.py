"""The log folder stays bounded on a bench that runs for months: crash reports and the
fault log were never pruned (only station.log rotated)."""

from __future__ import annotations

import os
import time

from station.ops.logs import MAX_CRASH_REPORTS, MAX_FAULT_BYTES, log_files, prune_logs


def _report(folder, name: str, age_days: float) -> None:
    path = folder / "crash" / name
    path.write_text("what: boom\n", encoding="utf-8")
    stamp = time.time() - age_days * 86_400
    os.utime(path, (stamp, stamp))


def test_old_and_surplus_crash_reports_go_the_newest_stay(tmp_path):
    (tmp_path / "crash").mkdir()
    for i in range(MAX_CRASH_REPORTS + 10):
        _report(tmp_path, f"crash-new-{i:03d}.txt", age_days=i / 100)
    _report(tmp_path, "crash-old.txt", age_days=45)
    prune_logs(tmp_path)
    left = sorted(p.name for p in (tmp_path / "crash").iterdir())
    assert len(left) == MAX_CRASH_REPORTS
    assert "crash-old.txt" not in left and "crash-new-000.txt" in left
    assert "crash-new-059.txt" not in left  # the oldest of the surplus


def test_a_large_fault_log_moves_aside_once(tmp_path):
    (tmp_path / "faults.log").write_bytes(b"x" * (MAX_FAULT_BYTES + 1))
    (tmp_path / "faults.log.1").write_text("older\n")
    prune_logs(tmp_path)
    assert not (tmp_path / "faults.log").exists()
    assert (tmp_path / "faults.log.1").stat().st_size == MAX_FAULT_BYTES + 1
    (tmp_path / "faults.log").write_text("small\n")
    prune_logs(tmp_path)
    assert (tmp_path / "faults.log").read_text() == "small\n"


def test_the_support_bundle_lists_both_processes_logs(tmp_path):
    for name in ("station.log", "station.log.1", "relauncher.log", "faults.log",
                 "faults.log.1"):
        (tmp_path / name).write_text("x\n")
    assert {p.name for p in log_files(tmp_path)} == {
        "station.log", "station.log.1", "relauncher.log", "faults.log", "faults.log.1"}
