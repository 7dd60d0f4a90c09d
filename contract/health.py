"""What a station tells central about itself for the fleet view (``PUT /v1/health``).

Part of the wire contract: central stores the newest report per station and raises alerts
from it (a failing device, a low pool, refused events, a crash, or no report at all).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from contract.base import Contract

DeviceState = Literal["connecting", "ok", "fault"]


def _utc_instant(text: str) -> str:
    """An ISO 8601 instant, normalised to UTC; anything else (year 0, a day 32, an offset that
    leaves the calendar) is refused at the door (422), never met later as a crash."""
    try:
        value = datetime.fromisoformat(text)
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not an ISO 8601 time: {text[:40]!r}") from exc
    return value.isoformat()


Instant = Annotated[str, Field(max_length=40, json_schema_extra={"format": "date-time"}),
                    AfterValidator(_utc_instant)]


class DeviceHealth(Contract):
    """One device's line in the station's status bar."""

    device: str = Field(min_length=1, max_length=32)
    state: DeviceState
    message: str = Field(default="", max_length=300)


class PoolHealth(Contract):
    """Tracking numbers left in the station's offline pool for one carrier, and how many
    it used in the last 24 hours (central works out the days left from that)."""

    carrier: str = Field(min_length=1, max_length=32)
    left: int = Field(ge=0, le=10**12)
    used_24h: int = Field(ge=0, le=10**12)


class StationHealth(Contract):
    version: str = Field(min_length=1, max_length=40)
    devices: list[DeviceHealth] = Field(default_factory=list, max_length=20)
    backlog: int = Field(ge=0, le=10**12)  # events not yet accepted by central
    oldest_unsent_at: Instant | None = None
    rejected: int = Field(ge=0, le=10**12)  # events central refused for good
    pools: list[PoolHealth] = Field(default_factory=list, max_length=50)
    last_crash_at: Instant | None = None
    last_crash: str | None = Field(default=None, max_length=300)  # the report's "what:" line
    reported_at: Instant | None = None  # set by central
