"""Unauthenticated pages: the buyers' tracking page and a health check."""

from __future__ import annotations

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse

from central.db import reading
from central.deps import engine_of
from central.page import pick_language, render, render_busy
from central.public_guard import PAGE_HEADERS
from central.tracking import timeline

router = APIRouter()


@router.get("/healthz", tags=["public"])
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/t/{number}", response_class=HTMLResponse, include_in_schema=False)
def tracking_page(
    request: Request,
    number: str,
    lang: str | None = Query(default=None, max_length=10),
    accept_language: str | None = Header(default=None, max_length=200),
) -> HTMLResponse:
    limiter = request.app.state.tracking_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allow(client):
        wait = limiter.retry_after(client)
        return HTMLResponse(
            render_busy(pick_language(lang, accept_language)),
            status_code=429,
            headers={**PAGE_HEADERS, "Retry-After": str(wait)},
        )
    language = pick_language(lang, accept_language)
    found = None
    if len(number) <= 64:
        with reading(engine_of(request)) as conn:
            found = timeline(conn, number)
    status = 200 if found is not None else 404
    return HTMLResponse(render(number, found, language), status_code=status, headers=PAGE_HEADERS)
