"""Pack evidence (打包取证): a camera clip of every pack, tied to the order.

The bench calls four methods, all of which return at once (a command queue feeds a controller
thread, which alone talks to the recorder process and writes the clips table):

- :meth:`EvidenceRecorder.order_opened` starts a clip with the order, operator and station
  burned into every frame;
- :meth:`~EvidenceRecorder.tracking_added` adds a parcel's tracking number to the overlay and
  makes the clip findable by it;
- :meth:`~EvidenceRecorder.order_ended` (last parcel labelled, or pack cancelled) closes it;
  the clip's SHA-256 goes into the clips table and the audit trail;
- Lookup finds clips with :meth:`~EvidenceRecorder.clips_for` (order id or tracking number) and
  checks them with :meth:`~EvidenceRecorder.verify`.

Encoding runs in its own process (``station.evidence.worker``), so recording never slows
scanning. If that process dies mid-clip, the fragments already written stay playable: the clip
is recorded as ``interrupted`` with the hash of what is there, and a continuation clip of the
same order starts in a fresh recorder process.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import multiprocessing
import re
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from station.config import CameraSettings
from station.device_status import DeviceState, DeviceStatus
from station.evidence.clipfile import sha256_file
from station.evidence.facts import OverlayFacts
from station.evidence.mailbox import Mailbox
from station.evidence.retention import clips_to_prune
from station.i18n import _
from station.store import clip_store as store
from station.store.outbox import audit, utcnow_iso
from station.store.uow import StationStore, as_store

log = logging.getLogger(__name__)
IDLE_CHECK_S = 5.0  # the controller's longest sleep (it wakes for every command and answer)
READY_TIMEOUT_S = 20.0  # spawning Python + opening a USB camera can take seconds on a slow PC
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class RecorderStatus:
    """What the status bar shows: recording or not, and how healthy the recorder is."""

    recording_order: str | None = None
    clips_recorded: int = 0
    dropped_frames: int = 0
    last_error: str | None = None


@dataclass
class _Active:
    clip_id: int
    order_id: str
    operator: str
    station: str
    path: Path
    facts: OverlayFacts
    futures: list[Future[store.Clip | None]] = field(default_factory=list)
    reason: str = ""
    failed: bool = False  # no camera: recorded as failed, still indexed by tracking number


class EvidenceRecorder:
    """Records one clip per pack. ``start()`` once, ``close()`` at shutdown."""

    def __init__(self, store: StationStore | Engine, camera: CameraSettings, *,
                 station: str) -> None:
        self._store = as_store(store)  # the bench's one writer
        self._camera = camera
        self._station = station
        self._mail = Mailbox()  # the bench's commands to the controller thread
        self._thread: threading.Thread | None = None
        self._proc: Any = None  # multiprocessing.Process (spawn context)
        self._pipe: Connection | None = None
        self._active: _Active | None = None
        self._pending: dict[int, _Active] = {}  # stopped, waiting for the recorder's hash
        self._lock = threading.Lock()
        self._status = RecorderStatus()
        self._warmed = threading.Event()

    # --- the bench's calls (never block) ----------------------------------------------------
    def order_opened(self, order_id: str, operator: str, station: str | None = None) -> None:
        """Start recording the pack of ``order_id`` (ends the previous clip, if any)."""
        self._mail.post(("open", order_id, operator, station or self._station, utcnow_iso()))

    def tracking_added(self, number: str) -> None:
        """A parcel of the open order got ``number``: burn it in, index the clip by it."""
        self._mail.post(("tracking", number))

    def order_ended(self, reason: str) -> Future[store.Clip | None]:
        """Stop the clip (``reason``: labelled, cancelled...). The future gives the finished
        clip with its hash, or None when nothing was recording."""
        fut: Future[store.Clip | None] = Future()
        self._mail.post(("end", reason, fut))
        return fut

    def photo(self, order_id: str, operator: str, note: str,
              station: str | None = None) -> Future[store.Clip | None]:
        """One picture of what is on the bench now (a returned parcel), kept beside the clips
        of ``order_id`` as a PNG with the overlay burnt in and its hash sealed in the audit
        chain. The future gives the photo's row (status "finished" or "failed")."""
        fut: Future[store.Clip | None] = Future()
        self._mail.post(("photo", order_id, operator, station or self._station, note,
                            utcnow_iso(), fut))
        return fut

    # --- Lookup -------------------------------------------------------------------------------
    def clips_for(self, code: str) -> list[store.Clip]:
        """Clips of an order, by its order id or any of its parcels' tracking numbers."""
        with self._store.transaction(immediate=False) as conn:
            return store.clips_for(conn, code.strip())

    def clips_for_lead(self, viewer: str | None, code: str) -> list[tuple[store.Clip, bool]]:
        """What the player lists: each clip of ``code`` with whether it verifies. Only an
        active lead or admin may watch pack videos (checked here, whatever the window shows);
        :class:`~station.services.errors.PermissionDenied` for anyone else."""
        from station.services.lead_roles import require_lead

        with self._store.transaction(immediate=False) as conn:
            require_lead(conn, viewer)
            found = store.clips_for(conn, code.strip())
            return list(zip(found, store.verified(conn, found), strict=True))

    def verify(self, clip: store.Clip) -> bool:
        """True when the clip's file is unchanged since it was recorded (checked against the
        hash sealed in the audit chain, see :func:`station.store.clip_store.verified`)."""
        with self._store.transaction(immediate=False) as conn:
            return store.verified(conn, [clip])[0]

    @property
    def status(self) -> RecorderStatus:
        with self._lock:
            return RecorderStatus(**vars(self._status))

    def device_status(self) -> DeviceStatus:
        """The camera's line in the status bar and the health report: "ok" only once the
        recorder process has the camera open, "fault" with the reason when it has not."""
        status = self.status
        if status.last_error:
            return DeviceStatus("camera", DeviceState.FAULT, status.last_error)
        if not self._warmed.is_set():
            return DeviceStatus("camera", DeviceState.CONNECTING, _("Opening the camera…"))
        if self.recorder_pid is None:
            return DeviceStatus("camera", DeviceState.FAULT, _("The recorder is not running."))
        return DeviceStatus("camera", DeviceState.OK, "")

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> bool:
        """Wait until the camera is open in the recorder process (True) or failed to open
        (False, see ``status.last_error``). Recording works without waiting; this is for
        ``station doctor`` and for tests that need the first frame of a pack."""
        if not self._warmed.wait(timeout_s):
            return False
        return self.recorder_pid is not None

    @property
    def recorder_pid(self) -> int | None:
        """The recorder process's id (for IT's diagnostics), None when it is not running."""
        proc = self._proc
        return proc.pid if proc is not None and proc.is_alive() else None

    # --- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Settle clips a previous run left open, prune, open the camera in the background."""
        self._recover_open_clips()
        self.prune()
        self._thread = threading.Thread(target=self._run, name="evidence", daemon=True)
        self._thread.start()
        self._mail.post(("warm",))

    def close(self, timeout_s: float = 15.0) -> None:
        """End the open clip (reason "station closed"), stop the recorder process."""
        if self._thread is None:
            return
        done: Future[None] = Future()
        self._mail.post(("close", done))
        with contextlib.suppress(Exception):
            done.result(timeout_s)
        self._thread.join(timeout_s)
        self._thread = None

    def prune(self, *, now: datetime | None = None, quota_bytes: int | None = None) -> list[int]:
        """Delete clips past ``retention_days``, then the oldest while over the quota (the
        settings' ``quota_mb`` unless given). Rows, hashes and audit stay. Returns the ids."""
        now = now or datetime.now(UTC)
        quota = self._camera.quota_mb * 1024 * 1024 if quota_bytes is None else quota_bytes
        with self._store.transaction() as conn:
            kept = store.kept_clips(conn)
            paths = {k.clip_id: p for k, p in kept}
            victims = clips_to_prune([k for k, _p in kept], now, self._camera.retention_days,
                                     quota)
            for clip_id, why in victims:
                store.mark_pruned(conn, clip_id)
                audit(conn, "evidence_clip_pruned", None, f"clip:{clip_id}", reason=str(why),
                      path=str(paths[clip_id]))
        # Files go after the commit: a file left behind by a failed delete is only disk space,
        # whereas a deleted file still listed as kept would look like tampering to Lookup.
        for clip_id, _why in victims:
            with contextlib.suppress(OSError):
                paths[clip_id].unlink()
        return [clip_id for clip_id, _why in victims]

    # --- controller thread ----------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            cmd: tuple[Any, ...] = ()
            try:
                self._pump()
                waiting = self._mail.take()
                if waiting is None:  # asleep until a command, the recorder's answer or its end
                    self._mail.wait(self._worker_waitables(), IDLE_CHECK_S)
                    continue
                cmd = waiting
                if cmd[0] == "close":
                    self._shutdown()
                    cmd[1].set_result(None)
                    return
                self._handle(cmd)
            except Exception as exc:  # a full disk or locked database must not end recording
                log.exception("pack evidence: %s", exc)
                self._set_error(_("No pack evidence: {error}").format(error=exc))
                if cmd[:1] == ("end",) and not cmd[2].done():
                    cmd[2].set_exception(exc)  # the caller hears of it, never waits forever

    def _handle(self, cmd: tuple[Any, ...]) -> None:
        kind = cmd[0]
        if kind == "warm":
            self._ensure_worker()
            self._warmed.set()
        elif kind == "open":
            _k, order_id, operator, station, at = cmd
            if self._active is not None:
                self._stop_active(_("next order opened"))
            self._start_clip(order_id, operator, station, (), at)
        elif kind == "tracking":
            active = self._active
            if active is not None and cmd[1] not in active.facts.tracking:
                active.facts = _with_tracking(active.facts, cmd[1])
                with self._store.transaction() as conn:
                    store.add_tracking(conn, active.clip_id, cmd[1])
                if not active.failed:
                    self._send(("tracking", active.clip_id, cmd[1]))
        elif kind == "photo":
            self._take_photo(*cmd[1:])
        elif kind == "end":
            _k, reason, fut = cmd
            if self._active is None:
                fut.set_result(None)
            elif self._active.failed:
                failed, self._active = self._active, None
                with self._store.transaction(immediate=False) as conn:
                    fut.set_result(store.get_clip(conn, failed.clip_id))
            else:
                self._active.futures.append(fut)
                self._stop_active(reason)

    def _start_clip(self, order_id: str, operator: str, station: str,
                    tracking: tuple[str, ...], started: str) -> None:
        with self._store.transaction() as conn:
            clip_id = store.insert_clip(conn, order_id, operator, station, Path(), started)
            path = self._clip_path(order_id, clip_id)
            store.set_path(conn, clip_id, path)
            for number in tracking:
                store.add_tracking(conn, clip_id, number)
        facts = OverlayFacts(
            order_id, tracking, operator, station, "",
            line1=_("Order {order} · Tracking {tracking}"),
            line2=_("Operator {operator} · Station {station} · {time}"),
        )
        self._active = _Active(clip_id, order_id, operator, station, path, facts)
        with self._lock:
            self._status.recording_order = order_id
        if not self._ensure_worker() or not self._send(("start", clip_id, str(path), facts)):
            self._fail_active(self._status.last_error or _("The recorder is not running."))

    def _take_photo(self, order_id: str, operator: str, station: str, note: str, at: str,
                    fut: Future[store.Clip | None]) -> None:
        with self._store.transaction() as conn:
            clip_id = store.insert_clip(conn, order_id, operator, station, Path(), at)
            path = self._clip_path(order_id, clip_id, suffix=".png")
            store.set_path(conn, clip_id, path)
        facts = OverlayFacts(
            order_id, (), operator, station, "",
            # the note is data, not a template: braces could never reach str.format
            line1=_("Order {order} · {note}").replace(
                "{note}", note.replace("{", "(").replace("}", ")")[:60]),
            line2=_("Operator {operator} · Station {station} · {time}"),
        )
        photo = _Active(clip_id, order_id, operator, station, path, facts, [fut], reason=note)
        if not self._ensure_worker() or not self._send(("still", clip_id, str(path), facts)):
            self._record(photo, "failed", None, None, None, None,
                         note=self._status.last_error or _("The recorder is not running."))
            return
        self._pending[clip_id] = photo

    def _stop_active(self, reason: str) -> None:
        active, self._active = self._active, None
        if active is None or active.failed:
            return
        active.reason = reason
        with self._lock:
            self._status.recording_order = None
        self._pending[active.clip_id] = active
        if not self._send(("stop", active.clip_id)):
            self._worker_died()

    def _clip_path(self, order_id: str, clip_id: int, suffix: str = ".mp4") -> Path:
        now = datetime.now().astimezone()
        safe = _UNSAFE.sub("_", order_id)[:48] or "order"
        name = f"{safe}_{clip_id}_{now:%H%M%S}{suffix}"
        return Path(self._camera.folder) / f"{now:%Y-%m-%d}" / name

    # --- the recorder process -------------------------------------------------------------------
    def _ensure_worker(self) -> bool:
        if self._proc is not None and self._proc.is_alive():
            return True
        if importlib.util.find_spec("av") is None or importlib.util.find_spec("numpy") is None:
            self._set_error(_("Pack evidence needs PyAV and numpy: pip install "
                              "'packing-station[evidence]'."))
            return False
        from station.evidence.worker import recorder_main

        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        parent, child = ctx.Pipe()
        width, height = self._camera.width_height
        proc = ctx.Process(target=recorder_main, name="evidence-recorder", daemon=True,
                           args=(child, self._camera.uri, self._camera.fps, width, height))
        proc.start()
        child.close()
        reply: tuple[Any, ...] = ("camera_failed", _("The camera did not start in time."))
        try:
            if parent.poll(READY_TIMEOUT_S):
                reply = parent.recv()
        except (EOFError, OSError):
            reply = ("camera_failed", _("The recorder stopped while opening the camera."))
        if reply[0] != "ready":
            self._set_error(_("No pack evidence: {error}").format(error=reply[1]))
            proc.join(5)
            if proc.is_alive():
                proc.kill()
            parent.close()
            return False
        self._proc, self._pipe = proc, parent
        self._set_error(None)
        return True

    def _send(self, msg: tuple[Any, ...]) -> bool:
        if self._pipe is None:
            return False
        try:
            self._pipe.send(msg)
        except (OSError, ValueError):
            return False
        return True

    def _worker_waitables(self) -> list[Any]:
        if self._pipe is None or self._proc is None:
            return []
        return [self._pipe, self._proc.sentinel]

    def _pump(self) -> None:
        pipe = self._pipe
        if pipe is None:
            return
        try:
            while pipe.poll(0):
                self._reply(pipe.recv())
        except (EOFError, OSError):
            self._worker_died()
            return
        if self._proc is not None and not self._proc.is_alive():
            with contextlib.suppress(EOFError, OSError):
                while pipe.poll(0):
                    self._reply(pipe.recv())
            self._worker_died()

    def _reply(self, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "finished":
            _k, clip_id, sha, size, frames, dropped = msg
            done = self._pending.pop(clip_id, None)
            if done is not None:
                self._record(done, "finished", sha, size, frames, dropped)
                self.prune()
        elif kind == "clip_empty":
            empty = self._pending.pop(msg[1], None)
            if empty is not None:
                self._record(empty, "failed", None, None, 0, None,
                             note=_("the pack ended before the camera's first picture"))
        elif kind == "clip_failed":
            clip_id, message = msg[1], msg[2]
            self._set_error(_("No pack evidence: {error}").format(error=message))
            failed = self._pending.pop(clip_id, None)
            if failed is not None:
                self._record(failed, "failed", None, None, None, None, note=message)
            elif self._active is not None and self._active.clip_id == clip_id:
                self._fail_active(message)
        elif kind == "camera_failed":
            self._set_error(_("No pack evidence: {error}").format(error=msg[1]))

    def _worker_died(self) -> None:
        """The recorder process is gone: keep what it wrote, continue the open pack's clip."""
        if self._pipe is not None:
            self._pipe.close()
        self._pipe = None
        if self._proc is not None:
            self._proc.join(1)
            self._proc = None
        for clip_id in list(self._pending):
            self._interrupt(self._pending.pop(clip_id))
        active, self._active = self._active, None
        if active is not None and not active.failed:
            self._interrupt(active)
            # A continuation clip of the same pack; if the camera does not come back, it is
            # recorded as failed and nothing retries until the next order.
            self._start_clip(active.order_id, active.operator, active.station,
                             active.facts.tracking, utcnow_iso())

    def _interrupt(self, clip: _Active) -> None:
        if clip.path.is_file() and clip.path.stat().st_size > 0:
            self._record(clip, "interrupted", sha256_file(clip.path), clip.path.stat().st_size,
                         None, None, note=_("the recorder stopped mid-clip"))
        else:
            self._record(clip, "failed", None, None, None, None,
                         note=_("the recorder stopped before writing"))

    def _fail_active(self, message: str) -> None:
        """No recorder for the open pack: the clip is recorded as failed at once (Lookup
        says why there is no video), and stays open to collect the pack's tracking numbers."""
        active = self._active
        if active is not None:
            with self._lock:
                self._status.recording_order = None
            self._record(active, "failed", None, None, None, None, note=message)
            active.failed = True

    def _record(self, clip: _Active, status: str, sha: str | None, size: int | None,
                frames: int | None, dropped: int | None, note: str | None = None) -> None:
        reason = clip.reason or (note or "")
        with self._store.transaction() as conn:
            store.close_clip(conn, clip.clip_id, status=status, ended_at=utcnow_iso(),
                             reason=reason, sha256=sha, size_bytes=size, frames=frames,
                             dropped_frames=dropped)
            audit(conn, f"evidence_clip_{status}", clip.operator, clip.order_id,
                  clip_id=clip.clip_id, path=str(clip.path), sha256=sha, size_bytes=size,
                  frames=frames, dropped_frames=dropped, reason=reason, note=note)
            result = store.get_clip(conn, clip.clip_id)
        with self._lock:
            if status in ("finished", "interrupted"):
                self._status.clips_recorded += 1
            self._status.dropped_frames += dropped or 0
        for fut in clip.futures:
            fut.set_result(result)

    def _set_error(self, message: str | None) -> None:
        with self._lock:
            self._status.last_error = message

    def _shutdown(self) -> None:
        if self._active is not None:
            self._stop_active(_("station closed"))
        self._send(("quit",))
        proc, pipe = self._proc, self._pipe
        if proc is not None and pipe is not None:
            deadline = 10.0
            while self._pending and deadline > 0 and proc.is_alive():
                self._pump()
                threading.Event().wait(0.05)
                deadline -= 0.05
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(2)
        self._pump()
        for clip_id in list(self._pending):
            self._interrupt(self._pending.pop(clip_id))
        if self._pipe is not None:
            self._pipe.close()
        self._pipe, self._proc = None, None

    def _recover_open_clips(self) -> None:
        """Clips a killed station left "recording": hash what the file holds."""
        with self._store.transaction(immediate=False) as conn:
            stale = store.open_clips(conn)
        for clip in stale:
            self._interrupt(_Active(clip.clip_id, clip.order_id, clip.operator or "",
                                    clip.station, clip.path, OverlayFacts(
                                        clip.order_id, clip.tracking, clip.operator or "",
                                        clip.station, "")))


def _with_tracking(facts: OverlayFacts, number: str) -> OverlayFacts:
    from dataclasses import replace

    return replace(facts, tracking=(*facts.tracking, number))
