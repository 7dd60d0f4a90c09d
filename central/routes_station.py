"""Endpoints a station calls with its own token; everything is scoped to its warehouse."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from central import wms
from central.audit_anchor import get_head, put_head
from central.auth import Caller
from central.carrier_shipments import carrier_shipment
from central.changes import parse_cursor, read_changes
from central.db import reading
from central.deps import (
    BearerToken,
    current_caller,
    engine_of,
    run_in_tx,
    station_caller,
    station_only,
)
from central.fleet import evaluate, store_report
from central.ingest import check_stations, ingest
from central.shipments import create_shipment
from central.strict import StrictBodyRoute, passthrough_body, validate_strict
from central.tracking import order_history, tracking_for_warehouse
from central.wms import inbound_notice
from contract import (
    AuditHead,
    ChangeSet,
    EventBatch,
    EventBatchResult,
    InboundNotice,
    ManifestCloseout,
    OrderHistory,
    ReturnCheck,
    Shipment,
    ShipmentRequest,
    StockReport,
    Tracking,
)
from contract.health import StationHealth

router = APIRouter(prefix="/v1", tags=["station"], route_class=StrictBodyRoute)
StationCaller = Annotated[Caller, Depends(station_caller)]


@router.get("/changes", response_model=ChangeSet)
def get_changes(
    request: Request,
    caller: StationCaller,
    since: str | None = Query(
        default=None, max_length=18, pattern="^[0-9]*$", description="cursor of the last page"
    ),
    limit: int = Query(default=500, ge=1, le=2000),
) -> ChangeSet:
    """Orders, products, packaging, carriers, operators and pool segments changed after
    ``since``, oldest first; ``more`` says another page is waiting."""
    after = parse_cursor(since)
    with reading(engine_of(request)) as conn:
        return read_changes(conn, caller, after, limit,
                            frozenset(request.app.state.carriers))


@router.post("/events", response_model=EventBatchResult)
async def post_events(
    request: Request,
    _batch: passthrough_body(EventBatch),  # type: ignore[valid-type]
    caller: StationCaller,
) -> EventBatchResult:
    """Store bench events once per idempotency key; a replay gets the first result."""
    # The ingest lane: one batch at a time per process, and a batch waiting for its turn
    # holds no request thread. Fifty stations draining a backlog at once otherwise took all
    # forty threads and queued forty writers for the database, and a packer's label request
    # (``POST /v1/shipments``) waited behind all of them (8.6 s p99). The batch is parsed and
    # validated in its turn too: validated by FastAPI on the event loop (twice, with the
    # strict check), or by forty threads at once, it held the label requests (587 ms p99).
    raw = await request.body()
    async with _ingest_lane(request):
        return await run_in_threadpool(_ingest_in_chunks, request, caller, raw)


# Events per transaction. SQLite has one writer: a label request waits for one chunk at most.
# PostgreSQL's writers do not wait for each other's rows, so there a batch is one transaction
# (docs/reliability.md: five times fewer commits, the backlog drained in 3.8 s, not 9.6 s).
INGEST_CHUNK = {"sqlite": 100}


def _ingest_in_chunks(request: Request, caller: Caller, raw: bytes) -> EventBatchResult:
    """The batch in chunks, each its own transaction, making way for label requests before
    each (``central/lanes.py``). Each event is stored exactly once by its key whatever
    chunk it lands in: a batch cut short (a crash) is sent again and its stored events answer
    as duplicates."""
    first = request.app.state.label_first
    first.make_way()
    batch = validate_strict(EventBatch, raw)
    check_stations(caller, batch)
    engine = engine_of(request)
    size = INGEST_CHUNK.get(engine.dialect.name, len(batch.events))
    results = []
    for start in range(0, len(batch.events), size):
        if start:
            first.make_way()
        part = EventBatch.model_construct(events=batch.events[start:start + size])
        results += run_in_tx(engine, lambda conn, part=part: ingest(conn, caller, part)).results
    return EventBatchResult(results=results)


def _ingest_lane(request: Request) -> asyncio.Lock:
    state = request.app.state
    lane = getattr(state, "ingest_lane", None)
    if lane is None:  # created on the worker's own event loop, on first use
        lane = state.ingest_lane = asyncio.Lock()
    return lane


@router.post("/shipments", response_model=Shipment)
async def post_shipment(
    request: Request,
    _req: passthrough_body(ShipmentRequest),  # type: ignore[valid-type]
    token: BearerToken,
) -> Response:
    """A parcel's tracking number: bought with its label from the carrier's API, or from the
    central range with no label (``label_format`` ``station``: the station draws it).

    With ``attempt_key`` a retry gets the number issued under that key and a new key a new
    number; a key reported in a ``shipment_abandoned`` event is refused (409
    ``attempt_abandoned``). A cancelled or intercepted order is refused (409 ``order_…``)."""
    # (bulk ingest makes way while this is served: central/lanes.py)
    # A packer waits on this one: the token check, the body and the work take one hop to a
    # worker thread, not three (a sync dependency, the endpoint, the answer's validation).
    raw = await request.body()
    return await run_in_threadpool(_serve_shipment, request, token, raw)


def _serve_shipment(request: Request, token: HTTPAuthorizationCredentials | None,
                    raw: bytes) -> Response:
    caller = station_only(current_caller(request, token))
    req = validate_strict(ShipmentRequest, raw)
    adapter = request.app.state.carriers.get(req.carrier)
    if adapter is not None:  # the carrier's API sells the number and the label
        shipment = carrier_shipment(engine_of(request), adapter, caller, req)
    else:
        shipment = run_in_tx(engine_of(request), lambda conn: create_shipment(conn, caller, req))
    return Response(shipment.model_dump_json(), media_type="application/json")


@router.put("/audit/head", response_model=AuditHead)
def put_audit_head(request: Request, head: AuditHead, caller: StationCaller) -> AuditHead:
    """The head of the station's audit hash chain; central keeps the newest (409 when the
    station's trail no longer extends it: cut short, emptied or rewritten)."""
    return run_in_tx(engine_of(request), lambda conn: put_head(conn, caller, head))


@router.put("/health", response_model=StationHealth)
def put_health(request: Request, report: StationHealth, caller: StationCaller) -> StationHealth:
    """The station's newest health (the fleet view): devices, outbox, pools, last crash.
    Alerts this report raises or clears are settled in the same transaction."""
    station = caller.station or ""
    watch = request.app.state.fleet_watch

    def work(conn: Connection) -> StationHealth:
        stored = store_report(conn, station, report)
        evaluate(conn, watch.rules, station=station, notify=watch.notifies)
        return stored

    return run_in_tx(engine_of(request), work)


@router.get("/audit/head", response_model=AuditHead)
def get_audit_head(request: Request, caller: StationCaller) -> AuditHead:
    """The anchored head ``station doctor`` compares the local trail with."""
    with reading(engine_of(request)) as conn:
        return get_head(conn, caller)


@router.get("/tracking/{number}", response_model=Tracking)
def get_tracking(
    request: Request,
    caller: StationCaller,
    number: str = Path(max_length=64),
) -> Tracking:
    with reading(engine_of(request)) as conn:
        return tracking_for_warehouse(conn, number, caller.warehouse)


@router.get("/orders/{order_id}/history", response_model=OrderHistory)
def get_order_history(
    request: Request,
    caller: StationCaller,
    order_id: str = Path(max_length=64),
) -> OrderHistory:
    with reading(engine_of(request)) as conn:
        return order_history(conn, order_id, caller.warehouse)


@router.get("/manifests/{manifest_id}/closeout", response_model=ManifestCloseout)
def get_manifest_closeout(
    request: Request,
    caller: StationCaller,
    manifest_id: str = Path(max_length=64),
) -> ManifestCloseout:
    """The carrier's close-out (EasyPost ScanForm) of a manifest this warehouse closed."""
    from sqlalchemy import select

    from central import tables as t
    from central.errors import not_found

    c = t.carrier_closeouts
    with reading(engine_of(request)) as conn:
        row = conn.execute(select(c).where(c.c.manifest_id == manifest_id,
                                           c.c.warehouse == caller.warehouse)).first()
    if row is None:
        raise not_found(f"A carrier close-out of manifest {manifest_id}")
    return ManifestCloseout(manifest_id=row.manifest_id, carrier=row.carrier, state=row.state,
                            form_id=row.form_id, form_url=row.form_url, error=row.error)


@router.get("/inbound-notices/{notice_id}", response_model=InboundNotice)
def get_inbound_notice(
    request: Request,
    caller: StationCaller,
    notice_id: str = Path(max_length=64),
) -> InboundNotice:
    """What a receiving bench expects to count for one inbound notice."""
    with reading(engine_of(request)) as conn:
        return inbound_notice(conn, notice_id, caller.warehouse)


@router.post("/inbound-notices/{notice_id}/claim", response_model=InboundNotice)
def claim_inbound_notice(
    request: Request,
    caller: StationCaller,
    notice_id: str = Path(max_length=64),
) -> InboundNotice:
    """Open a notice for counting at this bench: one bench at a time (409 ``notice_in_use``
    names the bench that has it)."""
    return run_in_tx(engine_of(request), lambda conn: wms.claim_inbound_notice(
        conn, notice_id, caller.warehouse, caller.station or ""))


@router.get("/returns/check/{code}", response_model=ReturnCheck)
def get_return_check(
    request: Request,
    caller: StationCaller,
    code: str = Path(max_length=64),
) -> ReturnCheck:
    """The shipped order a return may be opened for, by tracking number, order or RMA."""
    from central.stock import return_check

    with reading(engine_of(request)) as conn:
        return return_check(conn, caller, code)


@router.get("/stock", response_model=StockReport)
def get_stock(request: Request, caller: StationCaller) -> StockReport:
    """Quantity by SKU and location in the caller's warehouse, and replenishment alerts."""
    return _stock(request, caller, None)


@router.get("/stock/{sku}", response_model=StockReport)
def get_stock_of(
    request: Request,
    caller: StationCaller,
    sku: str = Path(max_length=64),
) -> StockReport:
    """The same for one SKU."""
    return _stock(request, caller, sku)


def _stock(request: Request, caller: Caller, sku: str | None) -> StockReport:
    from central.stock import stock_report

    assert caller.warehouse is not None
    with reading(engine_of(request)) as conn:
        return stock_report(conn, caller.warehouse, sku)
