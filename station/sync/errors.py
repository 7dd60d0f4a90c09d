"""The central client's errors and option checks, without its HTTP stack: the sync loops and
the label step name them, and ``station run`` builds those before any call to central (the
``requests`` import, ~80 ms, comes with the first call: ``station/sync/lazy.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class CentralError(Exception):
    """A call to the central API failed; ``str()`` is a sentence for a packer or IT.

    ``reason`` says why in one word the status bar can show: ``unreachable``, ``timeout``,
    ``server_error``, ``rate_limited``, ``wrong_address``, ``token_refused``, ``no_token``,
    ``refused``, ``bad_answer``, ``tls``.
    """

    reason = "unreachable"

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None,
                 reason: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        if reason is not None:
            self.reason = reason


class CentralUnavailable(CentralError):
    """Network down, timeout, a 5xx, or an answer that did not come from central: try again
    later (the station keeps working, nothing is given up)."""


class CentralMisrouted(CentralUnavailable):
    """Something other than central answered (a reverse proxy's HTML 404, a web server at the
    wrong address): not a refusal of our request, so nothing may be settled on it."""

    reason = "wrong_address"


class CentralRejected(CentralError):
    """Central itself refused the request (its JSON error body): retrying it will not help."""

    reason = "refused"


class CentralAuthError(CentralRejected):
    """401/403: the station's token is missing, wrong, expired or revoked."""

    reason = "token_refused"


def check_client_options(*, verify: bool | str | Path = True,
                         shipment_connect_timeout_s: float = 0.5,
                         shipment_read_timeout_s: float = 5.0, **_others: Any) -> None:
    """ValueError for settings no client can be made with (checked at start-up even when the
    client itself is made at its first call)."""
    if verify is False:
        raise ValueError("TLS verification cannot be turned off; give a CA bundle path")
    if isinstance(verify, str | Path) and not Path(verify).is_file():
        raise ValueError(f"CA bundle {verify} does not exist")
    for name, value in (
        ("shipment_connect_timeout_s", shipment_connect_timeout_s),
        ("shipment_read_timeout_s", shipment_read_timeout_s),
    ):
        if not value > 0:
            raise ValueError(f"{name} must be above 0 s, not {value}")
