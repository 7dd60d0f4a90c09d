"""The one family of errors that may leave a driver: each carries a sentence for a person."""

from __future__ import annotations


class DriverError(Exception):
    """Base of every error a driver raises; ``message`` is shown to a packer or IT admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeviceConfigError(DriverError):
    """A device URI or option is wrong (typo, unknown scheme, missing optional library)."""


class TransportError(DriverError):
    """The link to a device failed: port vanished, connection refused or dropped, timeout."""


class ProtocolError(DriverError):
    """Bytes from a device cannot be understood (wrong protocol, baud rate or parity)."""
