"""Write-only printer links: a device file, a CUPS queue in raw mode, the Windows spooler."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from typing import Any, BinaryIO

from drivers.errors import DeviceConfigError, TransportError
from drivers.i18n import _


class FileTransport:
    """A printer device file such as ``/dev/usb/lp0``; status cannot be read back."""

    can_read = False

    def __init__(self, uri: str, path: str) -> None:
        self.uri, self.path = uri, path
        self._file: BinaryIO | None = None

    def open(self) -> None:
        try:
            self._file = open(self.path, "ab", buffering=0)  # noqa: SIM115 - held until close()
        except OSError as exc:
            raise TransportError(
                _("Cannot open the printer device {path}: {reason}").format(
                    path=self.path, reason=exc
                )
            ) from exc

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):
                file.close()

    def write(self, data: bytes) -> None:
        if self._file is None:
            raise TransportError(_("The printer device {path} is not open.").format(path=self.path))
        try:
            self._file.write(data)
        except OSError as exc:
            raise TransportError(
                _("Writing to the printer device {path} failed: {reason}").format(
                    path=self.path, reason=exc
                )
            ) from exc

    def read(self, timeout: float) -> bytes:
        return b""


class CupsTransport:
    """A CUPS queue fed raw bytes with ``lp -d QUEUE -o raw``; each write is one job."""

    can_read = False

    def __init__(self, uri: str, queue: str, timeout: float = 10.0) -> None:
        self.uri, self.queue, self.timeout = uri, queue, timeout

    def open(self) -> None:
        pass  # lp connects per job

    def close(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        try:
            done = subprocess.run(
                ["lp", "-d", self.queue, "-o", "raw"],
                input=data,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TransportError(
                _("Cannot hand the label to the CUPS queue {queue}: {reason}").format(
                    queue=self.queue, reason=exc
                )
            ) from exc
        if done.returncode != 0:
            raise TransportError(
                _("The CUPS queue {queue} refused the label: {reason}").format(
                    queue=self.queue, reason=done.stderr.decode(errors="replace").strip()
                )
            )

    def read(self, timeout: float) -> bytes:
        return b""


class Win32SpoolerTransport:
    """The Windows spooler with the RAW datatype (``XPS_PASS`` for v4 drivers).

    pywin32 is imported only here, only on Windows.
    """

    can_read = False

    def __init__(self, uri: str, printer_name: str, datatype: str = "RAW") -> None:
        self.uri, self.printer_name, self.datatype = uri, printer_name, datatype
        self._win32print: Any = None

    def open(self) -> None:
        if sys.platform != "win32":
            raise DeviceConfigError(_("win32:// printers exist only on Windows."))
        try:
            import win32print
        except ImportError as exc:
            raise DeviceConfigError(_("Windows printing needs the 'pywin32' package.")) from exc
        self._win32print = win32print

    def close(self) -> None:
        self._win32print = None

    def write(self, data: bytes) -> None:
        w = self._win32print
        if w is None:
            raise TransportError(_("The Windows printer is not open."))
        try:
            handle = w.OpenPrinter(self.printer_name)
            try:
                w.StartDocPrinter(handle, 1, ("Packing Station label", None, self.datatype))
                try:
                    w.StartPagePrinter(handle)
                    w.WritePrinter(handle, data)
                    w.EndPagePrinter(handle)
                finally:
                    w.EndDocPrinter(handle)
            finally:
                w.ClosePrinter(handle)
        except Exception as exc:  # pywin32 raises pywintypes.error, not an OSError
            raise TransportError(
                _("The Windows printer {name} refused the label: {reason}").format(
                    name=self.printer_name, reason=exc
                )
            ) from exc

    def read(self, timeout: float) -> bytes:
        return b""
