"""The clips table: one row per recording, found by order id or tracking number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, or_, select, text, update

from station.evidence.retention import KeptClip
from station.store.tables import clip_tracking, clips


@dataclass(frozen=True, slots=True)
class Clip:
    """One pack evidence recording. ``sha256`` is None while recording or if it failed."""

    clip_id: int
    order_id: str
    operator: str | None
    station: str
    path: Path
    started_at: str
    ended_at: str | None
    end_reason: str | None
    status: str  # recording / finished / interrupted / failed / pruned
    sha256: str | None
    size_bytes: int | None
    frames: int | None
    dropped_frames: int | None
    tracking: tuple[str, ...] = ()

    @property
    def playable(self) -> bool:
        return self.status in ("finished", "interrupted") and self.path.is_file()


def _clip(row: Any, tracking: tuple[str, ...]) -> Clip:
    return Clip(row.id, row.order_id, row.operator, row.station, Path(row.path), row.started_at,
                row.ended_at, row.end_reason, row.status, row.sha256, row.size_bytes, row.frames,
                row.dropped_frames, tracking)


def _tracking(conn: Connection, clip_id: int) -> tuple[str, ...]:
    rows = conn.execute(
        select(clip_tracking.c.tracking_number).where(clip_tracking.c.clip_id == clip_id)
        .order_by(clip_tracking.c.tracking_number)
    )
    return tuple(r[0] for r in rows)


def insert_clip(conn: Connection, order_id: str, operator: str | None, station: str,
                path: Path, started_at: str) -> int:
    key = conn.execute(insert(clips).values(
        order_id=order_id, operator=operator, station=station, path=str(path),
        started_at=started_at, status="recording",
    )).inserted_primary_key
    assert key is not None  # an INSERT always has one
    return int(key[0])


def set_path(conn: Connection, clip_id: int, path: Path) -> None:
    conn.execute(update(clips).where(clips.c.id == clip_id).values(path=str(path)))


def add_tracking(conn: Connection, clip_id: int, number: str) -> None:
    exists = conn.execute(select(clip_tracking.c.clip_id).where(
        clip_tracking.c.clip_id == clip_id, clip_tracking.c.tracking_number == number)).first()
    if exists is None:
        conn.execute(insert(clip_tracking).values(clip_id=clip_id, tracking_number=number))


def close_clip(conn: Connection, clip_id: int, *, status: str, ended_at: str, reason: str,
               sha256: str | None = None, size_bytes: int | None = None,
               frames: int | None = None, dropped_frames: int | None = None) -> None:
    conn.execute(update(clips).where(clips.c.id == clip_id).values(
        status=status, ended_at=ended_at, end_reason=reason, sha256=sha256,
        size_bytes=size_bytes, frames=frames, dropped_frames=dropped_frames,
    ))


def sealed_hash(conn: Connection, clip_id: int) -> tuple[int, str] | None:
    """(audit row id, SHA-256) the audit chain recorded when the clip closed, or None."""
    row = conn.execute(text(
        "SELECT id, json_extract(detail, '$.sha256') AS sha FROM audit "
        "WHERE action IN ('evidence_clip_finished', 'evidence_clip_interrupted') "
        "AND json_extract(detail, '$.clip_id') = :clip ORDER BY id DESC LIMIT 1"),
        {"clip": clip_id}).first()
    if row is None or not row.sha:
        return None
    return int(row.id), str(row.sha)


def get_clip(conn: Connection, clip_id: int) -> Clip | None:
    row = conn.execute(select(clips).where(clips.c.id == clip_id)).first()
    return None if row is None else _clip(row, _tracking(conn, clip_id))


def clips_for(conn: Connection, code: str) -> list[Clip]:
    """Clips of the order ``code``, or of the order whose parcel has tracking number ``code``,
    oldest first (pruned ones are left out: their files are gone)."""
    by_tracking = select(clip_tracking.c.clip_id).where(clip_tracking.c.tracking_number == code)
    rows = conn.execute(
        select(clips).where(or_(clips.c.order_id == code, clips.c.id.in_(by_tracking)),
                            clips.c.status != "pruned")
        .order_by(clips.c.started_at, clips.c.id)
    ).all()
    return [_clip(r, _tracking(conn, r.id)) for r in rows]


def open_clips(conn: Connection) -> list[Clip]:
    """Clips still marked recording (the station or the recorder stopped mid-clip)."""
    rows = conn.execute(select(clips).where(clips.c.status == "recording")).all()
    return [_clip(r, _tracking(conn, r.id)) for r in rows]


def kept_clips(conn: Connection) -> list[tuple[KeptClip, Path]]:
    """Clips whose files are still on disk, for the retention and quota rules."""
    rows = conn.execute(select(clips.c.id, clips.c.ended_at, clips.c.size_bytes, clips.c.path)
                        .where(clips.c.status.in_(("finished", "interrupted")))).all()
    return [(KeptClip(r.id, datetime.fromisoformat(r.ended_at), r.size_bytes or 0), Path(r.path))
            for r in rows]


def mark_pruned(conn: Connection, clip_id: int) -> None:
    conn.execute(update(clips).where(clips.c.id == clip_id).values(status="pruned"))


def recent_kept(conn: Connection, limit: int) -> list[Clip]:
    """The newest ``limit`` clips that have a video (finished or cut short), newest first."""
    rows = conn.execute(
        select(clips).where(clips.c.status.in_(("finished", "interrupted")))
        .order_by(clips.c.id.desc()).limit(limit)
    ).all()
    return [_clip(r, _tracking(conn, r.id)) for r in rows]


def verified(conn: Connection, found: list[Clip]) -> list[bool]:
    """For each clip, whether its file is unchanged since it was recorded: its SHA-256 equals
    the one sealed in the audit hash chain when the clip closed, and the chain is intact up
    to that seal. The ``clips`` row is only an index: rewriting its hash (with the file) does
    not make a tampered clip verify."""
    from station.evidence.clipfile import sha256_file
    from station.store.audit_chain import verify_chain

    if not found:
        return []
    broken = verify_chain(conn).first_broken
    out = []
    for clip in found:
        row = get_clip(conn, clip.clip_id)
        sealed = sealed_hash(conn, clip.clip_id)
        if row is None or sealed is None or not row.path.is_file():
            out.append(False)
        elif broken is not None and broken <= sealed[0]:
            out.append(False)  # the seal itself may have been rewritten
        else:
            out.append(sha256_file(row.path) == sealed[1])
    return out
