"""Small UI operations: run a core call off the GUI thread, deliver the result on it.

One single-worker lane per kind of I/O: ``store`` serialises SQLite writes (one writer),
``http`` talks to central, ``print`` sends to the printer (a hung printer must not hold up
scans). The function runs on the lane's thread and must never touch a widget; its result or
its exception comes back to the GUI thread through a queued signal. Failures without their
own handler go to one place: the ``failed`` signal, which the window shows as a red banner.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ui.qt import QObject, Signal

log = logging.getLogger(__name__)

LANES = ("store", "http", "print", "device")


@dataclass(frozen=True)
class OpFailure:
    """An operation raised. ``message`` is what the packer sees; ``detail`` goes to the log."""

    what: str
    message: str
    error: BaseException
    detail: str


class Ops(QObject):
    """Owns the worker lanes of one window. Call :meth:`shutdown` when the window closes."""

    failed = Signal(object)  # OpFailure, for operations without their own on_error
    _deliver = Signal(object, object)  # (callback, value): crosses back to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {
            name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"op-{name}")
            for name in LANES
        }
        self._closed = False
        self.pending = 0
        self._deliver.connect(self._on_deliver)

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
        if self._closed:
            return None
        self.pending += 1

        def job() -> Any:
            try:
                result = fn()
            except BaseException as exc:  # a failing op must reach the screen, not vanish
                failure = OpFailure(
                    what or getattr(fn, "__name__", "operation"),
                    str(exc) or type(exc).__name__,
                    exc,
                    traceback.format_exc(),
                )
                log.warning("operation %s failed: %s", failure.what, failure.detail)
                self._post(on_error or self._route_failure, failure)
                return None
            self._post(on_done, result)
            return result

        return self._lanes[lane].submit(job)

    def _post(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if self._closed:
            return  # the window is gone: nobody to tell
        try:
            self._deliver.emit(callback, value)
        except RuntimeError:  # the Qt side was deleted meanwhile
            log.debug("operation result dropped after shutdown")

    def _route_failure(self, failure: OpFailure) -> None:
        self.failed.emit(failure)

    def _on_deliver(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        self.pending -= 1
        if callback is not None and not self._closed:
            callback(value)

    def shutdown(self) -> None:
        """Stop taking work; running calls finish on their own threads (never joined here)."""
        self._closed = True
        for lane in self._lanes.values():
            lane.shutdown(wait=False, cancel_futures=True)
