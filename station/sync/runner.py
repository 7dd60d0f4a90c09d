"""One object that runs a station's sync: token from the keyring, client, outbox sender and
pull loop on their own threads, one status for the UI. Built by the bootstrap; nothing
connects until :meth:`SyncRunner.start`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from station.sync.client import CentralClient
from station.sync.contract import ChangeSet
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus
from station.sync.token import load_token


class SyncRunner:
    """Outbox sender + pull loop of one station against one central server."""

    def __init__(
        self,
        engine: Engine,
        central_url: str,
        station: str,
        apply: Callable[[ChangeSet], None],
        *,
        verify: bool | str | Path = True,
        token: str | None = None,
        pull_interval_s: float = 30.0,
    ) -> None:
        self.status = SyncStatus()
        self.client = CentralClient(central_url, token or load_token(station), verify=verify)
        self.sender = OutboxSender(engine, self.client, station, self.status)
        self.pull = PullLoop(
            engine, self.client, apply, self.status, interval_s=pull_interval_s
        )

    def start(self) -> None:
        self.sender.start()
        self.pull.start()

    def event_queued(self) -> None:
        """Call after committing an outbox event: sends it now rather than at the next poll."""
        self.sender.wake()

    def stop(self) -> None:
        self.sender.stop()
        self.pull.stop()
        self.client.close()
