"""The window's side of the worker lanes: run a core call off the GUI thread, deliver its
result on it.

The lanes themselves are the runtime's (:class:`station.runtime.Lanes`: ``store`` serialises
SQLite writes, ``http`` talks to central, ``print`` sends to the printer); this adapter only
carries each result or failure back to the GUI thread through a queued signal. The function
runs on the lane's thread and must never touch a widget. Failures without their own handler
go to one place: the ``failed`` signal, which the window shows as a red banner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from station.runtime import LANES, Lanes, OpFailure
from ui.qt import QObject, Signal

log = logging.getLogger(__name__)

__all__ = ["LANES", "OpFailure", "Ops"]


class Ops(QObject):
    """The GUI end of one set of lanes. Call :meth:`shutdown` when the window closes."""

    failed = Signal(object)  # OpFailure, for operations without their own on_error
    _deliver = Signal(object, object)  # (callback, value): crosses back to the GUI thread
    _relay = Signal(object, object)  # (callback, value) told by the runtime, not counted

    def __init__(self, parent: QObject | None = None, lanes: Lanes | None = None) -> None:
        super().__init__(parent)
        self.lanes = lanes or Lanes()
        self._closed = False
        self.pending = 0
        self._deliver.connect(self._on_deliver)
        self._relay.connect(self._on_relay)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        lane: str = "store",
        what: str = "",
        on_error: Callable[[OpFailure], None] | None = None,
    ) -> Future[Any] | None:
        """Queue ``fn`` on ``lane``; ``on_done(result)`` runs later on the GUI thread."""
        if self._closed or self.lanes.closed:
            return None
        self.pending += 1
        return self.lanes.run(
            fn,
            lambda result: self._post(self._deliver, on_done, result),
            lane=lane,
            what=what,
            on_error=lambda failure: self._post(
                self._deliver, on_error or self._route_failure, failure
            ),
        )

    def post(self, callback: Callable[[Any], None], value: Any) -> None:
        """Call ``callback(value)`` on the GUI thread (for the runtime's listeners)."""
        self._post(self._relay, callback, value)

    def _post(self, signal: Any, callback: Callable[[Any], None] | None, value: Any) -> None:
        if self._closed:
            return  # the window is gone: nobody to tell
        try:
            signal.emit(callback, value)
        except RuntimeError:  # the Qt side was deleted meanwhile
            log.debug("operation result dropped after shutdown")

    def _route_failure(self, failure: OpFailure) -> None:
        self.failed.emit(failure)

    def _on_deliver(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        self.pending -= 1
        if callback is not None and not self._closed:
            callback(value)

    def _on_relay(self, callback: Callable[[Any], None], value: Any) -> None:
        if not self._closed:
            callback(value)

    def shutdown(self) -> None:
        """Stop taking work; running calls finish on their own threads (never joined here)."""
        self._closed = True
        self.lanes.shutdown()
