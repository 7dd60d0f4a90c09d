"""Device I/O only: bytes in, typed events out. Imports no Qt and nothing of ours.

Protocol code (scale frames, printer status, scanner lines) is pure and byte-testable;
transports are thin and opened by URI; ``manager`` gives every device one owner thread.
"""
