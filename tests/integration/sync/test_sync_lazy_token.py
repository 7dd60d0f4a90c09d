"""The API token is read at the first call to central, not before the bench opens: without
one the station says why, keeps every event, and picks up a token IT enrols later."""

from __future__ import annotations

import time

import pytest
from synckit import outbox_results, queue_events, station_db

from station.bootstrap import build_sync
from station.sync.client import CentralAuthError
from station.sync.token import TokenUnavailable


class Keyring:
    """The token's place: empty until IT enrols the station; counts the reads."""

    def __init__(self) -> None:
        self.token: str | None = None
        self.reads = 0

    def load(self) -> str:
        self.reads += 1
        if self.token is None:
            raise TokenUnavailable("No API token is stored for station ST-01.")
        return self.token


def _until(check, timeout_s=15.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_sync_without_a_token_says_so_keeps_the_events_and_takes_a_token_enrolled_later(
    central, tmp_path, monkeypatch
):
    from station.sync import lazy

    engine = station_db(tmp_path / "station.sqlite3")
    keys = queue_events(engine, 5)
    ring = Keyring()
    parts = build_sync(engine, "ST-01", central.url, ring.load, max_delay_s=0.1,
                       idle_poll_s=0.05, pull_interval_s=0.1, client_options={"retries": 0})
    assert ring.reads == 0  # building the station reads no token
    with pytest.raises(CentralAuthError) as refused:
        parts.sender.send_batch()
    assert refused.value.reason == "no_token" and "ST-01" in str(refused.value)

    parts.start()
    try:
        assert _until(lambda: parts.status.snapshot.reason == "no_token")
        assert parts.status.snapshot.online is False
        time.sleep(0.5)  # the sender tries again and again meanwhile
        assert [r[1] for r in outbox_results(engine)] == [None] * 5  # nothing settled
        assert ring.reads == 1  # and the keyring is not read on every try: every 30 s

        ring.token = central.station_token  # IT enrols the station
        monkeypatch.setattr(lazy, "RETRY_TOKEN_S", 0.0)  # (the next look, without 30 s)
        assert _until(lambda: all(r[1] is not None for r in outbox_results(engine)))
        assert _until(lambda: parts.status.snapshot.online is True)
    finally:
        parts.stop()
    assert sorted(r[0] for r in outbox_results(engine)) == sorted(keys)
    assert {r[2] for r in outbox_results(engine)} == {"accepted"}
