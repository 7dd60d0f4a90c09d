"""The recorder process: owns the camera, burns the overlay in, encodes clips.

It runs apart from the station's process so encoding never competes with scanning for the
GIL, and a crash in FFmpeg cannot take the bench down. It talks to :class:`EvidenceRecorder`
over a pipe with small tuples:

commands  ``("start", clip_id, path, facts)``, ``("tracking", clip_id, number)``,
          ``("stop", clip_id)``, ``("still", clip_id, path, facts)`` (one picture, as a PNG
          with the overlay burnt in: a returned parcel's photo), ``("quit",)``
replies   ``("ready",)``, ``("camera_failed", message)``, ``("started", clip_id)``,
          ``("finished", clip_id, sha256, size_bytes, frames, dropped_frames)``,
          ``("clip_empty", clip_id)`` (ended before its first picture),
          ``("clip_failed", clip_id, message)``

A capture thread reads the camera continuously (a V4L2 camera left unread stalls) into a
short queue; when the encoder falls behind, the newest frame is dropped and counted.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from dataclasses import replace
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from drivers.cameras import CameraFrame, CameraSource
from drivers.errors import DriverError
from station.evidence.clipfile import ClipFile, sha256_file
from station.evidence.overlay import OverlayFacts, Stamp


def local_time_text() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


class _Capture(threading.Thread):
    def __init__(self, camera: CameraSource, depth: int) -> None:
        super().__init__(name="evidence-capture", daemon=True)
        self.camera = camera
        self.frames: queue.Queue[CameraFrame | DriverError] = queue.Queue(maxsize=depth)
        self.dropped = 0  # frames the encoder had no room for, since the process started
        self.stopping = threading.Event()
        self.wanted = threading.Event()  # set while a clip is open

    def run(self) -> None:
        try:
            for frame in self.camera.frames(idle=lambda: not self.wanted.is_set()):
                if self.stopping.is_set():
                    return
                try:
                    self.frames.put_nowait(frame)
                except queue.Full:
                    self.dropped += 1
        except DriverError as exc:
            with contextlib.suppress(queue.Full):
                self.frames.put(exc, timeout=1.0)


class _Clip:
    def __init__(self, clip_id: int, path: Path, facts: OverlayFacts, fps: int,
                 width: int, height: int, dropped_at_start: int) -> None:
        self.clip_id = clip_id
        self.file = ClipFile(path, fps, width, height)
        self.facts = facts
        self.t0: float | None = None
        self.dropped_at_start = dropped_at_start


def recorder_main(conn: Connection, uri: str, fps: int, width: int, height: int) -> None:
    """Entry point of the recorder process (started with the ``spawn`` method)."""
    # Below the station: when the CPU is short, a frame is dropped (and counted), not a scan
    # delayed. On Linux the recorder runs in the idle class (it gets a core only when the
    # station does not want it: nice 10 still cost scans ~1.4x their p99 on 2 cores); else
    # nice 10. (Windows has neither; the process keeps normal priority there.)
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    camera = CameraSource(uri, fps, width, height)
    try:
        camera.open()
    except DriverError as exc:
        conn.send(("camera_failed", exc.message))
        return
    capture = _Capture(camera, depth=max(2, fps // 2))
    capture.start()
    stamp = Stamp(width, height)
    clip: _Clip | None = None
    stills: list[tuple[int, Path, OverlayFacts]] = []  # photos wanted from the next picture
    conn.send(("ready",))
    try:
        while True:
            while conn.poll(0):
                msg = conn.recv()
                if msg[0] == "quit":
                    if clip is not None:
                        _finish(conn, clip, capture)
                    return
                if msg[0] == "still":
                    if not stills and clip is None:
                        _drop_old_frames(capture)  # a picture of now, not of a while ago
                    stills.append((msg[1], Path(msg[2]), msg[3]))
                    capture.wanted.set()
                    continue
                clip = _command(conn, msg, clip, capture, fps, width, height)
            try:
                item = capture.frames.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(item, DriverError):
                if clip is not None:
                    _finish(conn, clip, capture)
                for clip_id, _path, _facts in stills:
                    conn.send(("clip_failed", clip_id, item.message))
                conn.send(("camera_failed", item.message))
                return
            while stills:
                _photo(conn, stamp, item.rgb, *stills.pop(0))
                if clip is None and not stills:
                    capture.wanted.clear()
            if clip is None:
                continue
            if clip.t0 is None:
                clip.t0 = item.at
            facts = replace(clip.facts, time_text=local_time_text())
            index = round((item.at - clip.t0) * fps)
            clip.file.write(stamp.apply(item.rgb, facts), index)
    finally:
        capture.stopping.set()
        camera.close()


def _command(conn: Connection, msg: tuple[Any, ...], clip: _Clip | None, capture: _Capture,
             fps: int, width: int, height: int) -> _Clip | None:
    kind = msg[0]
    if kind == "start":
        _, clip_id, path, facts = msg
        if clip is not None:
            _finish(conn, clip, capture)
        try:
            new = _Clip(clip_id, Path(path), facts, fps, width, height, capture.dropped)
        except Exception as exc:  # FFmpeg/OS errors: report, keep the camera for the next one
            conn.send(("clip_failed", clip_id, str(exc)))
            return None
        _drop_old_frames(capture)
        capture.wanted.set()
        conn.send(("started", clip_id))
        return new
    if kind == "tracking" and clip is not None and clip.clip_id == msg[1]:
        if msg[2] not in clip.facts.tracking:
            clip.facts = replace(clip.facts, tracking=(*clip.facts.tracking, msg[2]))
        return clip
    if kind == "stop" and clip is not None and clip.clip_id == msg[1]:
        _finish(conn, clip, capture)
        return None
    return clip


def _photo(conn: Connection, stamp: Stamp, rgb: Any, clip_id: int, path: Path,
           facts: OverlayFacts) -> None:
    """One picture with the overlay burnt in, as a PNG; its hash seals it like a clip's."""
    try:
        from PIL import Image

        facts = replace(facts, time_text=local_time_text())
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(stamp.apply(rgb, facts)).save(path, "PNG")
        conn.send(("finished", clip_id, sha256_file(path), path.stat().st_size, 1, 0))
    except Exception as exc:  # a full disk: this photo is lost, the camera carries on
        conn.send(("clip_failed", clip_id, str(exc)))


def _drop_old_frames(capture: _Capture) -> None:
    """Pictures queued before this pack do not belong in its clip; a camera error does."""
    error: DriverError | None = None
    while True:
        try:
            item = capture.frames.get_nowait()
        except queue.Empty:
            break
        if isinstance(item, DriverError):
            error = item
    if error is not None:
        capture.frames.put_nowait(error)


def _finish(conn: Connection, clip: _Clip, capture: _Capture) -> None:
    capture.wanted.clear()
    if clip.file.frames == 0:  # the pack ended before the first picture: no file to keep
        with contextlib.suppress(Exception):
            clip.file.close()
        with contextlib.suppress(OSError):
            clip.file.path.unlink()
        conn.send(("clip_empty", clip.clip_id))
        return
    try:
        clip.file.close()
        path = clip.file.path
        conn.send(("finished", clip.clip_id, sha256_file(path), path.stat().st_size,
                   clip.file.frames, capture.dropped - clip.dropped_at_start))
    except Exception as exc:  # the clip is lost, the recorder carries on
        conn.send(("clip_failed", clip.clip_id, str(exc)))
