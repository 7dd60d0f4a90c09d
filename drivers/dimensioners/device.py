"""A dimensioner on a serial port or TCP socket: ask, wait for one line, give millimetres."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from drivers.dimensioners.cubing import (
    REQUEST,
    DimensionerError,
    DimensionerFault,
    DimensionerLines,
    Measurement,
)
from drivers.errors import ProtocolError, TransportError
from drivers.i18n import _
from drivers.transports import Transport, make_transport


class Dimensioner:
    """Opened and used by one owner thread (never the GUI thread): ``open()``,
    :meth:`measure` per parcel, ``close()``. URIs as for scales (``serial://``, ``tcp://``...).
    """

    def __init__(self, uri: str, options: Mapping[str, Any] | None = None,
                 transport: Transport | None = None) -> None:
        self.uri = uri
        self.transport = transport or make_transport(uri, options)
        self._lines = DimensionerLines()

    def open(self) -> None:
        self.transport.open()

    def close(self) -> None:
        self.transport.close()

    def measure(self, timeout_s: float = 3.0) -> Measurement:
        """Ask for a measurement; raises DimensionerError (device fault), ProtocolError
        (garbage) or TransportError (no reply within ``timeout_s``, link lost)."""
        # A reading the device pushed before we asked (its own trigger) must not answer this
        # request: drop whatever is waiting, then ask.
        for _attempt in range(64):
            if not self.transport.read(0):
                break
        self._lines = DimensionerLines()
        self.transport.write(REQUEST)
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            for item in self._lines.feed(self.transport.read(min(left, 0.1))):
                if isinstance(item, Measurement):
                    return item
                if isinstance(item, DimensionerFault):
                    raise DimensionerError(item.message)
                if isinstance(item, ProtocolError):
                    raise item
        raise TransportError(_("The dimensioner did not answer in time."))

    def __enter__(self) -> Dimensioner:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
