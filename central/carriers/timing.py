"""How long each request spent waiting on carriers, for the ``Server-Timing`` header.

Adapters talk to carriers through a :class:`CarrierSession`: every call's time is added to
the request being served (a holder set by :class:`ServerTiming` for the request; the sync
endpoint's worker thread sees the same holder through its copied context). Central answers
``Server-Timing: app;dur=<ms>, carrier;dur=<ms>`` so IT (and ``make bench``) can tell central's
own time from the carrier's.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

import requests
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _Spent:
    __slots__ = ("carrier_s",)

    def __init__(self) -> None:
        self.carrier_s = 0.0


_SPENT: ContextVar[_Spent | None] = ContextVar("carrier_time", default=None)


class CarrierSession(requests.Session):
    """A ``requests`` session that counts its time against the request being served."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        started = time.perf_counter()
        try:
            return super().request(*args, **kwargs)
        finally:
            spent = _SPENT.get()
            if spent is not None:
                spent.carrier_s += time.perf_counter() - started


class ServerTiming:
    """ASGI middleware: ``Server-Timing: app;dur=…, carrier;dur=…`` on every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        spent = _Spent()
        token = _SPENT.set(spent)
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                app_ms = (time.perf_counter() - started) * 1000
                value = f"app;dur={app_ms:.2f}, carrier;dur={spent.carrier_s * 1000:.2f}"
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"server-timing", value.encode())]
            await send(message)

        try:
            await self.app(scope, receive, timed)
        finally:
            _SPENT.reset(token)
