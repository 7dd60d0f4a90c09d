"""Camera sources for pack evidence: V4L2 (Linux), DirectShow (Windows) or FFmpeg's synthetic
test pattern, all opened through PyAV (its wheels bundle FFmpeg with libavdevice).

``v4l2:///dev/video0``, ``dshow://video=USB Camera`` and ``sim://testsrc`` (also ``testsrc2``,
``smptebars``, ``rgbtestsrc``, and ``noisy``: a moving pattern with sensor-like noise on every
frame, which the encoder cannot compress away as it does a clean pattern: the benchmark's
stand-in for a real camera). A source yields RGB frames at the configured size; a real camera
paces itself, the synthetic one is paced here to the wall clock so it behaves like a camera
(FFmpeg's lavfi would otherwise produce frames as fast as they are read).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from drivers.errors import DeviceConfigError, TransportError
from drivers.i18n import _

SYNTHETIC_PATTERNS = ("testsrc", "testsrc2", "smptebars", "rgbtestsrc", "noisy")


@dataclass(frozen=True, slots=True)
class CameraFrame:
    """One captured picture: ``rgb`` is a height×width×3 uint8 array; ``at`` is
    ``time.monotonic()`` when it was taken."""

    rgb: Any  # numpy.ndarray (numpy is an optional dependency: not imported at module level)
    at: float


@dataclass(frozen=True, slots=True)
class CameraSpec:
    """What FFmpeg needs to open a camera URI."""

    uri: str
    fmt: str  # FFmpeg input format: v4l2, dshow or lavfi
    target: str  # device path, DirectShow name or lavfi graph
    options: dict[str, str]
    synthetic: bool


def parse_camera_uri(uri: str, fps: int, width: int, height: int) -> CameraSpec:
    """Check a camera URI and say how FFmpeg opens it. Raises DeviceConfigError."""
    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    size = f"{width}x{height}"
    if scheme == "v4l2":
        path = unquote(parts.path or parts.netloc)
        if not path:
            raise DeviceConfigError(_("{uri}: name the device, e.g. v4l2:///dev/video0.").format(
                uri=uri))
        return CameraSpec(uri, "v4l2", path, {"framerate": str(fps), "video_size": size}, False)
    if scheme == "dshow":
        name = unquote(parts.netloc + parts.path)
        if not name.startswith("video="):
            raise DeviceConfigError(
                _("{uri}: name the camera, e.g. dshow://video=USB Camera.").format(uri=uri))
        return CameraSpec(uri, "dshow", name, {"framerate": str(fps), "video_size": size}, False)
    if scheme == "sim":
        pattern = (parts.netloc or parts.path.strip("/")).lower()
        if pattern not in SYNTHETIC_PATTERNS:
            raise DeviceConfigError(
                _("{uri}: the synthetic camera knows {patterns}.").format(
                    uri=uri, patterns=", ".join(SYNTHETIC_PATTERNS)))
        graph = (f"testsrc2=size={size}:rate={fps},noise=alls=30:allf=t+u"
                 if pattern == "noisy" else f"{pattern}=size={size}:rate={fps}")
        return CameraSpec(uri, "lavfi", graph, {}, True)
    raise DeviceConfigError(
        _("{uri}: unknown camera; use v4l2:///dev/video0, dshow://video=NAME or sim://testsrc.")
        .format(uri=uri))


def _av() -> Any:
    try:
        import av
    except ImportError:
        raise DeviceConfigError(
            _("Pack evidence needs PyAV: pip install 'packing-station[evidence]'.")) from None
    return av


class CameraSource:
    """An opened camera. Use from one thread (the recorder's capture thread): ``open()``,
    iterate :meth:`frames`, ``close()``."""

    def __init__(self, uri: str, fps: int, width: int, height: int) -> None:
        self.spec = parse_camera_uri(uri, fps, width, height)
        self.fps = fps
        self.width = width
        self.height = height
        self._container: Any = None

    def open(self) -> None:
        av = _av()
        try:
            self._container = av.open(
                self.spec.target, format=self.spec.fmt, options=self.spec.options)
        except (av.FFmpegError, OSError, ValueError) as exc:
            raise TransportError(
                _("The camera {uri} cannot be opened: {error}").format(
                    uri=self.spec.uri, error=exc)) from exc

    def close(self) -> None:
        if self._container is not None:
            container, self._container = self._container, None
            container.close()

    def frames(self, idle: Callable[[], bool] | None = None) -> Iterator[CameraFrame]:
        """RGB frames at the configured size until the camera stops (then TransportError).

        While ``idle()`` is True, pictures are still read (a V4L2 camera left unread stalls)
        but neither converted nor yielded, so an idle camera costs next to nothing."""
        av = _av()
        if self._container is None:
            raise TransportError(_("The camera is not open."))
        stream = self._container.streams.video[0]
        period = 1.0 / self.fps
        next_at = time.monotonic()
        try:
            for frame in self._container.decode(stream):
                if self.spec.synthetic:  # pace the test pattern like a real camera
                    delay = next_at - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    next_at = max(next_at + period, time.monotonic() - period)
                if idle is not None and idle():
                    continue
                rgb = frame.to_ndarray(width=self.width, height=self.height, format="rgb24")
                yield CameraFrame(rgb, time.monotonic())
        except av.FFmpegError as exc:
            raise TransportError(
                _("The camera {uri} stopped: {error}").format(uri=self.spec.uri, error=exc)
            ) from exc
        raise TransportError(_("The camera {uri} stopped sending pictures.").format(
            uri=self.spec.uri))

    def __enter__(self) -> CameraSource:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
