"""WMS-side (admin) request and answer bodies. Station-facing bodies live in
``contract``; these are only spoken between the WMS and the central server."""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, Field, UrlConstraints, model_validator

from contract import Contract, InboundLine, InboundNotice, Order, OrderStatus

__all__ = ["InboundLine", "InboundNotice"]  # re-exported: the WMS writes them too


class Warehouse(Contract):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=200)


class Station(Contract):
    name: str = Field(min_length=1, max_length=64)
    warehouse: str = Field(min_length=1, max_length=32)


class Seller(Contract):
    """A merchant whose orders we ship; tracking events go to its webhook, signed."""

    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    webhook_url: Annotated[AnyHttpUrl, UrlConstraints(max_length=500)] | None = None
    webhook_secret: str | None = Field(default=None, min_length=16, max_length=200)

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Seller:
        # An unsigned (or empty-key signed) webhook lets anyone forge tracking updates.
        if self.webhook_url is not None and not self.webhook_secret:
            raise ValueError("a webhook_url needs a webhook_secret (16 to 200 characters)")
        secret = self.webhook_secret
        if secret is not None and (len(set(secret)) < 8 or secret != secret.strip()):
            # Sixteen spaces (or "aaaa…") is no secret: anyone could sign tracking updates.
            raise ValueError("a webhook_secret needs at least 8 different characters and no "
                             "spaces at either end")
        return self


class CentralRange(Contract):
    """The carrier's numbers the central server hands out itself (``POST /v1/shipments``)."""

    prefix: str = Field(default="", max_length=10)
    suffix: str = Field(default="", max_length=10)
    width: int = Field(ge=1, le=30)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class OrderRelease(Order):
    """An order released to a warehouse, with the seller to notify of its tracking."""

    seller: str | None = Field(default=None, max_length=64)


class OrderDecision(Contract):
    """Cancel or intercept an order (a hard stop at the bench before the label)."""

    status: OrderStatus
    reason: str = Field(min_length=1, max_length=500)


class Saved(Contract):
    """Answer of a WMS write: what was saved and the change sequence it got."""

    key: str
    seq: int | None = None


class StockMinimum(Contract):
    """Replenish ``sku`` when its available stock in the warehouse falls below ``minimum``."""

    minimum: int = Field(ge=0, le=10**9)


class Rma(Contract):
    """A return the seller authorised for an order; the bench opens it by ``rma``."""

    rma: str = Field(min_length=1, max_length=64)
    order_id: str = Field(min_length=1, max_length=64)
class OperatorPin(Contract):
    """A new PIN for an operator, sent over TLS once; central stores only its argon2 hash."""

    pin: str = Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z]+$")
