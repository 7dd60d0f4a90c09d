"""The station's central client, made at its first use.

``station run`` used to read the API token from the OS keyring before the bench could open:
the keyring package's imports alone (~60 ms, more with a desktop keyring's D-Bus call) sat
between the command and a ready pack screen. Now the sync threads and the label step share
one :class:`LazyCentralClient`; whichever calls central first reads the token and makes the
real client. No token is a :class:`~station.sync.client.CentralAuthError` (reason
``no_token``): the status bar says so, events wait in the outbox, a pool carrier labels from
its pool, and a token IT enrols later is picked up without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from station.sync.client import CentralClient

log = logging.getLogger(__name__)
RETRY_TOKEN_S = 30.0  # a missing token is looked for again after this long, not on every call


class LazyCentralClient:
    def __init__(self, load_token: Callable[[], str],
                 make: Callable[[str], CentralClient]) -> None:
        self._load_token = load_token
        self._make = make
        self._lock = threading.Lock()
        self._client: CentralClient | None = None
        self._missing: tuple[float, str] | None = None  # (when, why) of the last failed read

    def real(self) -> CentralClient:
        """The central client, made now if it is the first call (raises CentralAuthError
        with reason ``no_token`` when no token can be read)."""
        from station.sync.errors import CentralAuthError
        from station.sync.token import TokenUnavailable

        with self._lock:
            if self._client is not None:
                return self._client
            if self._missing is not None and time.monotonic() - self._missing[0] < RETRY_TOKEN_S:
                raise CentralAuthError(self._missing[1], reason="no_token")
            try:
                token = self._load_token()
            except TokenUnavailable as exc:
                if self._missing is None or self._missing[1] != str(exc):
                    log.warning("%s", exc)  # once per reason, not every 30 s
                self._missing = (time.monotonic(), str(exc))
                raise CentralAuthError(str(exc), reason="no_token") from None
            self._client = self._make(token)
            self._missing = None
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)
