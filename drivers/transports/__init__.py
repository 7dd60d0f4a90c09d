"""Open a device link from its configured URI.

``serial:///dev/ttyUSB0?baudrate=9600&bytesize=7&parity=E`` (or ``serial://COM3?...``), any
pyserial URL (``socket://``, ``loop://``, ``rfc2217://``...), ``usb-serial://VID:PID[/SERIAL]``,
``tcp://host:9100``, ``hid://VID:PID[/SERIAL]``, ``file:///dev/usb/lp0``, ``cups://QUEUE``,
``win32://Printer Name`` and ``sim://NAME`` (a simulator running in this process).
Nothing is opened here: the owner thread calls ``open()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from drivers.errors import DeviceConfigError
from drivers.i18n import _
from drivers.transports.base import Transport
from drivers.transports.hid import HidTransport
from drivers.transports.serial_port import (
    SERIAL_SETTINGS,
    SerialTransport,
    find_usb_serial_port,
    serial_settings,
)
from drivers.transports.spool import CupsTransport, FileTransport, Win32SpoolerTransport
from drivers.transports.tcp import TcpTransport

__all__ = ["Transport", "make_transport", "parse_usb_ids"]

PYSERIAL_SCHEMES = ("socket", "loop", "rfc2217", "spy", "alt", "hwgrep", "cp2110")


def parse_usb_ids(text: str, uri: str) -> tuple[int, int]:
    """``"0922:8003"`` → (0x0922, 0x8003)."""
    try:
        vid_text, pid_text = text.split(":")
        return int(vid_text, 16), int(pid_text, 16)
    except ValueError:
        raise DeviceConfigError(
            _("{uri}: USB ids must look like 0922:8003 (vendor:product, hexadecimal).").format(
                uri=uri
            )
        ) from None


def make_transport(uri: str, defaults: Mapping[str, Any] | None = None) -> Transport:
    """A closed transport for ``uri``; URI query settings win over ``defaults``."""
    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    query = dict(parse_qsl(parts.query))
    settings = {k: v for k, v in (defaults or {}).items() if k in SERIAL_SETTINGS}
    settings.update({k: v for k, v in query.items() if k in SERIAL_SETTINGS})
    location = unquote(parts.netloc + parts.path)
    if scheme == "serial":
        if not location:
            raise DeviceConfigError(_("{uri}: no serial port named.").format(uri=uri))
        return SerialTransport(uri, location, serial_settings(settings))
    if scheme in PYSERIAL_SCHEMES:
        rest = urlencode({k: v for k, v in query.items() if k not in SERIAL_SETTINGS})
        url = f"{scheme}://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else "")
        return SerialTransport(uri, url, serial_settings(settings))
    if scheme == "usb-serial":
        vid, pid = parse_usb_ids(parts.netloc, uri)
        serial_number = parts.path.strip("/") or None
        return SerialTransport(
            uri,
            "",
            serial_settings(settings),
            resolve=lambda: find_usb_serial_port(vid, pid, serial_number),
        )
    if scheme == "tcp":
        try:
            host, port = parts.hostname, parts.port or 9100
        except ValueError:
            host = None
        if not host:
            raise DeviceConfigError(_("{uri}: expected tcp://host:port.").format(uri=uri))
        return TcpTransport(uri, host, port)
    if scheme == "hid":
        vid, pid = parse_usb_ids(parts.netloc, uri)
        return HidTransport(uri, vid, pid, parts.path.strip("/") or None)
    if scheme == "file":
        if not parts.path:
            raise DeviceConfigError(_("{uri}: no device file named.").format(uri=uri))
        return FileTransport(uri, unquote(parts.path))
    if scheme == "cups":
        if not parts.netloc:
            raise DeviceConfigError(_("{uri}: no CUPS queue named.").format(uri=uri))
        return CupsTransport(uri, unquote(parts.netloc))
    if scheme == "win32":
        name = unquote(uri.split("://", 1)[1]).split("?", 1)[0]
        return Win32SpoolerTransport(uri, name, query.get("datatype", "RAW"))
    if scheme == "sim":
        from drivers.sim.registry import resolve

        return make_transport(resolve(unquote(parts.netloc + parts.path)), defaults)
    raise DeviceConfigError(
        _(
            "Unknown device address {uri!r}: use serial://, usb-serial://, tcp://, hid://, "
            "file://, cups://, win32:// or sim://."
        ).format(uri=uri)
    )
