"""A background loop on its own thread that can be woken early and stopped promptly."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod


class WakeableLoop(ABC):
    """``start()`` runs :meth:`_run` on a daemon thread named ``thread_name``; ``wake()`` ends
    the current wait at once; ``stop()`` asks the loop to end and joins it."""

    thread_name = "loop"

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def wake(self) -> None:
        """Do the next round now instead of after the current wait."""
        self._wake.set()

    def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` or until woken or stopped."""
        self._wake.wait(seconds)
        self._wake.clear()

    @abstractmethod
    def _run(self) -> None:
        """The loop body; must return soon after ``self._stopping`` is set."""
