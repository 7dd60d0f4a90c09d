"""The dimensioner's owner thread: the only thread that touches its port.

Callers (the label step, on a worker lane) ask :meth:`DimensionerOwner.measure` and get a
Future; a lost link is reopened on the next request, so a replugged USB adapter just works.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any

from drivers.dimensioners.cubing import Measurement
from drivers.dimensioners.device import Dimensioner
from drivers.errors import DriverError, TransportError


class DimensionerOwner:
    """``start()``, :meth:`measure` as often as needed, ``stop()``."""

    def __init__(self, uri: str, options: Mapping[str, Any] | None = None,
                 timeout_s: float = 3.0) -> None:
        self.uri = uri
        self.timeout_s = timeout_s
        self._options = dict(options or {})
        self._requests: queue.Queue[Future[Measurement] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._device: Dimensioner | None = None

    def start(self) -> DimensionerOwner:
        self._thread = threading.Thread(target=self._run, name=f"dimensioner:{self.uri}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 3.0) -> None:
        self._requests.put(None)
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def measure(self) -> Future[Measurement]:
        """The parcel's size; the future raises a DriverError with a sentence for a person."""
        fut: Future[Measurement] = Future()
        self._requests.put(fut)
        return fut

    def _run(self) -> None:
        try:
            while (fut := self._requests.get()) is not None:
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    fut.set_result(self._measure())
                except DriverError as exc:
                    fut.set_exception(exc)
        finally:
            self._close()

    def _measure(self) -> Measurement:
        if self._device is None:
            device = Dimensioner(self.uri, self._options)
            device.open()
            self._device = device
        try:
            return self._device.measure(self.timeout_s)
        except TransportError:
            self._close()  # reopened on the next request (replugged adapter, new pty)
            raise

    def _close(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            with contextlib.suppress(DriverError, OSError):
                device.close()
