"""A network label printer on 127.0.0.1: stores each job, answers status queries.

A job is every byte received between two status queries (or until the connection closes):
the driver sends status, job, status. Modes: ready, paper_out, head_open, paused, no_reply.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from drivers.sim import registry

LANGS = ("zpl", "tspl", "escpos")
MODES = ("ready", "paper_out", "head_open", "paused", "no_reply")
_QUERIES = {
    "zpl": (b"~HS",),
    "tspl": (b"\x1b!?",),
    "escpos": (b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04"),
}
_EXT = {"zpl": "zpl", "tspl": "tspl", "escpos": "bin"}


def status_reply(lang: str, mode: str, query: bytes = b"", held: int = 0) -> bytes:
    """The bytes the real printer answers in ``mode`` (``held``: formats in its buffer)."""
    if lang == "zpl":
        paper, pause, head = (mode == "paper_out"), (mode == "paused"), (mode == "head_open")
        return (
            f"\x02030,{paper:d},{pause:d},1218,{held:03d},0,0,0,000,0,0,0\x03\r\n"
            f"\x02000,0,{head:d},0,0,2,6,0,00000000,1,000\x03\r\n"
            "\x021234,0\x03\r\n"
        ).encode()
    if lang == "tspl":
        return bytes([{"paper_out": 0x04, "head_open": 0x01, "paused": 0x10}.get(mode, 0)])
    n = query[-1:] or b"\x01"
    if n == b"\x01":
        return bytes([0x12 | (0x08 if mode != "ready" else 0)])
    if n == b"\x02":
        byte = 0x12 | (0x04 if mode == "head_open" else 0) | (0x20 if mode == "paper_out" else 0)
        return bytes([byte])
    return bytes([0x12 | (0x60 if mode == "paper_out" else 0)])


class PrinterSimulator:
    def __init__(
        self,
        lang: str,
        *,
        port: int = 0,
        out_dir: str | Path | None = None,
        name: str | None = None,
    ) -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}")
        self.lang = lang
        self.name = name
        self.mode = "ready"
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.jobs: list[bytes] = []
        # ``fault_during_next_job``: the next job runs the printer out of paper (or opens the
        # head) while it is printed; the printer keeps it in its buffer (``held``) and prints
        # it when set_mode("ready") fixes the fault, as a Zebra does.
        self.fault_during_next_job: str | None = None
        self.held: list[bytes] = []
        self.status_queries = 0
        self._port = port
        self._server: socket.socket | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._jobs_changed = threading.Condition()

    @property
    def port(self) -> int:
        return self._server.getsockname()[1] if self._server else self._port

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self) -> PrinterSimulator:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self._port))
        server.listen(8)
        self._server = server
        self._stop.clear()
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        if self.name:
            registry.register(self.name, self.uri)
        self._spawn(self._accept_loop, "sim-printer")
        return self

    def stop(self) -> None:
        """Stops listening and drops every connection (a printer switched off)."""
        self._stop.set()
        server, self._server = self._server, None
        if server is not None:
            with contextlib.suppress(OSError):
                server.close()
        for thread in self._threads:
            thread.join(2.0)
        self._threads.clear()
        if self.name:
            registry.unregister(self.name)

    def __enter__(self) -> PrinterSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.mode = mode
        if mode == "ready":
            held, self.held = self.held, []
            for job in held:  # paper loaded: the held labels come out
                self._store(job, True)

    def wait_for_jobs(self, count: int, timeout: float) -> bool:
        with self._jobs_changed:
            return self._jobs_changed.wait_for(lambda: len(self.jobs) >= count, timeout)

    # -- internals ------------------------------------------------------------------------
    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            server = self._server
            if server is None:
                return
            try:
                ready, _w, _x = select.select([server], [], [], 0.05)
                if not ready:
                    continue
                conn, _addr = server.accept()
            except OSError:
                return
            self._spawn(self._serve, "sim-printer-conn", conn)

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        queries = _QUERIES[self.lang]
        accepting = True  # whether the printer was ready when the pending job began arriving
        with conn:
            while not self._stop.is_set():
                try:
                    ready, _w, _x = select.select([conn], [], [], 0.05)
                    if not ready:
                        continue
                    data = conn.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                if not buffer:
                    accepting = self.mode == "ready"
                buffer += data
                while True:
                    hits = [(buffer.find(q), q) for q in queries if buffer.find(q) >= 0]
                    if not hits:
                        break
                    at, query = min(hits)
                    self._store(bytes(buffer[:at]), accepting)
                    del buffer[: at + len(query)]
                    accepting = self.mode == "ready"
                    self.status_queries += 1
                    if self.mode != "no_reply":
                        with contextlib.suppress(OSError):
                            conn.sendall(status_reply(self.lang, self.mode, query,
                                                      len(self.held)))
            self._store(bytes(buffer), accepting)

    def _store(self, job: bytes, accepting: bool) -> None:
        if not job.strip(b"\r\n") or not accepting:
            return  # nothing to print, or the printer was faulted: a faulted printer prints nothing
        if self.fault_during_next_job:
            self.mode, self.fault_during_next_job = self.fault_during_next_job, None
            self.held.append(job)  # ran out mid-label: kept in the buffer, not printed
            return
        with self._jobs_changed:
            self.jobs.append(job)
            if self.out_dir is not None:
                path = self.out_dir / f"job-{len(self.jobs):04d}.{_EXT[self.lang]}"
                partial = path.with_name(path.name + ".part")
                partial.write_bytes(job)
                partial.replace(path)  # a watcher never sees half a job
            self._jobs_changed.notify_all()
