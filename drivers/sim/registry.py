"""Names of simulators running in this process → the URI of their endpoint (pty or TCP)."""

from __future__ import annotations

import threading

from drivers.errors import TransportError
from drivers.i18n import _

_lock = threading.Lock()
_endpoints: dict[str, str] = {}


def register(name: str, endpoint_uri: str) -> None:
    with _lock:
        _endpoints[name] = endpoint_uri


def unregister(name: str) -> None:
    with _lock:
        _endpoints.pop(name, None)


def resolve(name: str) -> str:
    """The endpoint URI of the running simulator ``name``."""
    with _lock:
        uri = _endpoints.get(name)
    if uri is None:
        raise TransportError(_("The simulator {name!r} is not running.").format(name=name))
    return uri
