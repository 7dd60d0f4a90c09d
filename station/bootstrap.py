"""Wiring in one place: the devices of a bench (drivers behind the core's protocols) and the
sync parts of a station (client, outbox sender, pull loop, pool).

Nothing here connects at import time; :meth:`SyncParts.start` starts the two sync threads.
The UI (or a headless runner) builds one and subscribes to ``status`` for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from drivers.errors import DeviceConfigError
from drivers.manager import DeviceConfig, DeviceManager
from station.carriers.pool import DEFAULT_LOW_THRESHOLD, TrackingPool
from station.config import Settings
from station.devices import PrintJob, PrintResult
from station.i18n import _
from station.store.reference import apply_changes
from station.sync.client import CentralClient
from station.sync.contract import ChangeSet
from station.sync.pull import PullLoop
from station.sync.sender import OutboxSender
from station.sync.status import SyncStatus

if TYPE_CHECKING:
    from station.evidence.recorder import EvidenceRecorder


def device_configs(settings: Settings) -> list[DeviceConfig]:
    """Scale, printer and serial scanner from the station settings (empty URI: not used)."""
    out = []
    for kind in ("scale", "printer", "scanner"):
        dev = getattr(settings, kind)  # DeviceSettings
        if not dev.uri:
            continue
        options: dict[str, Any] = dict(dev.options)
        if dev.protocol:
            options.setdefault("language" if kind == "printer" else "protocol", dev.protocol)
        if kind == "scale":  # the stable-weight gate runs in the scale's owner thread
            weigh = settings.weigh
            options.setdefault("stable_readings", weigh.stable_readings)
            options.setdefault("stable_band_mg", weigh.stable_band_g * 1000)
            options.setdefault("stable_min_ms", weigh.stable_min_ms)
        out.append(DeviceConfig(kind, kind, dev.uri, options))
    return out


class DriverPrinter:
    """The core's ``Printer`` protocol on a drivers printer (its owner thread does the I/O)."""

    def __init__(self, manager: DeviceManager, name: str = "printer", timeout_s: float = 20.0):
        self.manager = manager
        self.name = name
        self.timeout_s = timeout_s

    def send(self, job: PrintJob) -> PrintResult:
        try:
            result = self.manager.print_job(self.name, job.data).result(self.timeout_s)
        except (TimeoutError, FutureTimeout):
            return PrintResult(False, _("The printer did not answer in time."))
        except DeviceConfigError as exc:
            return PrintResult(False, str(exc))
        return PrintResult(bool(result.printed), result.message)


def central_applier(engine: Engine, pool: TrackingPool) -> Callable[[ChangeSet], None]:
    """Apply one pulled page: reference data and orders (upserts), then new pool segments."""

    def apply(changes: ChangeSet) -> None:
        with engine.begin() as conn:
            apply_changes(conn, changes)
        formats = {c.code: c.tracking_format for c in changes.carriers}
        for segment in changes.pool_segments:
            fmt = formats.get(segment.carrier) or _stored_format(engine, segment.carrier)
            pool.add_segment(segment, fmt)  # a segment pulled again is a no-op

    return apply


def _stored_format(engine: Engine, carrier: str) -> str:
    from sqlalchemy import select

    from station.store.tables import carriers

    with engine.connect() as conn:
        fmt = conn.execute(
            select(carriers.c.tracking_format).where(carriers.c.code == carrier)
        ).scalar_one_or_none()
    return fmt or "none"


@dataclass
class SyncParts:
    client: CentralClient
    sender: OutboxSender
    pull: PullLoop
    pool: TrackingPool
    status: SyncStatus

    def start(self) -> None:
        self.pull.start()
        self.sender.start()

    def stop(self) -> None:
        self.sender.stop(timeout_s=5)
        self.pull.stop(timeout_s=5)
        self.client.close()


def build_sync(
    engine: Engine,
    station_id: str,
    url: str,
    token: str,
    *,
    pull_interval_s: float = 15.0,
    pool_low_warning: int = DEFAULT_LOW_THRESHOLD,
    max_delay_s: float = 30.0,
    idle_poll_s: float = 2.0,
    client_options: dict[str, Any] | None = None,
) -> SyncParts:
    """Client, sender, pull loop and pool for one station database."""
    status = SyncStatus()
    client = CentralClient(url, token, **(client_options or {}))
    pool = TrackingPool(engine, station_id, low_threshold=pool_low_warning)
    sender = OutboxSender(
        engine, client, station_id, status, max_delay_s=max_delay_s, idle_poll_s=idle_poll_s
    )
    pull = PullLoop(
        engine, client, central_applier(engine, pool), status, interval_s=pull_interval_s
    )
    return SyncParts(client, sender, pull, pool, status)


def build_evidence(engine: Engine, settings: Settings) -> EvidenceRecorder | None:
    """The pack evidence recorder for ``[camera]``, or None when no camera is configured.
    Call ``start()`` on it once the window is up (it spawns the recorder process)."""
    if not settings.camera.uri:
        return None
    from station.evidence.recorder import EvidenceRecorder

    return EvidenceRecorder(engine, settings.camera, station=settings.station_id)
