"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1 between a station and the central server.

Per request it picks a fault: pass, drop before the server sees the request, drop after the
server answered (so it committed), reset the connection in the middle of the answer, answer
500 itself, or hold the answer longer than the client waits. ``offline`` closes every
connection at once (the network is down).

A real network path does more, and ``rule(method, path) -> fault`` picks it per request:
``html404`` (a reverse proxy that does not know the route answers an nginx HTML page),
``hang`` (never answers), ``swallow`` (central gets the request and commits, the answer never
comes back), ``idle_drop`` (a NAT or firewall forgot the idle connection: the next request on it
gets a reset, central never sees it).
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable

FAULTS = ("pass", "drop_before", "drop_after", "reset_mid", "http500", "delay")


class _Closed(Exception):
    pass


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes:
    """One HTTP message (head + Content-Length body) from ``sock``; leftovers stay buffered."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed
        buffer += chunk
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed
        buffer += chunk
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


def _reset(sock: socket.socket) -> None:
    # SO_LINGER 0: close() sends RST instead of FIN (a torn connection).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class ChaosProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        fault_rate: float = 0.0,
        delay_s: float = 1.5,
        seed: int = 7,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.fault_rate = fault_rate
        self.delay_s = delay_s
        self.offline = False
        self.rule: Callable[[str, str], str | None] | None = None
        self.idle_drop_s: float | None = None  # connections idle this long are forgotten
        self.seen: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._open: set[socket.socket] = set()
        accept = threading.Thread(target=self._accept, name="chaos-accept", daemon=True)
        accept.start()
        self._threads.append(accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        for sock in list(self._open):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _pick(self, request: bytes = b"") -> str:
        with self._lock:
            ruled = None
            if self.rule is not None and request:
                method, _, rest = request.partition(b" ")
                path = rest.partition(b" ")[0].decode(errors="replace").split("?")[0]
                ruled = self.rule(method.decode(errors="replace"), path)
            if ruled:
                fault = ruled
            elif self.offline:
                fault = "offline"
            elif self._rng.random() < self.fault_rate:
                # Round-robin over the fault kinds so a short run sees every one.
                fault = FAULTS[1 + sum(self.seen[f] for f in FAULTS[1:]) % (len(FAULTS) - 1)]
            else:
                fault = "pass"
            self.seen[fault] += 1
            return fault

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(client,), daemon=True)
            worker.start()
            self._threads = [t for t in self._threads if t.is_alive()] + [worker]

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(10)
        self._open.add(client)
        upstream: socket.socket | None = None
        from_client, from_server = bytearray(), bytearray()
        answered_at: float | None = None
        try:
            while not self._stop.is_set():
                try:
                    request = _read_message(client, from_client)
                except (_Closed, OSError):
                    return
                if (self.idle_drop_s is not None and answered_at is not None
                        and time.monotonic() - answered_at >= self.idle_drop_s):
                    with self._lock:
                        self.seen["idle_drop"] += 1
                    _reset(client)  # the middlebox forgot us: RST, central never sees it
                    return
                fault = self._pick(request)
                if fault in ("offline", "drop_before"):
                    _reset(client)
                    return
                if fault == "html404":
                    body = (b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                            b"<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx"
                            b"</center>\r\n</body>\r\n</html>\r\n")
                    client.sendall(
                        b"HTTP/1.1 404 Not Found\r\nServer: nginx\r\nContent-Type: text/html"
                        b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                    answered_at = time.monotonic()
                    continue
                if fault == "hang":
                    self._stop.wait(60)
                    return
                if fault == "http500":
                    body = b'{"code":"busy","message":"injected"}'
                    client.sendall(
                        b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json"
                        b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                    )
                    continue
                if upstream is None:
                    upstream = socket.create_connection(self.upstream, timeout=30)
                upstream.sendall(request)
                response = _read_message(upstream, from_server)
                if fault == "drop_after":
                    _reset(client)
                    return
                if fault == "swallow":
                    self._stop.wait(60)
                    return
                if fault == "reset_mid":
                    client.sendall(response[: len(response) // 2])
                    _reset(client)
                    return
                if fault == "delay":
                    time.sleep(self.delay_s)
                client.sendall(response)
                answered_at = time.monotonic()
        except (OSError, _Closed):
            return
        finally:
            self._open.discard(client)
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()
