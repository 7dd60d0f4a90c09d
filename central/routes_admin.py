"""WMS-side endpoints (admin token): reference data, orders, pool segments, inbound notices."""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection

from central import wms
from central.deps import admin_caller, engine_of, run_in_tx
from central.errors import ApiProblem
from central.schemas import (
    CentralRange,
    InboundNotice,
    OperatorPin,
    OrderDecision,
    OrderRelease,
    Rma,
    Saved,
    Seller,
    Station,
    StockMinimum,
    Warehouse,
)
from central.strict import StrictBodyRoute
from contract import (
    Carrier,
    Location,
    Operator,
    Packaging,
    PoolSegment,
    Product,
)

router = APIRouter(
    prefix="/v1/admin",
    tags=["wms"],
    dependencies=[Depends(admin_caller)],
    route_class=StrictBodyRoute,
)

Key = Annotated[str, Path(min_length=1, max_length=64)]


def _same_key(path_key: str, body_key: str) -> None:
    if path_key != body_key:
        raise ApiProblem(
            422, "key_mismatch", f"The address names {path_key} but the body names {body_key}."
        )


def _save(request: Request, key: str, work: Callable[[Connection], int | None]) -> Saved:
    return Saved(key=key, seq=run_in_tx(engine_of(request), work))


@router.put("/warehouses/{code}", response_model=Saved)
def put_warehouse(request: Request, body: Warehouse, code: Key) -> Saved:
    _same_key(code, body.code)
    return _save(request, code, lambda c: wms.save_warehouse(c, body))


@router.put("/stations/{name}", response_model=Saved)
def put_station(request: Request, body: Station, name: Key) -> Saved:
    _same_key(name, body.name)
    return _save(request, name, lambda c: wms.save_station(c, body))


@router.put("/sellers/{code}", response_model=Saved)
def put_seller(request: Request, body: Seller, code: Key) -> Saved:
    _same_key(code, body.code)
    return _save(request, code, lambda c: wms.save_seller(c, body))


@router.put("/products/{sku}", response_model=Saved)
def put_product(request: Request, body: Product, sku: Key) -> Saved:
    _same_key(sku, body.sku)
    return _save(request, sku, lambda c: wms.save_product(c, body))


@router.put("/packaging/{code}", response_model=Saved)
def put_packaging(request: Request, body: Packaging, code: Key) -> Saved:
    _same_key(code, body.code)
    return _save(request, code, lambda c: wms.save_packaging(c, body))


@router.put("/carriers/{code}", response_model=Saved)
def put_carrier(request: Request, body: Carrier, code: Key) -> Saved:
    _same_key(code, body.code)
    return _save(request, code, lambda c: wms.save_carrier(c, body))


@router.put("/carriers/{code}/central-range", response_model=Saved)
def put_central_range(request: Request, body: CentralRange, code: Key) -> Saved:
    return _save(request, code, lambda c: wms.save_central_range(c, code, body))


@router.put("/operators/{badge}", response_model=Saved)
def put_operator(
    request: Request,
    body: Operator,
    badge: Key,
    warehouse: str | None = Query(default=None, max_length=32),
    station: Annotated[
        list[str] | None, Query(description="stations the operator may log in at (all)")
    ] = None,
) -> Saved:
    """Create or update an operator. PINs are set with ``PUT .../pin``, never as a hash."""
    _same_key(badge, body.badge)
    if body.pin_hash is not None:
        raise ApiProblem(
            422,
            "pin_hash_refused",
            "Set PINs with PUT /v1/admin/operators/{badge}/pin: the server checks their length.",
        )
    if station is not None and (len(station) > 50 or any(not 1 <= len(s) <= 64 for s in station)):
        raise ApiProblem(
            422, "invalid_station", "Name 1 to 50 stations, each of 1 to 64 characters."
        )
    return _save(request, badge, lambda c: wms.save_operator(c, body, warehouse, station))


@router.put("/operators/{badge}/pin", response_model=Saved)
def put_operator_pin(request: Request, body: OperatorPin, badge: Key) -> Saved:
    """Set an operator's PIN: hashed (argon2) here, at least the server's minimum length."""
    least = request.app.state.min_pin_length
    return _save(request, badge, lambda c: wms.set_operator_pin(c, badge, body.pin, least))


@router.post("/orders", response_model=Saved)
def post_order(request: Request, body: OrderRelease) -> Saved:
    """Release (or, while still released, update) an order to its warehouse."""
    return _save(request, body.order_id, lambda c: wms.release_order(c, body))


@router.post("/orders/{order_id}/decision", response_model=Saved)
def post_order_decision(request: Request, body: OrderDecision, order_id: Key) -> Saved:
    """Cancel or intercept an order; stations stop it before the label."""
    return _save(
        request, order_id, lambda c: wms.decide_order(c, order_id, body.status, body.reason)
    )


@router.post("/pool-segments", response_model=Saved)
def post_pool_segment(request: Request, body: PoolSegment) -> Saved:
    """Allocate a block of tracking numbers to a station for offline labels."""
    return _save(request, body.segment_id, lambda c: wms.allocate_pool_segment(c, body))


@router.put("/inbound-notices/{notice_id}", response_model=Saved)
def put_inbound_notice(request: Request, body: InboundNotice, notice_id: Key) -> Saved:
    _same_key(notice_id, body.notice_id)
    return _save(request, notice_id, lambda c: wms.save_inbound_notice(c, body))


Code = Annotated[str, Path(min_length=1, max_length=32)]


@router.put("/warehouses/{warehouse}/locations/{code}", response_model=Saved)
def put_location(request: Request, body: Location, warehouse: Code, code: Code) -> Saved:
    """A storage bin or quarantine area; stations pull it and check put-away scans."""
    from central.stock import save_location

    _same_key(code, body.code)
    return _save(request, code, lambda c: save_location(c, warehouse, body))


@router.put("/warehouses/{warehouse}/minimums/{sku}", response_model=Saved)
def put_minimum(request: Request, body: StockMinimum, warehouse: Code, sku: Key) -> Saved:
    """Below this available quantity, central raises a replenishment alert."""
    from central.stock import set_minimum

    return _save(request, sku, lambda c: set_minimum(c, warehouse, sku, body.minimum))


@router.put("/rmas/{rma}", response_model=Saved)
def put_rma(request: Request, body: Rma, rma: Key) -> Saved:
    """A return authorised by the seller; the returns bench opens it by its number."""
    from central.stock import save_rma

    _same_key(rma, body.rma)
    return _save(request, rma, lambda c: save_rma(c, rma, body.order_id))
