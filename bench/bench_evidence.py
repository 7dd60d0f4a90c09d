"""Pack evidence: scan -> verdict p99 through the real ``Bench.scan`` (parse, resolve, decide,
commit to the station's SQLite file) while the camera records 720p at 15 fps of a noisy,
camera-like source, against the same scans with no recorder at all.

The recorder encodes in its own process; the figure shows whether that process steals enough
CPU and disk from a small machine to slow the packer's committed scans. Pairs are interleaved
(without, with, without, with...) so a noisy neighbour hits both sides alike; each side's
p99 is taken over all its scans pooled (7,000 scans: the 70 slowest decide, where the median
of seven runs' p99s hung on each run's ten slowest and swung 1.08-1.22x between two runs of
the same code). The recorder is a pack watcher of the bench, as in
``station run``: it is told by the bench that the order opened and films it; it is started
for each "with" and closed after it, so "without" really has no recorder running.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.bench_core import _scan_plan, _station_db
from bench.figures import figure, percentile

PAIRS = 7
WARM_S = 2.0  # let the encoder reach its steady state before measuring
CAMERA = "sim://noisy"


def _bench_scans_ms(folder: Path, camera: Any = None) -> tuple[list[float], Any]:
    """``Bench.scan`` times over one 1,000-unit order (each scan committed), and the clip
    when ``camera`` is set (the recorder shares the station's file, as in ``station run``)."""
    from station.bootstrap import build_bench
    from station.config import Settings
    from station.evidence.recorder import EvidenceRecorder
    from station.store.uow import StationStore

    folder.mkdir()
    engine = _station_db(folder / "station.sqlite3")
    bench = build_bench(StationStore(engine), Settings(database=folder / "station.sqlite3",
                                                       station_id="BENCH"))
    recorder = None
    if camera is not None:
        recorder = EvidenceRecorder(engine, camera, station="BENCH")
        recorder.start()
        if not recorder.wait_ready():
            raise RuntimeError(f"recorder did not start: {recorder.status.last_error}")
        bench.watchers.append(recorder)
    try:
        bench.start()
        assert bench.scan("B-PACKER").verdict.code == "logged_in"
        assert bench.scan("SO-BENCH").verdict.ok  # the recorder starts filming here
        if recorder is not None:
            time.sleep(WARM_S)
        samples = []
        for raw in _scan_plan():
            t0 = time.perf_counter()
            answer = bench.scan(raw)
            samples.append((time.perf_counter() - t0) * 1000)
            assert answer.verdict is not None and answer.verdict.ok, answer.verdict
        clip = recorder.order_ended("bench").result(60) if recorder is not None else None
        return samples, clip
    finally:
        if recorder is not None:
            recorder.close()
        bench.close()
        engine.dispose()


def run() -> list[dict[str, Any]]:
    from station.config import CameraSettings

    here = Path(__file__).parent
    tmp = Path(tempfile.mkdtemp(prefix="bench-evidence-", dir=here))  # the project's disk
    camera = CameraSettings(uri=CAMERA, fps=15, size="1280x720", folder=tmp / "clips")
    try:
        without: list[list[float]] = []
        with_rec: list[list[float]] = []
        frames = dropped = 0
        seconds = 0.0
        for i in range(PAIRS):
            without.append(_bench_scans_ms(tmp / f"off-{i}")[0])
            samples, clip = _bench_scans_ms(tmp / f"on-{i}", camera)
            with_rec.append(samples)
            if clip is None or clip.status != "finished":
                raise RuntimeError(f"clip not finished: {clip}")
            frames += clip.frames or 0
            dropped += clip.dropped_frames or 0
            ended = datetime.fromisoformat(clip.ended_at or clip.started_at)
            seconds += (ended - datetime.fromisoformat(clip.started_at)).total_seconds()
        base = percentile([ms for run in without for ms in run], 99)
        rec = percentile([ms for run in with_rec for ms in run], 99)
        return [
            figure(
                "evidence: Bench.scan (committed) p99 while recording 720p15 of a noisy source",
                round(rec / base, 3), "x", "<= 1.10 x", p99_with_ms=round(rec, 4),
                p99_without_ms=round(base, 4), pairs=PAIRS, scans_per_side=sum(map(len, without)),
                each_run_p99_with_ms=[round(percentile(run, 99), 4) for run in with_rec],
                each_run_p99_without_ms=[round(percentile(run, 99), 4) for run in without],
            ),
            figure(
                "evidence_dropped_frames_720p15", dropped, "frames",
                "counted (no target); scans never wait",
                frames_recorded=frames, approx_fps=round(frames / seconds, 1) if seconds else 0,
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    for row in run():
        print(row)
