"""An unplugged network printer is told to the packer in words, not "[Errno 111]"."""

from __future__ import annotations

import socket

import pytest

from drivers.errors import TransportError
from drivers.transports.tcp import TcpTransport


def test_a_refused_printer_connection_says_what_to_check():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    transport = TcpTransport(f"tcp://127.0.0.1:{port}", "127.0.0.1", port)
    with pytest.raises(TransportError) as err:
        transport.open()
    assert "Errno" not in str(err.value)
    assert "switched off" in str(err.value)
