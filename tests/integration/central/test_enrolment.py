"""`station-central enrol-code create` + `station enroll URL CODE`: a real server on 127.0.0.1,
the token lands in the keyring and works; codes are single use, expire and are stored hashed."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select, update

from central import tables as t
from central.enrolment import create_enrolment_code
from station.cli import main as station_main


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (the library's interface) keeping secrets in memory."""

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
def ring(monkeypatch):
    monkeypatch.delenv("STATION_API_TOKEN", raising=False)
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def _code(central, hours: float = 24) -> str:
    with central.engine.begin() as conn:
        return create_enrolment_code(conn, "ST-01", valid_hours=hours)


def test_a_code_becomes_a_working_token_in_the_keyring_once(central, ring, tmp_path, capsys):
    code = _code(central)
    config = tmp_path / "station.toml"
    config.write_text(f'[central]\nurl = "{central.url}"\n', encoding="utf-8")

    assert station_main(["--config", str(config), "enroll", central.url, code]) == 0

    token = ring.secrets[("packing-station", "ST-01")]
    assert token not in capsys.readouterr().out  # never printed
    assert central.call("GET", "/v1/changes?limit=1", token=token).status_code == 200
    # the same code again: refused, and the stored token is untouched
    assert station_main(["--config", str(config), "enroll", central.url, code]) == 1
    assert "unknown, already used or expired" in capsys.readouterr().err
    assert ring.secrets[("packing-station", "ST-01")] == token


def test_codes_are_hashed_at_rest_and_typing_variants_are_accepted(central, ring):
    code = _code(central)
    with central.engine.connect() as conn:
        stored = conn.execute(select(t.enrolment_codes.c.code_hash)).scalars().all()
    assert code not in stored and code.replace("-", "") not in stored
    assert all(len(h) == 64 for h in stored)
    answer = central.call("POST", "/v1/enroll", json={"code": code.lower().replace("-", " ")})
    assert answer.status_code == 200
    assert answer.json()["station_id"] == "ST-01" and answer.json()["warehouse"] == "WH-SHA"


def test_an_expired_code_is_refused_like_an_unknown_one(central, ring):
    code = _code(central)
    with central.engine.begin() as conn:
        conn.execute(update(t.enrolment_codes).values(expires_at="2000-01-01T00:00:00+00:00"))
    expired = central.call("POST", "/v1/enroll", json={"code": code})
    unknown = central.call("POST", "/v1/enroll", json={"code": "ABCDE-FGHJK"})
    assert expired.status_code == unknown.status_code == 401
    assert expired.json() == unknown.json()


def test_without_a_keyring_the_code_is_not_spent(central, monkeypatch, tmp_path, capsys):
    from keyring.backends import fail

    monkeypatch.delenv("STATION_API_TOKEN", raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code = _code(central)
        assert station_main(["--config", str(tmp_path / "none.toml"), "enroll", central.url,
                             code]) == 1
        assert "no password keyring" in capsys.readouterr().err
    finally:
        keyring.set_keyring(before)
    assert central.call("POST", "/v1/enroll", json={"code": code}).status_code == 200


def test_the_central_cli_prints_the_code_once(tmp_path, capsys):
    from central.cli import main as central_main
    from central.seed import STATION

    db = str(tmp_path / "c.sqlite3")
    assert central_main(["seed", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert central_main(["enrol-code", "create", "--station", STATION, "--db", db]) == 0
    out = capsys.readouterr().out.strip()
    assert len(out) == 11 and out[5] == "-"
    assert central_main(["enrol-code", "create", "--station", "NOPE", "--db", db]) == 1
