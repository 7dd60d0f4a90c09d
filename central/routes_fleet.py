"""The fleet page for IT and the warehouse manager: ``/fleet``, behind an admin sign-in.

Signing in: the admin API token pasted into the form, or a one-time link from
``station-central fleet-link``. Either gives the browser a session cookie (HttpOnly,
SameSite=Strict, Secure over HTTPS, 12 hours); only the session's hash is stored. A script may
send the admin token as a bearer header instead.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from central.auth import authenticate
from central.db import reading
from central.deps import engine_of, run_in_tx
from central.errors import ApiProblem
from central.fleet import drop_key, key_valid, new_key, open_alerts, station_rows
from central.fleet_page import render_fleet, render_login
from central.page import pick_language

router = APIRouter(include_in_schema=False)

COOKIE = "fleet_session"
SESSION_S = 12 * 3600
LINK_S = 600
REFRESH_S = 10
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a sign-in link never leaves in a Referer
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def _lang(request: Request, lang: str | None) -> str:
    return pick_language(lang, request.headers.get("accept-language"))


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_HEADERS)


def _signed_in(request: Request) -> bool:
    engine = engine_of(request)
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        try:
            with reading(engine) as conn:
                return authenticate(conn, auth[7:].strip()).is_admin
        except ApiProblem:
            return False
    session = request.cookies.get(COOKIE)
    if not session:
        return False
    with reading(engine) as conn:
        return key_valid(conn, session, "session")


def _start_session(request: Request, lang: str | None = None) -> Response:
    secret = run_in_tx(engine_of(request), lambda c: new_key(c, "session", SESSION_S))
    where = "/fleet" + ("?lang=zh" if lang == "zh" else "?lang=en" if lang == "en" else "")
    answer = RedirectResponse(where, status_code=303, headers=_HEADERS)
    answer.set_cookie(
        COOKIE, secret, max_age=SESSION_S, path="/fleet", httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )
    return answer


@router.get("/fleet", response_class=HTMLResponse)
def fleet(request: Request, lang: str | None = Query(default=None, max_length=8)) -> Response:
    language = _lang(request, lang)
    if not _signed_in(request):
        return _html(render_login(language), 401)
    with reading(engine_of(request)) as conn:
        rows = station_rows(conn)
        alerts = open_alerts(conn)
    return _html(render_fleet(rows, alerts, language, datetime.now(UTC), REFRESH_S))


@router.post("/fleet/login")
async def login_with_token(request: Request) -> Response:
    body = await request.body()
    language = _lang(request, None)
    token = (parse_qs(body.decode("utf-8", "replace")[:4096]).get("token") or [""])[0].strip()
    try:
        with reading(engine_of(request)) as conn:
            admin = authenticate(conn, token).is_admin
    except ApiProblem:
        admin = False
    if not admin:
        return _html(render_login(language, "bad_token"), 401)
    return _start_session(request)


@router.get("/fleet/login")
def login_with_link(
    request: Request, code: str = Query(default="", max_length=100),
    lang: str | None = Query(default=None, max_length=8),
) -> Response:
    used = run_in_tx(engine_of(request), lambda c: key_valid(c, code, "link", consume=True))
    if not used:
        return _html(render_login(_lang(request, lang), "bad_link"), 401)
    return _start_session(request, _lang(request, lang) if lang else None)


@router.post("/fleet/logout")
def logout(request: Request) -> Response:
    session = request.cookies.get(COOKIE)
    if session:
        run_in_tx(engine_of(request), lambda c: drop_key(c, session))
    answer = RedirectResponse("/fleet", status_code=303, headers=_HEADERS)
    answer.delete_cookie(COOKIE, path="/fleet")
    return answer


def sign_in_link(conn: object, base_url: str) -> str:
    """A one-time sign-in link for the fleet page, valid 10 minutes."""
    code = new_key(conn, "link", LINK_S)  # type: ignore[arg-type]
    return f"{base_url.rstrip('/')}/fleet/login?code={code}"
