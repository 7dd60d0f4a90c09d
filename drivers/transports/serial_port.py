"""Serial ports (and every pyserial URL: ``socket://``, ``loop://``, ``rfc2217://``...)."""

from __future__ import annotations

import contextlib
import select
import sys
from collections.abc import Mapping
from typing import Any

import serial
from serial.tools import list_ports

from drivers.errors import DeviceConfigError, TransportError
from drivers.i18n import _

# termios.error is not an OSError: a pty refusing 7E1 raises it from tcsetattr.
_PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, ValueError)
if sys.platform != "win32":
    import termios

    _PORT_ERRORS += (termios.error,)

SERIAL_SETTINGS = ("baudrate", "bytesize", "parity", "stopbits", "xonxoff", "rtscts", "dsrdtr")
_PARITY = {
    "N": serial.PARITY_NONE,
    "E": serial.PARITY_EVEN,
    "O": serial.PARITY_ODD,
    "M": serial.PARITY_MARK,
    "S": serial.PARITY_SPACE,
}
_STOPBITS = {
    "1": serial.STOPBITS_ONE,
    "1.5": serial.STOPBITS_ONE_POINT_FIVE,
    "2": serial.STOPBITS_TWO,
}


def serial_settings(options: Mapping[str, Any]) -> dict[str, Any]:
    """Typed pyserial settings from URI/config strings; a bad value is a config error."""
    out: dict[str, Any] = {}
    try:
        if "baudrate" in options:
            out["baudrate"] = int(options["baudrate"])
        if "bytesize" in options:
            out["bytesize"] = int(options["bytesize"])
            if out["bytesize"] not in (5, 6, 7, 8):
                raise ValueError
        if "parity" in options:
            out["parity"] = _PARITY[str(options["parity"]).upper()[:1]]
        if "stopbits" in options:
            out["stopbits"] = _STOPBITS[str(options["stopbits"])]
        for flag in ("xonxoff", "rtscts", "dsrdtr"):
            if flag in options:
                out[flag] = str(options[flag]).lower() in ("1", "true", "yes", "on")
    except (KeyError, ValueError):
        raise DeviceConfigError(
            _(
                "Invalid serial settings {options}: expected e.g. baudrate=9600, bytesize=7, "
                "parity=E, stopbits=1."
            ).format(options=dict(options))
        ) from None
    return out


def find_usb_serial_port(vid: int, pid: int, serial_number: str | None = None) -> str | None:
    """The current device path of a USB serial adapter, found by its USB ids (hot-plug safe)."""
    for port in list_ports.comports():
        if (
            port.vid == vid
            and port.pid == pid
            and (serial_number is None or port.serial_number == serial_number)
        ):
            return str(port.device)
    return None


class SerialTransport:
    """A pyserial port. ``port_url`` is a path/COM name or any pyserial URL.

    Reads take ``max(1, in_waiting)`` bytes (pyserial's readline reads one byte per syscall).
    """

    can_read = True

    def __init__(
        self, uri: str, port_url: str, settings: Mapping[str, Any], resolve: Any = None
    ) -> None:
        self.uri = uri
        self._port_url = port_url
        self._settings = dict(settings)
        self._resolve = resolve  # callable giving the current path (usb-serial://) or None
        self._port: serial.SerialBase | None = None
        self._fd: int | None = None

    def open(self) -> None:
        url = self._resolve() if self._resolve is not None else self._port_url
        if url is None:
            raise TransportError(
                _("The USB serial device {uri} is not plugged in.").format(uri=self.uri)
            )
        port = None
        try:
            # timeout=0: reads take only what select() said is there (one tcsetattr at open).
            port = serial.serial_for_url(url, do_not_open=True, timeout=0, write_timeout=2.0)
            port.apply_settings(self._settings)
            port.open()
            port.reset_input_buffer()  # never act on a stale weight buffered before we opened
            try:
                self._fd = port.fileno()
            except (AttributeError, NotImplementedError, OSError):
                self._fd = None  # URL handlers (loop://, socket://) have no descriptor
        except _PORT_ERRORS as exc:
            if port is not None:
                with contextlib.suppress(*_PORT_ERRORS):
                    port.close()  # half-opened: don't leak the descriptor
            raise TransportError(
                _("Cannot open the serial port {port}: {reason}").format(port=url, reason=exc)
            ) from exc
        self._port = port

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # The port may already be gone: closing is best effort.
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()

    def write(self, data: bytes) -> None:
        port = self._require()
        try:
            port.write(data)
        except (serial.SerialException, OSError) as exc:
            raise TransportError(
                _("The serial port was lost: {reason}").format(reason=exc)
            ) from exc

    def read(self, timeout: float) -> bytes:
        port = self._require()
        try:
            if self._fd is not None:
                # Wait in select ourselves: changing pyserial's timeout re-runs tcsetattr.
                ready, _w, _x = select.select([self._fd], [], [], max(0.0, timeout))
                if not ready:
                    return b""
            elif port.timeout != timeout:
                port.timeout = timeout
            return bytes(port.read(max(1, port.in_waiting)))
        except _PORT_ERRORS as exc:
            raise TransportError(
                _("The serial port was lost: {reason}").format(reason=exc)
            ) from exc

    def _require(self) -> serial.SerialBase:
        if self._port is None:
            raise TransportError(_("The serial port {uri} is not open.").format(uri=self.uri))
        return self._port
