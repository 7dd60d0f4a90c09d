"""The recorder controller's mailbox: the bench's commands, and one wait for everything.

The controller thread used to wake every 50 ms to look at its queue and at the recorder
process. Each wake took the interpreter from the packer's scan thread; while a pack was filmed
that cost committed scans 1.2x their p99 (``bench/bench_evidence.py``). Now it sleeps until
a command is posted, the recorder process answers, or the process ends: the doorbell is a
pipe, so one ``multiprocessing.connection.wait`` covers all three on Linux and Windows.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from multiprocessing.connection import wait
from typing import Any


class Mailbox:
    def __init__(self) -> None:
        self._commands: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._bell_in, self._bell_out = multiprocessing.Pipe(duplex=False)
        self._lock = threading.Lock()
        self._rung = False  # one byte in the pipe at most, however many commands wait

    def post(self, command: tuple[Any, ...]) -> None:
        """Any thread: queue ``command`` and wake the controller (never blocks)."""
        self._commands.put(command)
        with self._lock:
            if not self._rung:
                self._rung = True
                self._bell_out.send_bytes(b"!")

    def take(self) -> tuple[Any, ...] | None:
        """The controller: the next command, or None when none is waiting."""
        try:
            return self._commands.get_nowait()
        except queue.Empty:
            return None

    def wait(self, also: list[Any], timeout_s: float) -> None:
        """The controller, after ``take`` gave None: sleep until a command is posted, one of
        ``also`` (the recorder's pipe, its process sentinel) is ready, or ``timeout_s``."""
        wait([self._bell_in, *also], timeout_s)
        with self._lock:
            while self._bell_in.poll():
                self._bell_in.recv_bytes()
            self._rung = False
