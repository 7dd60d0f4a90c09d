"""Tell central how this bench is, every sync interval: the fleet view's data.

A :class:`HealthReporter` gathers the station's version, each device's status-bar line, the
outbox backlog and its oldest unsent event, refused events, pool levels with the last day's
use, and the newest crash report, and sends them with ``PUT /v1/health``. A failed report is
not retried early: the next round sends a fresh one (only the newest matters).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from contract.health import DeviceHealth, PoolHealth, StationHealth
from station import __version__
from station.device_status import DeviceStatus
from station.store import sync_rows
from station.store.pool import TrackingPool
from station.store.uow import StationStore, as_store
from station.sync.errors import CentralError
from station.sync.loop import WakeableLoop

if TYPE_CHECKING:
    from station.sync.client import CentralClient

log = logging.getLogger(__name__)

DeviceSource = Callable[[], Iterable[DeviceStatus]]


def last_crash(folder: Path | None) -> tuple[str | None, str | None]:
    """(time, what) of the newest crash report in ``folder/crash``, or (None, None)."""
    if folder is None:
        return None, None
    reports = sorted((folder / "crash").glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
    if not reports:
        return None, None
    newest = reports[-1]
    at = datetime.fromtimestamp(newest.stat().st_mtime, UTC).isoformat()
    what = None
    try:
        with newest.open(encoding="utf-8", errors="replace") as f:
            for line in list(f)[:10]:
                if line.startswith("what: "):
                    what = line[6:].strip()[:300]
                    break
    except OSError:
        pass
    return at, what


class HealthReporter(WakeableLoop):
    """Sends a :class:`StationHealth` every ``interval_s`` seconds (and when woken)."""

    thread_name = "health-report"

    def __init__(
        self,
        store: StationStore | Engine,
        client: CentralClient,
        pool: TrackingPool,
        *,
        interval_s: float = 15.0,
        crash_folder: Path | None = None,
        devices: DeviceSource | None = None,
    ) -> None:
        self.store = as_store(store)
        self.client = client
        self.pool = pool
        self.interval_s = interval_s
        self.crash_folder = crash_folder
        self.devices: DeviceSource = devices or (lambda: ())
        self.last_sent: StationHealth | None = None
        super().__init__()

    def report(self) -> StationHealth:
        """The station as it is now."""
        since = (datetime.now(UTC) - timedelta(hours=24)).isoformat()
        backlog, oldest, rejected, used = self.store.read(lambda conn: (
            sync_rows.backlog(conn), sync_rows.oldest_unsent(conn), sync_rows.rejected(conn),
            sync_rows.numbers_used(conn, self.pool.station, since)))
        pools = [
            PoolHealth(carrier=level.carrier, left=level.remaining,
                       used_24h=int(used.get(level.carrier, 0)))
            for level in self.pool.levels()
        ]
        devices = [
            DeviceHealth(device=s.device[:32], state=str(s.state),  # type: ignore[arg-type]
                         message=s.message[:300])
            for s in list(self.devices())[:20]
        ]
        crash_at, crash_what = last_crash(self.crash_folder)
        return StationHealth(
            version=__version__, devices=devices, backlog=int(backlog),
            oldest_unsent_at=oldest, rejected=int(rejected), pools=pools,
            last_crash_at=crash_at, last_crash=crash_what,
        )

    def send(self) -> bool:
        """Send one report now; False when central could not be told (logged, not raised)."""
        try:
            report = self.report()
            self.client.put_health(report)
        except CentralError as exc:
            log.debug("health report not sent: %s", exc)  # the status bar says why
            return False
        except Exception:  # the file busy, a device board mid-change: next round
            log.warning("health report failed", exc_info=True)
            return False
        self.last_sent = report
        return True

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.send()
            if not self._stopping.is_set():
                self._pause(self.interval_s)
