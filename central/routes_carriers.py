"""Pushes from carriers: tracking events reach the order's timeline (Lookup, the buyer page
``/t/``, the seller's webhook), each status once, answered as the carrier requires."""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from central import tables as t
from central.carriers.sf import protocol as sf
from central.deps import engine_of, run_in_tx
from central.tracking import add_tracking_event

router = APIRouter(prefix="/v1/carriers", tags=["carriers"])


@router.post("/sf/routes", include_in_schema=False)  # for SF, not for stations
async def sf_route_push(request: Request, token: str = Query(default="", max_length=200)
                        ) -> JSONResponse:
    """SF's route push (``{"Body":{"WaybillRoute":[…]}}``), answered
    ``{"return_code":"0000","return_msg":"成功"}`` once stored (SF pushes again otherwise)."""
    adapter = request.app.state.carriers.get("SF")
    expected = getattr(getattr(adapter, "settings", None), "push_token", "")
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return JSONResponse({"return_code": "1000", "return_msg": "token refused"},
                            status_code=403)
    try:
        body: Any = await request.json()
    except ValueError:
        return JSONResponse({"return_code": "1001", "return_msg": "not JSON"}, status_code=400)
    events = sf.route_events(body if isinstance(body, dict) else {})

    run_in_tx(engine_of(request), lambda conn: _store_events(conn, events))
    return JSONResponse(sf.PUSH_ANSWER)


@router.post("/easypost/events", include_in_schema=False)  # for EasyPost, not for stations
async def easypost_event(request: Request) -> JSONResponse:
    """EasyPost's webhook (``tracker.updated``), accepted only with a valid
    ``X-Hmac-Signature`` over the raw body; each status reaches the timeline once."""
    from central.carriers.easypost import EasyPost
    from central.carriers.easypost import protocol as ep

    adapter = next((a for a in request.app.state.carriers.values() if isinstance(a, EasyPost)),
                   None)
    secret = adapter.settings.webhook_secret if adapter is not None else ""
    raw = await request.body()
    if not secret or not ep.signature_ok(secret, raw, request.headers.get("X-Hmac-Signature")):
        return JSONResponse({"error": "signature refused"}, status_code=403)
    try:
        payload: Any = json.loads(raw)
    except ValueError:
        return JSONResponse({"error": "not JSON"}, status_code=400)
    events = ep.tracker_events(payload if isinstance(payload, dict) else {})
    run_in_tx(engine_of(request), lambda conn: _store_events(conn, events))
    return JSONResponse({"ok": True})


def _store_events(conn: Any, events: list[dict[str, str]]) -> int:
    stored = 0
    for e in events:
        known = conn.scalar(select(t.tracking_numbers.c.number)
                            .where(t.tracking_numbers.c.number == e["number"]))
        if known is not None:
            stored += add_tracking_event(conn, e["number"], e["status"], at=e["at"] or None,
                                         location=e["location"] or None, note=e["note"])
    return stored
