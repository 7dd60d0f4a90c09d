"""Which evidence clips to delete: past the retention period, then oldest first until the
folder fits its quota. Pure; the recorder deletes the files and keeps the rows (and hashes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class PruneReason(StrEnum):
    RETENTION = "retention"
    QUOTA = "quota"


@dataclass(frozen=True, slots=True)
class KeptClip:
    clip_id: int
    ended_at: datetime
    size_bytes: int


def clips_to_prune(
    clips: Sequence[KeptClip], now: datetime, retention_days: int, quota_bytes: int
) -> list[tuple[int, PruneReason]]:
    """Clip ids to delete, oldest first, with why. Clips older than ``retention_days`` go;
    then, while the rest exceed ``quota_bytes``, the oldest of them go too."""
    cutoff = now - timedelta(days=retention_days)
    ordered = sorted(clips, key=lambda c: (c.ended_at, c.clip_id))
    out: list[tuple[int, PruneReason]] = []
    kept: list[KeptClip] = []
    for clip in ordered:
        if clip.ended_at < cutoff:
            out.append((clip.clip_id, PruneReason.RETENTION))
        else:
            kept.append(clip)
    total = sum(c.size_bytes for c in kept)
    for clip in kept:
        if total <= quota_bytes:
            break
        out.append((clip.clip_id, PruneReason.QUOTA))
        total -= clip.size_bytes
    return out
