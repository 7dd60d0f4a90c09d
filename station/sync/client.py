"""HTTP client of the central API (``requests.Session`` + urllib3 ``Retry``).

Idempotent reads are retried by urllib3 with backoff; ``POST /v1/events`` is safe to repeat
(idempotency keys) and is retried by the outbox sender, which also tracks online/offline.
``POST /v1/shipments`` runs while a packer waits for a label: one try on its own session, no
urllib3 retry (not even of a refused connection), a short connect timeout and a bounded read
timeout, so an unreachable central falls back to the station's pool within a second.
TLS is always verified: ``verify`` is True (system CAs) or the path of a CA bundle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ProtocolError
from urllib3.util.retry import Retry

from contract import (
    ApiError,
    AuditHead,
    ChangeSet,
    EventBatch,
    EventBatchResult,
    InboundNotice,
    OrderHistory,
    ReturnCheck,
    Shipment,
    ShipmentRequest,
    StockReport,
    Tracking,
)
from contract.health import StationHealth
from station.i18n import _
from station.sync.errors import (
    CentralAuthError,
    CentralError,
    CentralMisrouted,
    CentralRejected,
    CentralUnavailable,
    check_client_options,
)

M = TypeVar("M", bound=BaseModel)
__all__ = ["CentralAuthError", "CentralClient", "CentralError", "CentralMisrouted",
           "CentralRejected", "CentralUnavailable"]


# Central's own codes for "there is no such route here": the address is wrong, not the request.
_ROUTE_CODES = frozenset({"no_such_route", "method_not_allowed"})
_OLD_NO_ROUTE = "There is no such address on this server."


class CentralClient:
    """One station's connection to the central API."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        verify: bool | str | Path = True,
        connect_timeout_s: float = 3.05,
        read_timeout_s: float = 15.0,
        retries: int = 3,
        backoff_s: float = 0.3,
        shipment_connect_timeout_s: float = 0.5,
        shipment_read_timeout_s: float = 5.0,
    ) -> None:
        check_client_options(verify=verify, shipment_connect_timeout_s=shipment_connect_timeout_s,
                             shipment_read_timeout_s=shipment_read_timeout_s)
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout_s, read_timeout_s)
        self.shipment_timeout = (shipment_connect_timeout_s, shipment_read_timeout_s)
        self.session = requests.Session()
        self.verify: bool | str = str(verify) if isinstance(verify, Path) else verify
        self.session.verify = self.verify
        self.session.headers.update(
            {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        )
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff_s,
            status_forcelist=(429, 502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}),
            raise_on_status=False,
            respect_retry_after_header=True,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=4)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Shipments: a second session whose adapter never retries. A request urllib3 repeats
        # after a lost answer could issue a second number; the station asks again itself,
        # with the same attempt key, when it decides to.
        self.shipment_session = requests.Session()
        self.shipment_session.verify = self.verify
        self.shipment_session.headers.update(self.session.headers)
        no_retry = HTTPAdapter(
            max_retries=Retry(total=0, connect=0, read=0, status=0, redirect=0, other=0),
            pool_connections=1,
            pool_maxsize=1,
        )
        self.shipment_session.mount("http://", no_retry)
        self.shipment_session.mount("https://", no_retry)

    def close(self) -> None:
        self.session.close()
        self.shipment_session.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- calls ---------------------------------------------------------------------------
    def changes(self, since: str | None, limit: int = 500) -> ChangeSet:
        """One page of reference data and orders changed after cursor ``since``."""
        params: dict[str, Any] = {"limit": limit}
        if since:
            params["since"] = since
        return self._call("GET", "/v1/changes", ChangeSet, params=params)

    def post_events(self, batch: EventBatch) -> EventBatchResult:
        return self._call("POST", "/v1/events", EventBatchResult, body=batch)

    def create_shipment(self, request: ShipmentRequest,
                        timeout_s: float | None = None) -> Shipment:
        """One try at a tracking number and label. Raises :class:`CentralUnavailable` on a
        refused connection, a timeout or a 5xx (the station may label from its pool) and
        :class:`CentralRejected` on a 4xx, with ``code`` from the server (for example
        ``order_intercepted``, ``order_cancelled``, ``attempt_abandoned``): never print then.
        ``timeout_s`` caps the wait for the answer (a carrier with a local pool labels from it
        rather than keep the packer waiting)."""
        connect, read = self.shipment_timeout
        if timeout_s is not None:
            connect, read = min(connect, timeout_s), min(read, timeout_s)
        return self._call(
            "POST",
            "/v1/shipments",
            Shipment,
            body=request,
            session=self.shipment_session,
            timeout=(connect, read),
        )

    def put_audit_head(self, head: AuditHead) -> AuditHead:
        """Anchor the head of the station's audit chain at central (409 when the trail no
        longer extends the anchored head)."""
        return self._call("PUT", "/v1/audit/head", AuditHead, body=head)

    def put_health(self, report: StationHealth) -> StationHealth:
        """Tell central how this station is (the fleet view); central stamps the time."""
        return self._call("PUT", "/v1/health", StationHealth, body=report)

    def audit_head(self) -> AuditHead:
        """The head central anchored for this station."""
        return self._call("GET", "/v1/audit/head", AuditHead)

    def tracking(self, number: str) -> Tracking:
        return self._call("GET", f"/v1/tracking/{quote(number, safe='')}", Tracking)

    def order_history(self, order_id: str) -> OrderHistory:
        path = f"/v1/orders/{quote(order_id, safe='')}/history"
        return self._call("GET", path, OrderHistory)

    def inbound_notice(self, notice_id: str) -> InboundNotice:
        return self._call(
            "GET", f"/v1/inbound-notices/{quote(notice_id, safe='')}", InboundNotice
        )

    def claim_inbound_notice(self, notice_id: str) -> InboundNotice:
        """The notice to count here, claimed for this bench (409 ``notice_in_use``: another
        bench is counting it)."""
        path = f"/v1/inbound-notices/{quote(notice_id, safe='')}/claim"
        return self._call("POST", path, InboundNotice)

    def return_check(self, code: str) -> ReturnCheck:
        """The shipped order a return may be opened for (tracking number, order or RMA)."""
        return self._call("GET", f"/v1/returns/check/{quote(code, safe='')}", ReturnCheck)

    def stock(self, sku: str | None = None) -> StockReport:
        """Stock by SKU and location of this station's warehouse, with replenishment alerts."""
        path = f"/v1/stock/{quote(sku, safe='')}" if sku else "/v1/stock"
        return self._call("GET", path, StockReport)

    # --- plumbing -----------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        answer: type[M],
        *,
        params: dict[str, Any] | None = None,
        body: BaseModel | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] | None = None,
    ) -> M:
        data = body.model_dump_json().encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else None
        http = session or self.session
        for attempt in (1, 2):
            try:
                response = http.request(
                    method,
                    self.base_url + path,
                    params=params,
                    data=data,
                    headers=headers,
                    timeout=timeout or self.timeout,
                    # Per request: a session's ``verify`` loses to REQUESTS_CA_BUNDLE otherwise.
                    verify=self.verify,
                )
                break
            except requests.exceptions.SSLError as exc:
                raise CentralUnavailable(
                    _("The central server's TLS certificate is not trusted: {error}").format(
                        error=exc), reason="tls") from exc
            except requests.exceptions.Timeout as exc:
                raise CentralUnavailable(
                    _("The central server did not answer in time. Working offline."),
                    reason="timeout") from exc
            except requests.RequestException as exc:
                if attempt == 1 and _dropped_idle(exc):
                    # A NAT or proxy forgot the idle kept-alive connection and reset it: the
                    # request never reached central. Once more on a fresh connection (every
                    # write we send carries its idempotency or attempt key, so this is safe).
                    _drop_pooled(http)
                    continue
                raise CentralUnavailable(
                    _("The central server cannot be reached ({kind}). Working offline.").format(
                        kind=type(exc).__name__
                    )
                ) from exc
        if response.status_code >= 500:
            raise CentralUnavailable(
                _("The central server had a problem (HTTP {status}). Will retry.").format(
                    status=response.status_code
                ),
                status=response.status_code, reason="server_error",
            )
        if response.status_code in (408, 429):
            raise CentralUnavailable(
                _("The central server is busy (HTTP {status}). Will retry.").format(
                    status=response.status_code),
                status=response.status_code, reason="rate_limited",
            )
        if response.status_code >= 400:
            raise self._rejected(response)
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise CentralUnavailable(
                _("The central server sent an answer this station does not understand."),
                status=response.status_code, reason="bad_answer",
            ) from exc

    @staticmethod
    def _rejected(response: requests.Response) -> CentralError:
        """A 4xx is central's refusal only when it carries central's error body; an HTML page
        from a reverse proxy, or central saying it has no such route, means the address or the
        network path is wrong: the caller retries and nothing is settled on it."""
        status = response.status_code
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            error = ApiError.model_validate_json(response.content)
        except ValidationError:
            error = None
        if (error is None or content_type != "application/json"
                or error.code in _ROUTE_CODES
                or (error.code == "not_found" and error.message == _OLD_NO_ROUTE)):
            return CentralMisrouted(
                _("Something other than the central server answered (HTTP {status}): check "
                  "the central address and the proxy. Events stay queued.").format(
                    status=status),
                status=status, code=error.code if error else None,
            )
        kind = CentralAuthError if status in (401, 403) else CentralRejected
        return kind(
            _("The central server refused the request: {message}").format(
                message=error.message),
            status=status,
            code=error.code,
        )


def _dropped_idle(exc: requests.RequestException) -> bool:
    """A kept-alive connection reset or closed before any answer (not a refused connection,
    not a timeout): urllib3 reports it as ProtocolError('Connection aborted.', ...)."""
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    cause = exc.args[0] if exc.args else None
    if isinstance(cause, MaxRetryError):  # a method urllib3 may retry, with retries used up
        cause = cause.reason
    return isinstance(cause, ProtocolError)


def _drop_pooled(session: requests.Session) -> None:
    for adapter in session.adapters.values():
        adapter.close()  # the pool manager starts fresh connections on the next request
