"""The demo's network-cut link keeps idle connections: before, the upstream socket kept its
2 s connect timeout, so a kept-alive connection idle for 2 s died and the demo's central
flapped offline (6 flips a minute; SO-1001 got a pool number with the network up)."""

from __future__ import annotations

import socket
import threading
import time

from station.demo_link import LoopbackLink


def test_an_idle_kept_alive_connection_survives_and_a_cut_still_cuts():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def echo() -> None:
        conn, _ = server.accept()
        with conn:
            while data := conn.recv(1024):
                conn.sendall(data)

    threading.Thread(target=echo, daemon=True).start()
    link = LoopbackLink(port)
    try:
        client = socket.create_connection(("127.0.0.1", link.port), timeout=5)
        client.sendall(b"one")
        assert client.recv(16) == b"one"
        time.sleep(2.5)  # idle longer than the old timeout
        client.sendall(b"two")
        assert client.recv(16) == b"two"
        link.cut()
        client.settimeout(2)
        try:
            client.sendall(b"three")
            assert client.recv(16) == b""
        except OSError:
            pass  # reset: also cut
    finally:
        link.stop()
        server.close()
