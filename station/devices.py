"""Small protocols for the bench devices the services call; ``drivers`` satisfy them.

The services never talk to a port: a bootstrap hands them an object with these methods
(a real driver adapter or a simulator). Weights are integer grams.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Weight:
    """One scale reading. Only a ``stable`` reading may be recorded on a parcel."""

    grams: int
    stable: bool
    fault: str | None = None  # e.g. "overload", "no answer"; a faulted reading has no weight


@dataclass(frozen=True, slots=True)
class PrintJob:
    """Printer-language bytes for one label (ZPL, TSPL, ESC/POS) and what it is for."""

    data: bytes
    language: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class PrintResult:
    """``ok`` only when the printer reported no fault after the job."""

    ok: bool
    message: str = ""
    faults: tuple[str, ...] = field(default_factory=tuple)
    held: bool = False  # not printed yet, but the printer keeps it and prints it once fixed


@runtime_checkable
class Scale(Protocol):
    def read(self) -> Weight:
        """The current reading; raises or returns a faulted Weight when the scale is dead."""
        ...


@runtime_checkable
class Printer(Protocol):
    def send(self, job: PrintJob) -> PrintResult:
        """Send one job and report whether it printed without fault."""
        ...
