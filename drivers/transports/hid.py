"""USB HID devices via hidapi (``pip install packing-station[hid]``), imported only on open."""

from __future__ import annotations

import contextlib
from typing import Any

from drivers.errors import DeviceConfigError, TransportError
from drivers.i18n import _


class HidTransport:
    can_read = True

    def __init__(self, uri: str, vid: int, pid: int, serial_number: str | None = None) -> None:
        self.uri = uri
        self.vid, self.pid, self.serial_number = vid, pid, serial_number
        self._dev: Any = None

    def open(self) -> None:
        try:
            import hid
        except ImportError as exc:
            raise DeviceConfigError(
                _("USB HID scales need the 'hidapi' package: install packing-station[hid].")
            ) from exc
        try:
            dev = hid.device()
            dev.open(self.vid, self.pid, self.serial_number)
        except (OSError, ValueError, TypeError) as exc:
            raise TransportError(
                _("Cannot open the USB scale {vid:04x}:{pid:04x}: {reason}").format(
                    vid=self.vid, pid=self.pid, reason=exc
                )
            ) from exc
        self._dev = dev

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            with contextlib.suppress(OSError, ValueError):
                dev.close()

    def write(self, data: bytes) -> None:
        dev = self._require()
        try:
            dev.write(list(data))
        except (OSError, ValueError) as exc:
            raise TransportError(_("The USB device was lost: {reason}").format(reason=exc)) from exc

    def read(self, timeout: float) -> bytes:
        dev = self._require()
        try:
            return bytes(dev.read(64, max(1, int(timeout * 1000))))
        except (OSError, ValueError) as exc:
            raise TransportError(_("The USB device was lost: {reason}").format(reason=exc)) from exc

    def _require(self) -> Any:
        if self._dev is None:
            raise TransportError(_("The USB device {uri} is not open.").format(uri=self.uri))
        return self._dev
