"""Reading a clip back for Lookup: decoded RGB frames with their time in the clip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class PlayedFrame:
    rgb: Any  # numpy.ndarray, height × width × 3, uint8
    at_s: float  # seconds from the clip's start


def clip_frames(path: Path, max_width: int = 960) -> Iterator[PlayedFrame]:
    """Frames of the clip at ``path``, scaled down to ``max_width`` (aspect kept). A clip cut
    short by a crash plays up to its last complete fragment, then ends."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        if width > max_width:
            width, height = max_width, max(2, height * max_width // width // 2 * 2)
        first: float | None = None
        try:
            for frame in container.decode(stream):
                at = float(frame.time or 0.0)
                first = at if first is None else first
                yield PlayedFrame(frame.to_ndarray(width=width, height=height, format="rgb24"),
                                  at - first)
        except av.FFmpegError:
            return  # a truncated last fragment: what came before has been shown
