"""Stock at the bench: quantity by SKU and location, and the replenishment alerts central
computes from its minimums. Read from central on demand (network: run it off the store lane);
offline the bench says so instead of showing numbers that may be stale."""

from __future__ import annotations

from contract import StockReport
from station.domain.model import Permission
from station.domain.verdict import Verdict, needs_action, ok, stop
from station.services.inbound import BenchUseCases, central_verdict
from station.store import inbound_store as store
from station.sync.errors import CentralError


class StockService(BenchUseCases):
    def fetch(self, sku: str | None = None) -> tuple[Verdict, StockReport | None]:
        """The stock report (all SKUs, or one) and what to tell the person at the bench."""
        self._require(Permission.RECEIVE, "look up stock")
        code = (sku or "").strip()
        sku = None
        if code:  # a product barcode or a SKU label names its SKU
            hit = self._tx(lambda: store.sku_of_code(self._conn, code))
            sku = hit[0] if hit else code
        if self.client is None:
            return stop("no_central", "This station has no central connection set up, so "
                        "stock cannot be shown."), None
        try:
            report = self.client.stock(sku)
        except CentralError as exc:
            return central_verdict(exc, sku or "stock"), None
        if report.alerts:
            return needs_action("replenish", "{n} SKUs are below their minimum: replenish "
                                "them.", n=len(report.alerts)), report
        if sku and not report.levels:
            return needs_action("no_stock", "No stock of {sku} in this warehouse.",
                                sku=sku), report
        return ok("stock_shown", "Stock as central holds it now."), report
