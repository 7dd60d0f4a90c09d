"""The thin byte pipe every device driver talks through."""

from __future__ import annotations

from typing import Protocol


class Transport(Protocol):
    """Opened and closed explicitly by the device's owner thread; never shared.

    ``read`` returns what is available (at least one byte) or ``b""`` after ``timeout``
    seconds; it raises TransportError when the link is gone. ``can_read`` is False for
    write-only links (CUPS queue, Windows spooler, plain device file).
    """

    uri: str
    can_read: bool

    def open(self) -> None: ...

    def close(self) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read(self, timeout: float) -> bytes: ...
