"""The station's API token: the machine's (``station enroll --machine``, shared by every OS
user of a bench PC, :mod:`station.ops.machine`), else the OS user's keyring (service
"packing-station", user = station).

Headless Linux often has no keyring backend. For CI and demos only, the environment variable
``STATION_API_TOKEN`` is used when the keyring has nothing; never put it in a config file.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from station.i18n import _

SERVICE = "packing-station"
ENV_FALLBACK = "STATION_API_TOKEN"

# The OS keyrings, by platform, in keyring's own priority order. keyring's automatic choice
# imports every backend it knows to rank them, the macOS one too (which runs ldconfig and
# gcc on Linux to look for a library): ~120 ms of a bench's start-up, before the pack
# screen. IT's own choice (PYTHON_KEYRING_BACKEND, keyringrc.cfg) still comes first.
PLATFORM_KEYRINGS = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
}
FREEDESKTOP_KEYRINGS = (
    "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC, …
    "keyring.backends.kwallet.DBusKeyring",
)


class TokenUnavailable(Exception):
    """No token can be read or stored; ``str()`` tells IT what to do."""


def _keyring() -> Any:
    import keyring
    import keyring.core
    from keyring.backends import fail

    if getattr(keyring.core, "_keyring_backend", None) is None:  # nobody has chosen yet
        keyring.core.set_keyring(_choose_backend())
    if isinstance(keyring.get_keyring(), fail.Keyring):
        return None
    return keyring


def _choose_backend() -> Any:
    """IT's configured keyring, else the best of this platform's OS keyrings that works."""
    import keyring.core
    from keyring.backends import fail

    configured = keyring.core.load_env() or keyring.core.load_config()
    if configured is not None:
        return configured
    working = []
    for name in PLATFORM_KEYRINGS.get(sys.platform, FREEDESKTOP_KEYRINGS):
        try:
            working.append(keyring.core.load_keyring(name))  # raises when not usable here
        except Exception:  # no D-Bus, no session keyring, a library missing: try the next
            continue
    return max(working, key=lambda backend: backend.priority, default=fail.Keyring())


def _no_backend() -> TokenUnavailable:
    return TokenUnavailable(
        _(
            "This computer has no password keyring, so the station's API token cannot be "
            "stored safely. Install and unlock a keyring (e.g. GNOME Keyring or KWallet; "
            "Windows Credential Manager on Windows), or for a demo set the environment "
            "variable STATION_API_TOKEN."
        )
    )


def ensure_keyring() -> None:
    """Raise :class:`TokenUnavailable` when there is no keyring to store a token in (asked
    before a one-time enrolment code is spent)."""
    if _keyring() is None:
        raise _no_backend()


def save_token(station: str, token: str) -> None:
    """Store the token of ``station`` in the OS keyring."""
    ring = _keyring()
    if ring is None:
        raise _no_backend()
    try:
        ring.set_password(SERVICE, station, token)
    except Exception as exc:  # keyring backends raise their own error types
        raise TokenUnavailable(
            _("The keyring refused to store the API token: {error}").format(error=exc)
        ) from exc


def load_token(station: str) -> str:
    """The token of ``station``: the machine's, else the keyring's, else STATION_API_TOKEN."""
    from station.ops.machine import read_token

    machine = read_token(station)
    if machine:
        return machine
    ring = _keyring()
    token = None
    if ring is not None:
        try:
            token = ring.get_password(SERVICE, station)
        except Exception as exc:
            raise TokenUnavailable(
                _("The keyring could not be read: {error}").format(error=exc)
            ) from exc
    token = token or os.environ.get(ENV_FALLBACK)
    if token:
        return token
    if ring is None:
        raise _no_backend()
    raise TokenUnavailable(
        _(
            "No API token is stored for station {station}. Ask IT for one "
            "(station-central token create --station {station}) and enter it in the settings."
        ).format(station=station)
    )


def delete_token(station: str) -> None:
    ring = _keyring()
    if ring is None:
        raise _no_backend()
    try:
        ring.delete_password(SERVICE, station)
    except Exception as exc:
        raise TokenUnavailable(
            _("The keyring could not delete the API token: {error}").format(error=exc)
        ) from exc
