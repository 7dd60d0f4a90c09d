"""Transports opened by URI move real bytes (loop://, socket://, pty) and fail with a sentence."""

from __future__ import annotations

import os
import socket
import sys
import threading
import tty

import pytest

from drivers.errors import DeviceConfigError, DriverError, TransportError
from drivers.transports import make_transport


def test_loop_url_round_trip():
    t = make_transport("loop://?baudrate=9600")
    t.open()
    try:
        t.write(b"S S 1 g\r\n")
        got = b""
        for _ in range(20):
            got += t.read(0.05)
            if got.endswith(b"\n"):
                break
        assert got == b"S S 1 g\r\n"
    finally:
        t.close()


def test_socket_url_to_a_serial_server_on_loopback():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(conn.recv(64).upper())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    t = make_transport(f"socket://127.0.0.1:{port}")
    t.open()
    try:
        t.write(b"w\r")
        got = b""
        for _ in range(40):
            got += t.read(0.05)
            if got.endswith(b"\r"):
                break
        assert got == b"W\r"
    finally:
        t.close()
        thread.join(2)
        server.close()


def test_pty_read_takes_everything_waiting_in_one_call():
    master, slave = os.openpty()
    tty.setraw(slave)
    t = make_transport(f"serial://{os.ttyname(slave)}?baudrate=9600")
    t.open()
    try:
        os.write(master, b"0123456789\r")
        got = t.read(1.0)
        for _ in range(20):
            if got.endswith(b"\r"):
                break
            got += t.read(0.05)
        assert got == b"0123456789\r"
        assert t.read(0.01) == b""  # nothing waiting: returns after the timeout, empty
        os.close(master)
        with pytest.raises(TransportError, match="lost"):
            for _ in range(20):
                t.read(0.05)
    finally:
        t.close()
        os.close(slave)


def test_missing_serial_port_is_a_transport_error():
    with pytest.raises(TransportError, match="Cannot open the serial port"):
        make_transport("serial:///dev/does-not-exist").open()


def test_usb_serial_device_not_plugged_in():
    with pytest.raises(TransportError, match="not plugged in"):
        make_transport("usb-serial://ffff:fffe").open()


def test_tcp_connection_refused_is_a_transport_error():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.close()
    with pytest.raises(TransportError, match=f"127.0.0.1:{port}"):
        make_transport(f"tcp://127.0.0.1:{port}").open()


def test_hid_without_hidapi_or_device_is_a_driver_error():
    with pytest.raises(DriverError):
        make_transport("hid://0922:8003").open()


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows refusal")
def test_win32_printer_off_windows_is_a_config_error():
    with pytest.raises(DeviceConfigError, match="only on Windows"):
        make_transport("win32://ZDesigner GK420d").open()


def test_cups_queue_that_cannot_take_the_job():
    t = make_transport("cups://no-such-queue-for-tests")
    t.open()
    with pytest.raises(TransportError, match="CUPS queue no-such-queue-for-tests"):
        t.write(b"^XA^XZ")
    assert t.read(0.0) == b""  # write-only link
