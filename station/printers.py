"""The core's ``Printer`` protocol on real printers: a drivers printer (its owner thread does
the I/O) and a platform's print component (Cainiao e-waybills)."""

from __future__ import annotations

from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

from drivers.errors import DeviceConfigError
from station.config import Settings
from station.devices import PrintJob, PrintResult
from station.i18n import _

if TYPE_CHECKING:
    from drivers.manager import DeviceManager


class ComponentPrinter:
    """The core's ``Printer`` protocol on a platform's print component (Cainiao): the job is
    the carrier's document ``{documentID, templateURL, data}`` as JSON."""

    def __init__(self, uri: str, timeout_s: float = 15.0) -> None:
        from drivers.printers.cainiao_component import CainiaoComponent

        self.component = CainiaoComponent(uri, timeout_s=timeout_s)

    def send(self, job: PrintJob) -> PrintResult:
        import json

        try:
            document = json.loads(job.data)
        except ValueError:
            return PrintResult(False, _("The platform label is damaged (not JSON)."))
        answer = self.component.print_document(document)
        return PrintResult(answer.printed, answer.message)


def platform_printer(settings: Settings) -> ComponentPrinter | None:
    """``[platform_printer]``: the print component for platform e-waybills, or None."""
    if not settings.platform_printer.uri:
        return None
    timeout = float(settings.platform_printer.options.get("timeout_s", 15.0))
    return ComponentPrinter(settings.platform_printer.uri, timeout_s=timeout)


class DriverPrinter:
    """The core's ``Printer`` protocol on a drivers printer (its owner thread does the I/O)."""

    def __init__(self, manager: DeviceManager, name: str = "printer", timeout_s: float = 20.0):
        self.manager = manager
        self.name = name
        self.timeout_s = timeout_s

    def send(self, job: PrintJob) -> PrintResult:
        try:
            result = self.manager.print_job(self.name, job.data).result(self.timeout_s)
        except (TimeoutError, FutureTimeout):
            return PrintResult(False, _("The printer did not answer in time."))
        except DeviceConfigError as exc:
            return PrintResult(False, str(exc))
        return PrintResult(bool(result.printed), result.message,
                           held=str(result.outcome) == "held")
