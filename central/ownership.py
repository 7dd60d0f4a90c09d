"""Whose is a tracking number? Central never takes a station's word for it.

A station may report a number only if it is in a pool segment allocated to it (or, for a
manifest, to a station of its warehouse), or if ``POST /v1/shipments`` issued it to its
warehouse. Everything else is somebody else's number, or one central has not issued yet.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from central import tables as t
from contract.tracking import TrackingNumberError, tracking_format


def in_segment(number: str, fmt: str, prefix: str, suffix: str, width: int,
               start: int, end: int) -> bool:
    """True when ``number`` is exactly the printed form of a serial ``start..end`` of a
    segment with this prefix, suffix, width and carrier format."""
    if not number.startswith(prefix):
        return False
    serial = number[len(prefix):len(prefix) + width]
    if len(serial) != width or not serial.isdigit() or not start <= int(serial) <= end:
        return False
    try:
        printed = tracking_format(fmt).complete(f"{prefix}{serial}{suffix}")
    except (TrackingNumberError, ValueError):
        return False
    return printed == number


def carrier_format(conn: Connection, carrier: str) -> str | None:
    data = conn.scalar(select(t.carriers.c.data).where(t.carriers.c.code == carrier))
    return None if data is None else str(json.loads(data).get("tracking_format", "none"))


def in_pool_of(conn: Connection, carrier: str, number: str, stations: list[str]) -> bool:
    """True when ``number`` lies in a pool segment of ``carrier`` allocated to one of
    ``stations``."""
    fmt = carrier_format(conn, carrier)
    if fmt is None or not stations:
        return False
    rows = conn.execute(
        select(t.pool_segments.c.data).where(
            t.pool_segments.c.carrier == carrier, t.pool_segments.c.station.in_(stations)
        )
    )
    for row in rows:
        seg = json.loads(row.data)
        if in_segment(number, fmt, seg.get("prefix", ""), seg.get("suffix", ""),
                      int(seg["width"]), int(seg["start"]), int(seg["end"])):
            return True
    return False


def stations_of(conn: Connection, warehouse: str | None) -> list[str]:
    return list(
        conn.scalars(select(t.stations.c.name).where(t.stations.c.warehouse == warehouse))
    )


def issued_to(conn: Connection, number: str, warehouse: str | None) -> bool:
    """True when central itself issued ``number`` (``POST /v1/shipments``) to ``warehouse``."""
    row = conn.execute(
        select(t.tracking_numbers.c.source, t.tracking_numbers.c.warehouse).where(
            t.tracking_numbers.c.number == number
        )
    ).first()
    return row is not None and row.source == "central" and row.warehouse == warehouse
