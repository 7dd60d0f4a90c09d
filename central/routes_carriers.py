"""Pushes from carriers: tracking events reach the order's timeline (Lookup, the buyer page
``/t/``, the seller's webhook), each status once, answered as the carrier requires."""

from __future__ import annotations

import hmac
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

    def store(conn: Any) -> int:
        stored = 0
        for e in events:
            known = conn.scalar(select(t.tracking_numbers.c.number)
                                .where(t.tracking_numbers.c.number == e["number"]))
            if known is None:
                continue  # not a waybill of ours: nothing to show anyone
            stored += add_tracking_event(conn, e["number"], e["status"], at=e["at"] or None,
                                         location=e["location"] or None, note=e["note"])
        return stored

    run_in_tx(engine_of(request), store)
    return JSONResponse(sf.PUSH_ANSWER)
