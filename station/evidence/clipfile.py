"""One evidence clip on disk: H.264 in fragmented MP4, and its SHA-256.

``frag_keyframe+empty_moov`` writes the movie header first and then a self-contained fragment
at every keyframe (one a second), so a recorder killed mid-clip leaves a file that plays up to
its last complete second instead of an unplayable one without its index.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ClipFile:
    """Encodes RGB frames into ``path``. ``write`` takes the frame's index on the clip's
    time line (1/fps), so frames the camera dropped leave a gap instead of speeding up the
    clip: the video keeps real time, which a dispute may hinge on."""

    def __init__(self, path: Path, fps: int, width: int, height: int) -> None:
        import av

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.frames = 0
        self._last_index = -1
        self._container: Any = av.open(
            str(path), "w", format="mp4", options={"movflags": MOVFLAGS, "flush_packets": "1"}
        )
        stream = self._container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.time_base = self._tick = Fraction(1, fps)
        # One core at most, no look-ahead: the bench's scanning must keep the other.
        stream.codec_context.thread_count = 1
        stream.options = {
            "preset": "superfast", "tune": "zerolatency", "crf": "26",
            "g": str(fps), "keyint_min": str(fps),
        }
        self._stream = stream
        self._av = av

    def write(self, rgb: np.ndarray, index: int) -> None:
        index = max(index, self._last_index + 1)
        frame = self._av.VideoFrame.from_ndarray(rgb, format="rgb24")
        frame.pts = index
        frame.time_base = self._tick  # the muxer picks its own stream time base at the header
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self._last_index = index
        self.frames += 1

    def close(self) -> None:
        """Flush the encoder and finish the file."""
        try:
            for packet in self._stream.encode(None):
                self._container.mux(packet)
        finally:
            self._container.close()
