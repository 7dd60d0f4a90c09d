"""Request plumbing shared by the routers: who calls, and transactions that retry races."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from central.auth import Caller, authenticate
from central.db import reading
from central.errors import ApiProblem

T = TypeVar("T")
bearer = HTTPBearer(auto_error=False, description="Station or admin API token")


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # two requests raced to insert the same key: the loser re-reads
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40001", "40P01") or "locked" in str(exc.orig).lower()


def run_in_tx(engine: Engine, work: Callable[[Connection], T], attempts: int = 6) -> T:
    """Run ``work`` in one transaction; on a lost race (unique key, deadlock) run it again."""
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                return work(conn)
        except DBAPIError as exc:
            if attempt == attempts - 1 or not _retryable(exc):
                raise
            time.sleep(random.uniform(0, 0.01 * 2**attempt))
    raise AssertionError("unreachable")


BearerToken = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_caller(request: Request, creds: BearerToken) -> Caller:
    with reading(engine_of(request)) as conn:
        return authenticate(conn, creds.credentials if creds else None)


def station_only(caller: Caller) -> Caller:
    if caller.is_admin or caller.station is None:
        raise ApiProblem(403, "station_only", "This endpoint needs a station token.")
    return caller


# The role checks are async: FastAPI runs a plain ``def`` dependency on a worker thread, a
# hop (and a wait for the interpreter under load) for two comparisons.
async def station_caller(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    return station_only(caller)


async def admin_caller(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    if not caller.is_admin:
        raise ApiProblem(403, "admin_only", "This endpoint needs the WMS admin token.")
    return caller
