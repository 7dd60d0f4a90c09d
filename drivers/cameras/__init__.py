"""Cameras over the bench (pack evidence): frames in, nothing of ours imported."""

from drivers.cameras.source import (
    SYNTHETIC_PATTERNS,
    CameraFrame,
    CameraSource,
    CameraSpec,
    parse_camera_uri,
)

__all__ = ["SYNTHETIC_PATTERNS", "CameraFrame", "CameraSource", "CameraSpec", "parse_camera_uri"]
