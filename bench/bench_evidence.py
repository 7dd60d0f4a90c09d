"""Pack evidence: scan -> verdict p99 while the camera records 720p at 15 fps, against the
same measurement with no recorder at all (bench_core's method, run in this process).

The recorder encodes in its own process; the figure shows whether that process still steals
enough CPU on a small machine to slow the packer's scans. Pairs are interleaved (without,
with, without, with...) so a noisy neighbour hits both sides alike; each side reports the
median of its p99s. The recorder process is started for each "with" and closed after it, so
"without" really has no recorder running.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.bench_core import _core_scan_to_verdict
from bench.figures import figure

PAIRS = 7
WARM_S = 2.0  # let the encoder reach its steady state before measuring


def _p99_ms(folder: Path) -> float:
    folder.mkdir()
    return float(_core_scan_to_verdict(folder)["value"])


def run() -> list[dict[str, Any]]:
    from station.config import CameraSettings
    from station.evidence.recorder import EvidenceRecorder
    from station.store.db import create_station_engine, upgrade

    here = Path(__file__).parent
    tmp = Path(tempfile.mkdtemp(prefix="bench-evidence-", dir=here))  # the project's disk
    engine = create_station_engine(tmp / "evidence.sqlite3")
    upgrade(engine)
    camera = CameraSettings(uri="sim://testsrc", fps=15, size="1280x720", folder=tmp / "clips")
    try:
        without: list[float] = []
        with_rec: list[float] = []
        frames = dropped = 0
        seconds = 0.0
        for i in range(PAIRS):
            without.append(_p99_ms(tmp / f"off-{i}"))
            recorder = EvidenceRecorder(engine, camera, station="BENCH")
            recorder.start()
            try:
                if not recorder.wait_ready():
                    raise RuntimeError(f"recorder did not start: {recorder.status.last_error}")
                recorder.order_opened(f"SO-BENCH-{i}", "B-PACKER", "BENCH")
                time.sleep(WARM_S)
                t0 = time.monotonic()
                with_rec.append(_p99_ms(tmp / f"on-{i}"))
                time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
                clip = recorder.order_ended("bench").result(60)
            finally:
                recorder.close()
            if clip is None or clip.status != "finished":
                raise RuntimeError(f"clip not finished: {clip}")
            frames += clip.frames or 0
            dropped += clip.dropped_frames or 0
            ended = datetime.fromisoformat(clip.ended_at or clip.started_at)
            seconds += (ended - datetime.fromisoformat(clip.started_at)).total_seconds()
        base, rec = statistics.median(without), statistics.median(with_rec)
        return [
            figure(
                "evidence_scan_to_verdict_p99_recording_720p15", rec, "ms",
                "<= 1.10 x baseline", baseline=base,
                baseline_name="same scans, no recorder running: p99 (ms)",
                ratio=round(rec / base, 3), pairs=PAIRS,
                p99_with_ms=[round(v, 4) for v in with_rec],
                p99_without_ms=[round(v, 4) for v in without],
            ),
            figure(
                "evidence_dropped_frames_720p15", dropped, "frames",
                "counted (no target); scans never wait",
                frames_recorded=frames, approx_fps=round(frames / seconds, 1) if seconds else 0,
            ),
        ]
    finally:
        engine.dispose()
        shutil.rmtree(tmp, ignore_errors=True)
