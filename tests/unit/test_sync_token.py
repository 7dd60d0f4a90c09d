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


class BrokenKeyring(MemoryKeyring):
    """A platform keyring that is installed but cannot run here (no session bus, say)."""

    @keyring.backend.properties.classproperty
    def priority(cls):
        raise RuntimeError("no session bus")


@pytest.fixture
def unchosen(ring, monkeypatch):
    """A fresh process: nobody has chosen a keyring yet, and IT has configured none."""
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    monkeypatch.delenv(tok.ENV_FALLBACK, raising=False)


def test_the_platform_keyring_that_works_is_chosen_without_loading_every_backend(
    unchosen, monkeypatch
):
    import sys

    here = __name__
    monkeypatch.setitem(tok.PLATFORM_KEYRINGS, sys.platform,
                        (f"{here}.BrokenKeyring", f"{here}.MemoryKeyring"))
    monkeypatch.delitem(sys.modules, "keyring.backends.macOS", raising=False)
    tok.save_token("ST-01", "secret-token")
    assert isinstance(keyring.get_keyring(), MemoryKeyring)
    assert tok.load_token("ST-01") == "secret-token"
    if sys.platform != "darwin":  # keyring's own detection imports it (it runs ldconfig, gcc)
        assert "keyring.backends.macOS" not in sys.modules


def test_none_working_means_no_keyring_and_it_says_what_to_do(unchosen, monkeypatch):
    import sys

    monkeypatch.setitem(tok.PLATFORM_KEYRINGS, sys.platform, (f"{__name__}.BrokenKeyring",))
    with pytest.raises(tok.TokenUnavailable, match="no password keyring"):
        tok.save_token("ST-01", "x")


def test_the_keyring_it_configured_comes_first(unchosen, monkeypatch):
    import sys

    monkeypatch.setitem(tok.PLATFORM_KEYRINGS, sys.platform, (f"{__name__}.MemoryKeyring",))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(tok.TokenUnavailable, match="no password keyring"):
        tok.save_token("ST-01", "x")
