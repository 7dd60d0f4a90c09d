"""Pack evidence (打包取证): a camera clip of every pack, its hash in the audit trail.

Import :mod:`station.evidence.recorder` for :class:`EvidenceRecorder`; this package imports
nothing heavy (PyAV and numpy load in the recorder process only).
"""

from station.i18n import _


def evidence_addon_missing() -> str | None:
    """Why pack videos cannot be recorded on this install, or None when they can."""
    import importlib.util

    if all(importlib.util.find_spec(m) is not None for m in ("av", "numpy")):
        return None
    return _("the pack evidence add-on is not installed (PyAV): no pack video is recorded. "
             "Install packing-station-evidence, or pip install 'packing-station[evidence]'.")
