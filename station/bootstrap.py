"""Wiring in one place: the store, the bench use case with its label step, the devices of a
bench (drivers behind the core's protocols) and the sync parts of a station (client, outbox
sender, pull loop, pool). ``station run``, ``station --demo``, the screenshots, the tests and
the benchmarks all build their object graph here.

Nothing here connects at import time; :meth:`SyncParts.start` starts the two sync threads.
The UI (or a headless runner) builds one and subscribes to ``status`` for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Engine

from station.config import Settings
from station.devices import Printer
from station.printers import platform_printer
from station.services.bench import Bench
from station.services.packing import PackingService
from station.services.policy import PackPolicy
from station.store.pool import DEFAULT_LOW_THRESHOLD, TrackingPool
from station.store.reference import apply_changes, tracking_format_of
from station.store.uow import StationStore, as_store
from station.sync.status import SyncStatus

if TYPE_CHECKING:
    from contract import ChangeSet
    from drivers.manager import DeviceConfig
    from station.domain.model import Operator
    from station.evidence.recorder import EvidenceRecorder
    from station.runtime import StationRuntime
    from station.services.parcel_size import Measure
    from station.services.receiving import ReceivingService
    from station.services.returns import ReturnsService
    from station.services.stock import StockService
    from station.sync.client import CentralClient
    from station.sync.health import DeviceSource, HealthReporter
    from station.sync.pull import PullLoop
    from station.sync.sender import OutboxSender


def device_configs(settings: Settings) -> list[DeviceConfig]:
    """Scale, printer and serial scanner from the station settings (empty URI: not used)."""
    out = []
    for kind in ("scale", "printer", "scanner"):
        dev = getattr(settings, kind)  # DeviceSettings
        if not dev.uri:
            continue
        from drivers.manager import DeviceConfig  # the drivers load only for a configured device

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


def central_applier(store: StationStore | Engine,
                    pool: TrackingPool) -> Callable[[ChangeSet], None]:
    """Apply one pulled page on the station's store: reference data and orders (upserts),
    then new pool segments."""
    store = as_store(store)

    def apply(changes: ChangeSet) -> None:
        store.run(lambda conn: apply_changes(conn, changes))
        formats: dict[str, str] = {c.code: c.tracking_format for c in changes.carriers}
        for segment in changes.pool_segments:
            code = segment.carrier
            fmt = formats.get(code) or store.read(
                lambda conn: tracking_format_of(conn, code))  # noqa: B023 - read at once
            pool.add_segment(segment, fmt)  # a segment pulled again is a no-op

    return apply


def local_pool(store: StationStore | Engine, station_id: str) -> TrackingPool:
    """The station's local number pool on its file (the screenshots build one by hand)."""
    return TrackingPool(as_store(store).engine, station_id)


@dataclass
class SyncParts:
    client: CentralClient
    sender: OutboxSender
    pull: PullLoop
    pool: TrackingPool
    status: SyncStatus
    health: HealthReporter

    def start(self) -> None:
        self.pull.start()
        self.sender.start()
        self.health.start()

    def stop(self) -> None:
        self.health.stop(timeout_s=5)
        self.sender.stop(timeout_s=5)
        self.pull.stop(timeout_s=5)
        self.client.close()


def _client_maker(url: str, options: dict[str, Any]) -> Callable[[str], CentralClient]:
    def make(token: str) -> CentralClient:
        from station.sync.client import CentralClient

        return CentralClient(url, token, **options)

    return make


def build_sync(
    store: StationStore | Engine,
    station_id: str,
    url: str,
    token: str | Callable[[], str],
    *,
    pull_interval_s: float = 15.0,
    pool_low_warning: int = DEFAULT_LOW_THRESHOLD,
    max_delay_s: float = 30.0,
    idle_poll_s: float = 2.0,
    client_options: dict[str, Any] | None = None,
    crash_folder: Path | None = None,
    devices: DeviceSource | None = None,
) -> SyncParts:
    """Client, sender, pull loop, pool and health reporter for one station database, on the
    bench's store (one writer: an engine gets a store of its own).

    The health report (the fleet view at central) goes every ``pull_interval_s``, with each
    device's status from ``devices`` and the newest crash report in ``crash_folder``.

    ``token`` may be a function that reads it: then it is read at the first call to central,
    on whichever thread makes it (``station/sync/lazy.py``), not here.
    """
    # Loaded here, not at import: the first pack screen needs none of HTTP (start-up time).
    from station.sync.health import HealthReporter
    from station.sync.pull import PullLoop
    from station.sync.sender import OutboxSender

    store = as_store(store)
    status = SyncStatus()
    options = client_options or {}
    client: CentralClient
    if callable(token):  # no HTTP stack (``requests``) and no keyring until the first call
        from station.sync.errors import check_client_options
        from station.sync.lazy import LazyCentralClient

        check_client_options(**options)
        client = cast("CentralClient", LazyCentralClient(token, _client_maker(url, options)))
    else:
        from station.sync.client import CentralClient

        client = CentralClient(url, token, **options)
    pool = TrackingPool(store.engine, station_id, low_threshold=pool_low_warning)
    sender = OutboxSender(
        store, client, station_id, status, max_delay_s=max_delay_s, idle_poll_s=idle_poll_s
    )
    pull = PullLoop(
        store, client, central_applier(store, pool), status, interval_s=pull_interval_s
    )
    health = HealthReporter(store, client, pool, interval_s=pull_interval_s,
                            crash_folder=crash_folder, devices=devices)
    return SyncParts(client, sender, pull, pool, status, health)


def _log_folder() -> Path:
    from station.ops.logs import log_dir

    return log_dir()


# ---------------------------------------------------------------------------- the bench
def open_store(settings: Settings) -> StationStore:
    """The station's SQLite file, created or migrated to the current schema."""
    from station.ops.machine import share_with_group
    from station.store.db import create_station_engine, schema_is_current

    settings.database.parent.mkdir(parents=True, exist_ok=True)
    # In the machine's shared folder every file is created group-writable (the next OS user
    # opens the same database; SQLite gives its WAL the database file's permissions).
    share_with_group(settings.database.parent)
    _adopt_user_database(settings.database)
    if not schema_is_current(settings.database):
        from station.store.backup import upgrade_with_backup  # copy first, then migrate

        upgrade_with_backup(settings.database)
    return StationStore(create_station_engine(settings.database))


def _adopt_user_database(database: Path) -> None:
    """First start on the machine's station file: take over this user's own station file if
    it has one (a PC that was enrolled per user before), so no unsent event is left behind."""
    import logging

    import platformdirs

    from station.config import APP
    from station.ops.machine import machine_dir
    from station.store.backup import adopt_user_database

    if database != machine_dir() / "station.sqlite3":
        return
    legacy = Path(platformdirs.user_data_dir(APP, appauthor=False)) / "station.sqlite3"
    if adopt_user_database(legacy, database):
        logging.getLogger(__name__).warning(
            "this user's station file %s is now the machine's %s", legacy, database)


def pack_policy(settings: Settings) -> PackPolicy:
    """The site's pack rules from the settings."""
    from station.domain.model import Tolerance
    from station.scan.parse import ScanConfig

    return PackPolicy(
        default_tolerance=Tolerance(settings.weigh.tolerance_g, settings.weigh.tolerance_pct),
        scan=ScanConfig(gs_substitute=settings.scan.gs_substitute or None),
        min_pin_length=settings.min_pin_length,
    )


def build_bench(
    store: StationStore,
    settings: Settings,
    *,
    printer: Printer | None = None,
    pool: TrackingPool | None = None,
    client: CentralClient | None = None,
    status: SyncStatus | None = None,
    measure: Measure | None = None,
) -> Bench:
    """The bench use case on ``store``; without a printer it packs but prints nothing.
    ``measure``: the dimensioner (see :func:`build_dimensioner`)."""
    packing = PackingService(store, settings.station_id, pack_policy(settings))
    labels = None
    if printer is not None:
        # Loaded here, not at import: label rendering is not needed for the first scan.
        from station.labels.choice import label_setup
        from station.services.label_step import LabelStep

        labels = LabelStep(
            store, printer,
            printer_language=settings.printer.protocol or "zpl",
            pool=pool or TrackingPool(store.engine, settings.station_id,
                                      low_threshold=settings.pool_low_warning),
            client=client, status=status,
            setup_for=lambda carrier: label_setup(settings, carrier.code),
            language="zh" if settings.language != "en" else "en",
            measure=measure,
            platform_printer=platform_printer(settings),
        )
    return Bench(packing, labels)


def build_dimensioner(settings: Settings) -> tuple[Measure, Callable[[], None]] | None:
    """``[dimensioner]``: (measure, stop) over the device's owner thread, or None."""
    dim = settings.dimensioner
    if not dim.uri:
        return None
    from drivers.dimensioners.owner import DimensionerOwner
    from station.domain.model import Dimensions

    owner = DimensionerOwner(dim.uri, dict(dim.options), timeout_s=dim.timeout_s).start()

    def measure() -> Dimensions:
        got = owner.measure().result(dim.timeout_s + 2)  # DriverError: a sentence for people
        return Dimensions(got.length_mm, got.width_mm, got.height_mm)

    return measure, owner.stop


@dataclass
class StationParts:
    """Everything a running station is made of, besides its window."""

    store: StationStore
    bench: Bench
    sync: SyncParts | None
    evidence: EvidenceRecorder | None = None
    stop_dimensioner: Callable[[], None] | None = None

    def close(self) -> None:
        """Stop the evidence recorder and the dimensioner (the window stops sync and the
        devices itself)."""
        if self.evidence is not None:
            self.evidence.close()
        if self.stop_dimensioner is not None:
            self.stop_dimensioner()


def build_station(
    settings: Settings, printer: Printer | None, devices: DeviceSource | None = None
) -> StationParts:
    """``station run``: store, sync and the bench.

    ``devices`` gives each device's status-bar line for the health report to central.

    The API token is read at the first call to central, not before the bench opens (the
    keyring's imports cost the start-up ~60 ms): without one the station still packs and
    labels from its pool, and the status bar says that the token is missing.
    """
    from station.sync.token import load_token

    store = open_store(settings)
    central = settings.central
    sync = build_sync(
        store, settings.station_id, central.url, lambda: load_token(settings.station_id),
        pull_interval_s=central.pull_interval_s,
        pool_low_warning=settings.pool_low_warning,
        client_options={
            "connect_timeout_s": central.connect_timeout_s,
            "read_timeout_s": central.read_timeout_s,
            "shipment_connect_timeout_s": central.shipment_connect_timeout_s,
            "shipment_read_timeout_s": central.shipment_read_timeout_s,
            "verify": central.ca_bundle or True,
        },
        crash_folder=_log_folder(),
        devices=devices,
    )
    dimensioner = build_dimensioner(settings)
    bench = build_bench(
        store, settings, printer=printer,
        pool=sync.pool, client=sync.client, status=sync.status,
        measure=dimensioner[0] if dimensioner else None,
    )
    evidence = build_evidence(store, settings)
    if evidence is not None:  # a video of every pack, told by the bench where the pack is
        evidence.start()
        bench.watchers.append(evidence)
    return StationParts(store, bench, sync, evidence,
                        dimensioner[1] if dimensioner else None)


def station_bench(runtime: StationRuntime, settings: Settings) -> Callable[[], Bench]:
    """The runtime's ``make_bench`` for ``station run``: :func:`build_station` with the
    runtime's printer, its devices' health in the report to central; the other parts are
    attached to the runtime (camera health, closing)."""

    def make() -> Bench:
        parts = build_station(settings, runtime.printer(), devices=runtime.board.statuses)
        runtime.attach(parts)
        return parts.bench

    return make


def build_runtime(settings: Settings, *, reconnect_max_s: float = 2.0) -> StationRuntime:
    """A whole station without a window: the configured devices, the lanes and, opened by
    :meth:`StationRuntime.open` on its store lane, the bench with sync, camera and
    dimensioner. The window, ``station selftest`` and the headless tests all start here."""
    from station.runtime import StationRuntime

    runtime = StationRuntime(device_configs(settings), reconnect_max_s=reconnect_max_s)
    runtime.make_bench = station_bench(runtime, settings)
    return runtime


# ---------------------------------------------------------------------------- demo
DEMO_SEGMENTS = (  # as the demo central allocates: both carriers have numbers
    ("SF-1", "SF", "SF", "", 10_000_000, 10_000_999, "none"),
    ("EMS-1", "EMS", "EE", "CN", 20_000_000, 20_000_999, "s10"),
)


def demo_store(folder: Path, station_id: str = "ST-01") -> StationStore:
    """A station file with the demo warehouse and a number pool, no central server
    (screenshots, benchmarks)."""
    from contract import PoolSegment
    from station.demo_data import demo_changeset
    from station.store.db import create_station_engine, upgrade

    engine = create_station_engine(folder / "station.sqlite3")
    upgrade(engine)
    store = StationStore(engine)
    store.run(lambda conn: apply_changes(conn, demo_changeset()))
    pool = TrackingPool(engine, station_id)
    for seg, carrier, prefix, suffix, start, end, fmt in DEMO_SEGMENTS:
        pool.add_segment(PoolSegment(segment_id=seg, carrier=carrier, station=station_id,
                                     prefix=prefix, suffix=suffix, start=start, end=end,
                                     width=8), fmt)
    return store


@dataclass
class DemoParts:
    """``station --demo``: central with demo data on 127.0.0.1 behind a link that can be cut,
    a synced station file, a scale simulator on a pty and a ZPL printer simulator on TCP."""

    central: Any
    link: Any
    store: StationStore
    sync: SyncParts
    scale: Any
    printer: Any
    evidence: EvidenceRecorder | None = None

    @property
    def device_configs(self) -> list[DeviceConfig]:
        from drivers.manager import DeviceConfig

        return [
            DeviceConfig("scale", "scale", self.scale.uri, {"protocol": "mt-sics"}),
            DeviceConfig("printer", "printer", self.printer.uri, {"language": "zpl"}),
        ]

    def make_bench(self, settings: Settings, printer: Printer) -> Bench:
        """The demo's bench; with ``[camera]`` set it films each pack like a real station."""
        bench = build_bench(self.store, settings, printer=printer, pool=self.sync.pool,
                            client=self.sync.client, status=self.sync.status)
        if self.evidence is None:
            self.evidence = build_evidence(self.store, settings)
            if self.evidence is not None:
                self.evidence.start()
        if self.evidence is not None:
            bench.watchers.append(self.evidence)
        return bench

    def runtime(self, settings: Settings) -> StationRuntime:
        """The demo station's runtime: the simulated scale and printer, this bench."""
        from station.runtime import StationRuntime

        runtime = StationRuntime(self.device_configs)
        self.sync.health.devices = runtime.board.statuses  # the fleet view at central

        def make() -> Bench:
            bench = self.make_bench(settings, runtime.printer(timeout_s=10))
            if self.evidence is not None:  # the camera's line in the status bar
                runtime.watch("camera", self.evidence.device_status)
                runtime.evidence = self.evidence
            return bench

        runtime.make_bench = make
        return runtime

    def stop(self) -> None:
        import contextlib

        if self.evidence is not None:
            with contextlib.suppress(Exception):
                self.evidence.close()
        for step in (self.sync.stop, self.scale.stop, self.printer.stop, self.link.stop,
                     self.central.stop, self.store.close, self.store.engine.dispose):
            with contextlib.suppress(Exception):  # shutting down: keep stopping the rest
                step()


def build_demo(settings: Settings, folder: Path, central: Any) -> DemoParts:
    """Start everything the demo needs around ``central``, a running reference server with
    demo data (``.live.port``, ``.station_token``, ``.stop()``: the caller starts it, so the
    station never imports the server); :meth:`DemoParts.stop` stops it all."""
    from drivers.sim.printer_sim import PrinterSimulator
    from drivers.sim.scale_sim import ScaleSimulator
    from station.demo_link import LoopbackLink
    from station.store.db import create_station_engine, upgrade

    link = LoopbackLink(central.live.port)
    engine = create_station_engine(settings.database)
    upgrade(engine)
    store = StationStore(engine)
    sync = build_sync(
        store, settings.station_id, link.url, central.station_token,
        pull_interval_s=5, max_delay_s=2, idle_poll_s=1,
        client_options={"connect_timeout_s": 1.0, "read_timeout_s": 5.0, "retries": 0},
    )
    sync.pull.pull_once()  # orders, products, badges and pool before the window
    scale = ScaleSimulator("mt-sics").start()
    printer = PrinterSimulator("zpl", out_dir=folder / "printed").start()
    return DemoParts(central, link, store, sync, scale, printer)
@dataclass
class InboundServices:
    """Receiving, returns and stock of one bench (they share the bench's login)."""

    receiving: ReceivingService
    returns: ReturnsService
    stock: StockService

    def close(self) -> None:
        for service in (self.receiving, self.returns, self.stock):
            service.close()


def build_inbound(
    store: StationStore | Engine,
    station_id: str,
    operator: Callable[[], Operator | None],
    client: CentralClient | None = None,
    camera: Any | None = None,
) -> InboundServices:
    """The inbound use cases on the bench's store (one writer); ``operator()`` is who is
    logged in; ``camera`` (the evidence recorder) photographs returned parcels."""
    from station.services.qc_release import QcDesk
    from station.services.receiving import ReceivingService
    from station.services.returns import ReturnsService
    from station.services.stock import StockService

    receiving = ReceivingService(store, station_id, operator, client)
    receiving.qc = QcDesk(store, station_id, operator, client)
    returns = ReturnsService(store, station_id, operator, client)
    returns.camera = camera
    receiving.resume()
    returns.resume()
    return InboundServices(receiving, returns, StockService(store, station_id, operator, client))
@dataclass
class LeadServices:
    """The shipping lead's services on the bench's store (handover, lookup, dashboard)."""

    handover: Any  # station.services.handover.HandoverService
    lookup: Any  # station.services.lookup.LookupService
    dashboard: Any  # station.services.dashboard.DashboardService


def build_lead_services(
    settings: Settings,
    store: StationStore,
    *,
    printer: Any | None = None,
    printer_language: str = "zpl",
    client: Any | None = None,
) -> LeadServices:
    """Handover (manifest PDFs in ``manifests/`` beside the database), lookup (the carrier
    timeline through ``client`` when there is one) and dashboard, on the bench's one store."""
    from pathlib import Path

    from station.services.dashboard import DashboardService
    from station.services.handover import HandoverService
    from station.services.lookup import LookupService
    handover = HandoverService(
        store, settings.station_id, settings.warehouse, printer=printer,
        printer_language=printer_language,
        pdf_folder=Path(settings.database).parent / "manifests",
        reweigh=pack_policy(settings).default_tolerance if settings.handover.reweigh else None,
        bag_tare_g=settings.handover.bag_tare_g,
    )
    return LeadServices(handover, LookupService(store, client), DashboardService(store))


def build_evidence(store: StationStore, settings: Settings) -> EvidenceRecorder | None:
    """The pack evidence recorder for ``[camera]``, or None when no camera is configured.
    Call ``start()`` on it once the window is up (it spawns the recorder process)."""
    if not settings.camera.uri:
        return None
    from station.evidence import evidence_addon_missing

    missing = evidence_addon_missing()
    if missing:  # the station packs on; doctor and the log say why there is no video
        import logging

        logging.getLogger(__name__).error("[camera] is set but %s", missing)
        return None
    from station.evidence.recorder import EvidenceRecorder

    return EvidenceRecorder(store, settings.camera, station=settings.station_id)
