"""The demo's network-cut link keeps idle connections: before, the upstream socket kept its
2 s connect timeout, so a kept-alive connection idle for 2 s died and the demo's central
flapped offline (6 flips a minute; SO-1001 got a pool number with the network up)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from station.demo_link import LoopbackLink


def _echo_central() -> tuple[socket.socket, int]:
    """A stand-in for central on 127.0.0.1: answers whatever reaches it, once."""
    server = socket.create_server(("127.0.0.1", 0))

    def echo() -> None:
        with contextlib.suppress(OSError):
            conn, _ = server.accept()
            with conn:
                while data := conn.recv(1024):
                    conn.sendall(data)

    threading.Thread(target=echo, daemon=True).start()
    return server, server.getsockname()[1]


def test_an_idle_kept_alive_connection_survives_and_a_cut_still_cuts():
    server, port = _echo_central()
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


def test_a_connection_accepted_while_the_link_is_cut_does_not_live_on(monkeypatch):
    """A cut landing between accepting a connection and joining it to central left that
    connection alive: a kept-alive HTTP connection then reached central through a "cut" link
    and the e2e offline test saw "Central: online" (CI, once)."""
    import station.demo_link as demo_link

    server, port = _echo_central()
    link = LoopbackLink(port)
    connect = socket.create_connection

    def cut_while_connecting(*args, **kwargs):
        conn = connect(*args, **kwargs)
        link.cut()  # the cut lands here: after the accept, before the pipes start
        return conn

    monkeypatch.setattr(demo_link.socket, "create_connection", cut_while_connecting)
    try:
        client = connect(("127.0.0.1", link.port), timeout=5)
        client.settimeout(2)
        try:
            client.sendall(b"hello")
            answer = client.recv(16)  # a timeout fails the test: the link must close it
        except (ConnectionResetError, BrokenPipeError):
            answer = b""  # reset: also closed
        assert answer == b""  # closed by the link; before, central echoed b"hello"
    finally:
        monkeypatch.undo()
        link.stop()
        server.close()
