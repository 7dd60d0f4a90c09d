"""Who a lead is, for one action: a scanned badge, or a badge number with its PIN.

A plain value the window builds from a lead dialog (it imports nothing heavy); the services
decide whether it proves a lead (``PackingService.authorise``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LeadProof:
    """A lead identifying for one action: ``scanned`` badge, or badge + ``pin``."""

    badge: str
    scanned: bool = False
    pin: str | None = None

    @classmethod
    def scan(cls, badge: str) -> LeadProof:
        return cls(badge, scanned=True)

    @classmethod
    def with_pin(cls, badge: str, pin: str) -> LeadProof:
        return cls(badge, scanned=False, pin=pin)
