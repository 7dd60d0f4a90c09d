"""Sync status for the UI and the sender's backoff (no I/O)."""

from __future__ import annotations

import random

from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus


def test_status_tells_listeners_about_changes_only():
    status = SyncStatus()
    seen = []
    status.subscribe(seen.append)
    status.update(online=False, backlog=3)
    status.update(online=False, backlog=3)  # no change, no call
    status.update(backlog=0, online=True)
    assert [(s.online, s.backlog) for s in seen] == [(False, 3), (True, 0)]


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    from sqlalchemy import create_engine

    sender = OutboxSender(create_engine("sqlite://"), None, "ST-01",  # type: ignore[arg-type]
                          base_delay_s=0.5, max_delay_s=8.0, rng=random.Random(1))
    delays = []
    for failures in range(1, 10):
        sender.failures = failures
        ceiling = min(8.0, 0.5 * 2 ** (failures - 1))
        delay = sender.next_delay()
        assert ceiling / 2 <= delay <= ceiling
        delays.append(delay)
    assert len(set(delays)) == len(delays)  # jittered: stations do not retry in lockstep
