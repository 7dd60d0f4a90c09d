"""The central API application: ``create_app(database_url)``.

Every 4xx answer is a ``contract.ApiError``. Request bodies are limited in size; malformed
JSON, wrong types and unknown fields are 422 with a sentence saying where.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, DBAPIError, DisconnectionError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.carrier_closeouts import CarrierCloser
from central.carrier_tracking import CarrierTracker
from central.carrier_voids import CarrierVoider
from central.carriers import CarrierAdapter, load_adapters
from central.carriers.timing import ServerTiming
from central.db import create_central_engine
from central.errors import ApiProblem
from central.fleet import FleetRules, FleetWatch
from central.lanes import LabelFirst, LabelFirstMiddleware
from central.limits import BodyLimit
from central.public_guard import SharedRateLimiter
from central.routes_admin import router as admin_router
from central.routes_carriers import router as carriers_router
from central.routes_enrol import router as enrol_router
from central.routes_fleet import router as fleet_router
from central.routes_public import router as public_router
from central.routes_station import router as station_router
from central.webhooks import WebhookDispatcher
from contract import ApiError

MAX_BODY_BYTES = 2 * 1024 * 1024
MIN_PIN_LENGTH = 6  # PINs set through the API; STATION_CENTRAL_MIN_PIN_LENGTH overrides

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ApiError, "description": text}
    for status, text in (
        (400, "Bad request"),
        (401, "Missing, unknown, expired or revoked token"),
        (403, "Token not allowed here"),
        (404, "Not found (or not in the caller's warehouse)"),
        (409, "Conflict with the current state"),
        (413, "Request body too large"),
        (422, "Body or parameters invalid"),
    )
}

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return "malformed_json", "The request body is not valid JSON."
    parts = []
    for err in errors[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "invalid_request", "; ".join(parts) + more


def create_app(
    database_url: str | None = None,
    *,
    engine: Engine | None = None,
    webhook_base_delay_s: float = 1.0,
    webhook_poll_s: float = 0.5,
    max_body_bytes: int = MAX_BODY_BYTES,
    min_pin_length: int = MIN_PIN_LENGTH,
    tracking_page_per_minute: int = 30,
    carriers: dict[str, CarrierAdapter] | None = None,
    fleet_rules: FleetRules | None = None,
    fleet_every_s: float = 10.0,
    alert_webhook: str | None = None,
    alert_secret: str | None = None,
) -> FastAPI:
    """The central server on ``database_url`` (or ``engine``); the schema must be upgraded."""
    if engine is None:
        if database_url is None:
            raise ValueError("create_app needs a database URL or an engine")
        engine = create_central_engine(database_url)
    dispatcher = WebhookDispatcher(
        engine, base_delay_s=webhook_base_delay_s, poll_s=webhook_poll_s
    )

    adapters = load_adapters() if carriers is None else carriers
    voider = CarrierVoider(engine, adapters)
    closer = CarrierCloser(engine, adapters)
    tracker = CarrierTracker(engine, adapters)
    # The fleet view's alerts: rules and webhook from the environment unless given here.
    watch = FleetWatch.from_env(engine, every_s=fleet_every_s)
    if fleet_rules is not None:
        watch.rules = fleet_rules
    if alert_webhook is not None:
        watch.webhook_url, watch.webhook_secret = alert_webhook, alert_secret

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        dispatcher.start()
        voider.start()
        closer.start()
        tracker.start()
        watch.start()
        try:
            yield
        finally:
            watch.stop()
            tracker.stop()
            closer.stop()
            voider.stop()
            dispatcher.stop()

    app = FastAPI(
        title="Packing Station central API",
        version="1.0.0",
        description=(
            "Reference central server for packing stations: reference data and orders out, "
            "bench events in (exactly once by idempotency key), labels, tracking."
        ),
        responses=_ERRORS,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.carriers = adapters
    app.state.carrier_voider = voider
    app.state.carrier_closer = closer
    app.state.webhooks = dispatcher
    app.state.fleet_watch = watch
    app.state.min_pin_length = min_pin_length
    app.state.tracking_limiter = SharedRateLimiter(engine, per_minute=tracking_page_per_minute)
    app.state.label_first = LabelFirst()  # label requests before bulk ingest
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(LabelFirstMiddleware, first=app.state.label_first)
    app.add_middleware(ServerTiming)  # outermost: the whole answer, carrier time apart

    @app.exception_handler(ApiProblem)
    async def _problem(_request: Request, exc: ApiProblem) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        code, message = _validation_message(exc)
        return JSONResponse(ApiError(code=code, message=message).model_dump(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "The request was refused."
        if exc.status_code == 404:
            # Not "not_found" (an order or station that does not exist): no route at all, so a
            # station knows its central address is wrong rather than its request.
            code, message = "no_such_route", "There is no such address on this server."
        return JSONResponse(
            ApiError(code=code, message=message).model_dump(),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def _out_of_range(_request: Request, exc: Exception) -> JSONResponse:
        # A value the schema allows but the database cannot hold (huge number, long text).
        body = ApiError(code="out_of_range", message="A value is too large or too long.")
        return JSONResponse(body.model_dump(), status_code=422)

    @app.exception_handler(IntegrityError)
    async def _conflict(_request: Request, exc: IntegrityError) -> JSONResponse:
        body = ApiError(code="conflict", message="This conflicts with data already stored.")
        return JSONResponse(body.model_dump(), status_code=409)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    @app.exception_handler(DisconnectionError)
    async def _busy(_request: Request, exc: Exception) -> JSONResponse:
        # Lock timeouts and lost connections: the client retries later.
        body = ApiError(code="busy", message="The server is busy; try again shortly.")
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "1"})

    app.include_router(station_router)
    app.include_router(admin_router)
    app.include_router(public_router)
    app.include_router(enrol_router)
    app.include_router(carriers_router)
    app.include_router(fleet_router)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (several workers): database from STATION_CENTRAL_DB."""
    url = os.environ.get("STATION_CENTRAL_DB")
    if not url:
        raise RuntimeError("STATION_CENTRAL_DB is not set")
    return create_app(
        url,
        webhook_base_delay_s=float(os.environ.get("STATION_CENTRAL_WEBHOOK_DELAY", "1.0")),
        min_pin_length=int(os.environ.get("STATION_CENTRAL_MIN_PIN_LENGTH", MIN_PIN_LENGTH)),
    )
