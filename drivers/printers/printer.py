"""A label printer: raw bytes of a language over a transport, status before and after."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from drivers.errors import DeviceConfigError
from drivers.i18n import _
from drivers.printers import escpos, tspl, zpl
from drivers.printers.status import PrinterLanguage, PrinterStatus
from drivers.transports.base import Transport

LANGUAGES: dict[str, PrinterLanguage] = {
    "zpl": PrinterLanguage("zpl", zpl.STATUS_QUERY, zpl.ZplStatusParser),
    "tspl": PrinterLanguage("tspl", tspl.STATUS_QUERY, tspl.TsplStatusParser),
    "escpos": PrinterLanguage("escpos", escpos.STATUS_QUERY, escpos.EscposStatusParser),
}


def printer_language(name: str) -> PrinterLanguage:
    try:
        return LANGUAGES[name.lower()]
    except KeyError:
        raise DeviceConfigError(
            _("Unknown printer language {name!r}; choose zpl, tspl or escpos.").format(name=name)
        ) from None


class PrintOutcome(StrEnum):
    PRINTED = "printed"  # sent, and the printer reports no fault afterwards
    SENT_UNVERIFIED = "sent_unverified"  # sent over a link that cannot report status
    FAILED = "failed"
    HELD = "held"  # the printer faulted holding the label: it prints once the fault is fixed


@dataclass(frozen=True, slots=True)
class PrintResult:
    outcome: PrintOutcome
    before: PrinterStatus
    after: PrinterStatus | None
    message: str

    @property
    def printed(self) -> bool:
        """True only when sent and the printer reported no fault: the label came out."""
        return self.outcome is PrintOutcome.PRINTED


class LabelPrinter:
    """Talks to one opened transport. Every call returns within about ``timeout`` seconds."""

    def __init__(self, transport: Transport, language: PrinterLanguage, timeout: float = 2.0):
        self.transport = transport
        self.language = language
        self.timeout = timeout

    def query_status(self) -> PrinterStatus:
        """Ask the printer; no (readable) answer within the timeout is a fault, never "ok".

        Raises TransportError when the link itself is gone.
        """
        if not self.transport.can_read:
            return PrinterStatus.unknown()
        self._drain()
        self.transport.write(self.language.status_query)
        parser = self.language.parser()
        deadline = time.monotonic() + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            data = self.transport.read(min(left, 0.1))
            for status in parser.feed(data):
                return status
        return PrinterStatus.no_reply()

    def print_job(self, job: bytes) -> PrintResult:
        """Status before, send, status after. Raises TransportError when the link fails."""
        before = self.query_status()
        if before.fault:
            return PrintResult(
                PrintOutcome.FAILED,
                before,
                None,
                _("Not printed: {reason}").format(reason=before.message),
            )
        self.transport.write(job)
        if not before.known:
            return PrintResult(
                PrintOutcome.SENT_UNVERIFIED,
                before,
                None,
                _("Sent to the printer; it cannot report status: check that the label came out."),
            )
        after = self.query_status()
        if after.fault and after.held > 0:
            return PrintResult(
                PrintOutcome.HELD,
                before,
                after,
                _("The printer holds the label: it prints by itself once this is fixed: "
                  "{reason}").format(reason=after.message),
            )
        if after.fault:
            return PrintResult(
                PrintOutcome.FAILED,
                before,
                after,
                _("The label may not have printed: {reason}").format(reason=after.message),
            )
        return PrintResult(PrintOutcome.PRINTED, before, after, _("Printed."))

    def _drain(self) -> None:
        """Drop late replies of an earlier query so they cannot answer this one."""
        for _attempt in range(64):
            if not self.transport.read(0.0):
                return
