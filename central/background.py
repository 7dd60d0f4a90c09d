"""Central's background workers: a daemon thread that calls ``run_once`` every ``poll_s``
seconds until ``stop()`` (carrier voids, close-outs, tracking pulls). A failed round is logged
and the next one tries again: the database or the carrier may be away for a while."""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod

log = logging.getLogger(__name__)


class PollingWorker(ABC):
    name = "background"
    wait_first = False  # True: the first round comes after one interval, not at start

    def __init__(self, poll_s: float) -> None:
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def wanted(self) -> bool:
        """False when there is nothing this worker could ever do (no carrier for it)."""
        return True

    def start(self) -> None:
        if not self.wanted():
            return
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        if self.wait_first and self._stop.wait(self.poll_s):
            return
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # away for now: the next round tries again
                log.exception("%s failed", self.name)
            self._stop.wait(self.poll_s)

    @abstractmethod
    def run_once(self) -> int:
        """One round; returns how many items it settled."""
