"""WMS-side (admin) request and answer bodies. Station-facing bodies live in
``station.sync.contract``; these are only spoken between the WMS and the central server."""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, Field, UrlConstraints

from station.sync.contract import Contract, InboundLine, InboundNotice, Order, OrderStatus

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
