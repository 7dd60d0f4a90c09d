"""Raw TCP (printers on port 9100, scales behind serial servers)."""

from __future__ import annotations

import contextlib
import select
import socket

from drivers.errors import TransportError
from drivers.i18n import _


def os_reason(exc: OSError) -> str:
    """What a packer can act on instead of "[Errno 111] Connection refused"."""
    if isinstance(exc, ConnectionRefusedError):
        return _("the device refuses the connection (switched off, unplugged from the "
                 "network, or another program holds it)")
    if isinstance(exc, TimeoutError):
        return _("no answer in time (switched off, or the network cable is out)")
    if isinstance(exc, ConnectionResetError | BrokenPipeError):
        return _("the device closed the connection (it restarted or was switched off)")
    if isinstance(exc, socket.gaierror):
        return _("the device's name cannot be found on the network")
    if isinstance(exc, OSError) and exc.errno in (101, 113):  # network / host unreachable
        return _("the device cannot be reached on the network")
    return exc.strerror or str(exc)


class TcpTransport:
    can_read = True

    def __init__(
        self,
        uri: str,
        host: str,
        port: int,
        connect_timeout: float = 2.0,
        write_timeout: float = 5.0,
    ) -> None:
        self.uri = uri
        self.host, self.port = host, port
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self._sock: socket.socket | None = None

    def open(self) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise TransportError(
                _("Cannot connect to {host}:{port}: {reason}").format(
                    host=self.host, port=self.port, reason=os_reason(exc)
                )
            ) from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(self.write_timeout)  # a printer that stops reading cannot hang us
        self._sock = sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def write(self, data: bytes) -> None:
        sock = self._require()
        try:
            sock.sendall(data)
        except OSError as exc:  # includes socket.timeout
            raise TransportError(
                _("Sending to {host}:{port} failed: {reason}").format(
                    host=self.host, port=self.port, reason=os_reason(exc)
                )
            ) from exc

    def read(self, timeout: float) -> bytes:
        sock = self._require()
        try:
            ready, _w, _x = select.select([sock], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = sock.recv(65536)
        except OSError as exc:
            raise TransportError(
                _("The connection to {host}:{port} was lost: {reason}").format(
                    host=self.host, port=self.port, reason=os_reason(exc)
                )
            ) from exc
        if not data:
            raise TransportError(
                _("{host}:{port} closed the connection.").format(host=self.host, port=self.port)
            )
        return data

    def _require(self) -> socket.socket:
        if self._sock is None:
            raise TransportError(_("The connection {uri} is not open.").format(uri=self.uri))
        return self._sock
