"""Typed station settings: the fleet's site TOML, machine-wide TOML (per-station overrides),
per-user TOML, then ``STATION_*`` variables.

Later sources win key by key. An invalid value is reported with the file (or variable) and the
key it came from, so IT can fix it without reading a traceback. Paths come from platformdirs.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from station.i18n import _

APP = "packing-station"
ENV_PREFIX = "STATION_"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class CentralSettings(Section):
    url: str = "http://127.0.0.1:8700"
    ca_bundle: Path | None = None  # extra CA file for a private PKI; TLS is always verified
    connect_timeout_s: float = Field(default=3.0, gt=0, le=60)
    read_timeout_s: float = Field(default=10.0, gt=0, le=300)
    pull_interval_s: float = Field(default=15.0, gt=0, le=3600)
    # A label request runs while the packer waits: one try, no retry, short connect timeout,
    # then the station labels from its pool (the 1 s promise when central is unreachable).
    shipment_connect_timeout_s: float = Field(default=0.5, gt=0, le=5)
    shipment_read_timeout_s: float = Field(default=5.0, gt=0, le=60)
    # Plain http:// sends the token and the buyers' addresses in clear: only to this machine
    # (loopback) unless IT says so here, e.g. inside a VPN.
    allow_http: bool = False

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return v.rstrip("/")

    @model_validator(mode="after")
    def _https_unless_allowed(self) -> CentralSettings:
        if self.url.startswith("http://") and not self.allow_http and not is_loopback(self.url):
            raise ValueError(
                "url: http:// is refused (the token would travel in clear): use https://, or "
                "set allow_http = true in [central] if the network is private"
            )
        return self


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (127.0.0.0/8, ::1, localhost)."""
    import ipaddress
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class DeviceSettings(Section):
    uri: str = ""  # empty: not configured
    protocol: str = ""  # scale protocol or printer language
    options: dict[str, str | int | float | bool] = {}


# A resident font as ZPL names it (``^A@``): drive R/E/B/A, a name of up to 16 characters,
# a TrueType (.TTF/.TTE) or bitmap (.FNT) font. TSPL names its fonts without a drive.
_ZPL_FONT = re.compile(r"[REBA]:[A-Z0-9_-]{1,16}\.(TTF|TTE|FNT)", re.IGNORECASE)
_TSPL_FONT = re.compile(r"[A-Z0-9_-]{1,32}\.[A-Z0-9]{1,4}", re.IGNORECASE)


class PrinterSettings(DeviceSettings):
    """The label printer: connection (``uri``, ``protocol`` = printer language), resolution
    and the CJK font stored on the printer, if any (without one, Chinese text is sent as a
    bitmap)."""

    dpi: int = 203
    cjk_font: str | None = None  # e.g. "E:SIMSUN.TTF" (ZPL) or "TSS24.BF2" (TSPL)

    @field_validator("dpi")
    @classmethod
    def _known_dpi(cls, v: int) -> int:
        if v not in (203, 300):
            raise ValueError("must be 203 or 300 (8 or 12 dots per mm)")
        return v

    @field_validator("cjk_font")
    @classmethod
    def _font_name(cls, v: str | None, info: ValidationInfo) -> str | None:
        if not v:
            return None
        language = str(info.data.get("protocol") or "zpl").lower()
        # The name is written into printer commands: only a plain font name may get there.
        if language == "zpl" and not _ZPL_FONT.fullmatch(v):
            raise ValueError("must be a ZPL font name like E:SIMSUN.TTF")
        if language == "tspl" and not _TSPL_FONT.fullmatch(v):
            raise ValueError("must be a TSPL font name like TSS24.BF2")
        if language not in ("zpl", "tspl"):
            raise ValueError("only ZPL and TSPL printers have resident fonts")
        return v


# Chinese carriers print the 100x180 mm e-waybill (电子面单); everyone else the 100x150 mm
# (4x6 in) carrier label. Entries in [labels] carrier_templates add to or replace these.
EWAYBILL_CARRIERS = (
    "SF", "EMS", "CHINAPOST", "ZTO", "YTO", "STO", "YUNDA", "JD", "JT", "DBL", "DEPPON",
    "BEST", "CAINIAO", "ZJS", "HTKY", "UC", "FENGWANG", "SURE", "ANE",
)  # fmt: skip
DEFAULT_CARRIER_TEMPLATES = dict.fromkeys(EWAYBILL_CARRIERS, "ewaybill_100x180")
_LABEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "labels"


def _parcel_template(name: str) -> str:
    """``name`` when it is a shipped parcel-label template, else ValueError."""
    path = _LABEL_DIR / f"{name}.toml"
    if not re.fullmatch(r"[a-z0-9_]{1,64}", name) or not path.is_file():
        raise ValueError(f"no label template {name!r} in resources/labels")
    try:
        kind = tomllib.loads(path.read_text(encoding="utf-8")).get("kind")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"label template {name!r} cannot be read") from exc
    if kind != "parcel":
        raise ValueError(f"label template {name!r} is not a parcel label")
    return name


class LabelSettings(Section):
    """Which template each carrier's parcels get (codes are case-insensitive)."""

    carrier_templates: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_CARRIER_TEMPLATES)
    )
    default_template: str = "carrier_100x150"

    @field_validator("carrier_templates")
    @classmethod
    def _known_templates(cls, v: dict[str, str]) -> dict[str, str]:
        out = dict(DEFAULT_CARRIER_TEMPLATES)  # a station.toml entry adds to the defaults
        for code, name in v.items():
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", code):
                raise ValueError(f"carrier code {code!r} must be 1-32 letters or digits")
            out[code.upper()] = _parcel_template(name)
        return out

    @field_validator("default_template")
    @classmethod
    def _known_default(cls, v: str) -> str:
        return _parcel_template(v)


class ScanSettings(Section):
    gs_substitute: str = Field(default="", max_length=1)  # char the wedge sends for GS (0x1D)
    wedge_max_gap_ms: int = Field(default=50, ge=5, le=500)
    wedge_min_length: int = Field(default=4, ge=1, le=64)


class WeighSettings(Section):
    tolerance_g: int = Field(default=30, ge=0, le=100_000)
    tolerance_pct: Decimal = Field(default=Decimal("5"), ge=0, le=100)
    stable_readings: int = Field(default=3, ge=1, le=50)
    stable_band_g: int = Field(default=2, ge=0, le=1000)
    stable_min_ms: int = Field(default=300, ge=0, le=10_000)


class HandoverSettings(Section):
    """Re-weighing at the handover (复重): each parcel (or sealed bag) on the scale as the
    driver takes it, compared with its packed weight within the ``[weigh]`` tolerance; a bag
    may weigh ``bag_tare_g`` more than its parcels (the bag itself)."""

    reweigh: bool = False
    bag_tare_g: int = Field(default=300, ge=0, le=50_000)


class CameraSettings(Section):
    """Pack evidence: a camera over the bench records each pack (empty ``uri``: no recording).

    ``uri``: ``v4l2:///dev/video0`` (Linux), ``dshow://video=USB Camera`` (Windows) or
    ``sim://testsrc`` (FFmpeg's test pattern, for demos and tests).
    """

    uri: str = ""
    fps: int = Field(default=15, ge=1, le=60)
    size: str = Field(default="1280x720", pattern=r"^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$")
    folder: Path = Field(
        default_factory=lambda: (
            Path(platformdirs.user_data_dir(APP, appauthor=False)) / "evidence"
        )
    )
    retention_days: int = Field(default=90, ge=1, le=3650)
    quota_mb: int = Field(default=20_000, ge=10, le=10_000_000)

    @property
    def width_height(self) -> tuple[int, int]:
        w, h = self.size.split("x")
        return int(w), int(h)


class DimensionerSettings(DeviceSettings):
    """A dimensioner over the bench (empty ``uri``: none): each parcel is measured once, at its
    first label, and billed by that size instead of its box's catalogue size."""

    timeout_s: float = Field(default=3.0, gt=0, le=30)


class Settings(Section):
    station_id: str = Field(default="ST-01", min_length=1, max_length=40)
    warehouse: str = Field(default="WH-1", min_length=1, max_length=40)
    language: Literal["en", "zh_CN"] = "en"
    database: Path = Field(default_factory=lambda: default_database())
    idle_lock_minutes: int = Field(default=10, ge=1, le=24 * 60)
    pool_low_warning: int = Field(default=200, ge=0)
    min_pin_length: int = Field(default=4, ge=4, le=32)  # shorter PINs never log in
    central: CentralSettings = CentralSettings()
    scale: DeviceSettings = DeviceSettings()
    printer: PrinterSettings = PrinterSettings()
    scanner: DeviceSettings = DeviceSettings()
    scan: ScanSettings = ScanSettings()
    weigh: WeighSettings = WeighSettings()
    labels: LabelSettings = LabelSettings()
    camera: CameraSettings = CameraSettings()
    dimensioner: DimensionerSettings = DimensionerSettings()
    handover: HandoverSettings = HandoverSettings()
    # e-waybills of Cainiao and the platforms shaped like it print through the platform's
    # print component on this PC: uri = "cainiao://127.0.0.1:13528?printer=NAME"
    platform_printer: DeviceSettings = DeviceSettings()
    # the fleet's shared settings (e.g. on a share or pushed by configuration management); read
    # below this station's own files, which override it key by key
    site_config: Path | None = None

    @field_validator("printer", mode="before")
    @classmethod
    def _printer_from_device(cls, v: object) -> object:
        """A plain :class:`DeviceSettings` is a printer at 203 dpi without a resident font."""
        if isinstance(v, DeviceSettings) and not isinstance(v, PrinterSettings):
            return v.model_dump()
        return v


def default_database() -> Path:
    """The machine's shared station file where the installer made one (every OS user of the
    bench PC is the same station), else this user's data folder."""
    from station.ops.machine import machine_data_available, machine_dir

    if machine_data_available():
        return machine_dir() / "station.sqlite3"
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "station.sqlite3"


class ConfigError(Exception):
    """A settings file or variable is invalid. ``str()`` names the source and the key."""


@dataclass
class LoadedSettings:
    settings: Settings
    sources: dict[str, str] = field(default_factory=dict)  # dotted key -> file or variable
    files: list[Path] = field(default_factory=list)  # files that existed and were read
    missing: list[Path] = field(default_factory=list)  # a named site file that was not there


def machine_config_path() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "PackingStation" / "station.toml"
    return Path("/etc/packing-station/station.toml")


def site_config_path() -> Path:
    """The fleet-wide file, read first: every station of the site shares it."""
    return machine_config_path().with_name("site.toml")


def user_config_path() -> Path:
    if sys.platform == "win32":
        return (
            Path(platformdirs.user_config_dir("PackingStation", appauthor=False)) / "station.toml"
        )
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "station.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{file}: not valid TOML ({error})").format(file=path, error=exc)
        ) from exc
    except OSError as exc:
        raise ConfigError(
            _("{file}: cannot be read ({error})").format(file=path, error=exc)
        ) from exc


def _env_layer(environ: Mapping[str, str], sources: dict[str, str]) -> dict[str, Any]:
    """``STATION_CENTRAL__URL=x`` -> ``{"central": {"url": "x"}}`` (double underscore nests)."""
    out: dict[str, Any] = {}
    for name, value in environ.items():
        if not _is_setting(name):
            continue
        path = name[len(ENV_PREFIX) :].lower().split("__")
        node = out
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
        sources[".".join(path)] = name
    return out


# STATION_* variables that are not station settings: the token (read by station.sync.token),
# the central server's own (STATION_CENTRAL_DB...; settings nest with a double underscore,
# STATION_CENTRAL__URL), and test and hardware-check hooks.
_NOT_SETTINGS = ("STATION_API_TOKEN", "STATION_TEST_", "STATION_HW_", "STATION_REGEN_")


def _is_setting(name: str) -> bool:
    if not name.startswith(ENV_PREFIX) or name.startswith(_NOT_SETTINGS):
        return False
    return not (name.startswith("STATION_CENTRAL_") and not name.startswith("STATION_CENTRAL__"))


def _merge(
    into: dict[str, Any],
    layer: Mapping[str, Any],
    source: str,
    sources: dict[str, str],
    prefix: str = "",
) -> None:
    for key, value in layer.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value, source, sources, dotted + ".")
        elif isinstance(value, Mapping):
            into[key] = {}
            _merge(into[key], value, source, sources, dotted + ".")
        else:
            into[key] = value
            sources[dotted] = source


def load_settings(
    files: list[Path] | None = None, environ: Mapping[str, str] | None = None
) -> LoadedSettings:
    """Read and validate the settings. Raises :class:`ConfigError` naming source and key."""
    if files is None:
        files = [site_config_path(), machine_config_path(), user_config_path()]
    environ = os.environ if environ is None else environ
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    read: list[Path] = []
    layers = [(path, _read_toml(path)) for path in files if path.is_file()]
    env_sources: dict[str, str] = {}
    env = _env_layer(environ, env_sources)
    # A station file (or STATION_SITE_CONFIG) may name the site file: it goes underneath all.
    named = env.get("site_config") or next(
        (layer["site_config"] for _p, layer in reversed(layers) if "site_config" in layer), None
    )
    missing: list[Path] = []
    if isinstance(named, str) and named:
        site = Path(named)
        if site.is_file():
            if all(site.resolve() != p.resolve() for p, _l in layers):
                layers.insert(0, (site, _read_toml(site)))
        else:  # a share that is down must not stop the bench: say so in `station doctor`
            missing.append(site)
    for path, layer in layers:
        _merge(merged, layer, str(path), sources)
        read.append(path)
    sources.update(env_sources)
    _merge(merged, env, "environment", {})
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, sources)) from exc
    return LoadedSettings(settings, sources, read, missing)


def _describe(exc: ValidationError, sources: dict[str, str]) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        where = sources.get(key) or next(
            (src for k, src in sources.items() if key.startswith(k + ".") or k.startswith(key)),
            _("defaults"),
        )
        msg = _("unknown setting") if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(
            _("{source}: setting '{key}': {message}").format(source=where, key=key, message=msg)
        )
    return "\n".join(lines)
