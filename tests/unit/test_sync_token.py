"""The station token lives in the OS keyring; without one, a clear message or the env var."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from station.sync import token as tok


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (the library's interface) that keeps secrets in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username))


@pytest.fixture
def ring():
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_token_round_trips_through_the_keyring(ring, monkeypatch):
    monkeypatch.delenv(tok.ENV_FALLBACK, raising=False)
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    tok.save_token("ST-01", "secret-token")
    assert backend.secrets == {("packing-station", "ST-01"): "secret-token"}
    assert tok.load_token("ST-01") == "secret-token"
    tok.delete_token("ST-01")
    with pytest.raises(tok.TokenUnavailable, match="No API token is stored for station ST-01"):
        tok.load_token("ST-01")


def test_no_keyring_backend_says_what_to_do(ring, monkeypatch):
    monkeypatch.delenv(tok.ENV_FALLBACK, raising=False)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(tok.TokenUnavailable, match="no password keyring"):
        tok.save_token("ST-01", "x")
    with pytest.raises(tok.TokenUnavailable, match="STATION_API_TOKEN"):
        tok.load_token("ST-01")
    monkeypatch.setenv(tok.ENV_FALLBACK, "from-env")
    assert tok.load_token("ST-01") == "from-env"
