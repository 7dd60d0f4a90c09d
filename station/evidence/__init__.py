"""Pack evidence (打包取证): a camera clip of every pack, its hash in the audit trail.

Import :mod:`station.evidence.recorder` for :class:`EvidenceRecorder`; this package imports
nothing heavy (PyAV and numpy load in the recorder process only).
"""
