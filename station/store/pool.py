"""Local tracking-number pools: label offline from segments the central API allocated us.

A number is taken in its own committed SQLite transaction *before* the label is printed, so a
crash after the take leaves a number that is recorded as taken (it can be voided), never one
that is handed out again. ``BEGIN IMMEDIATE`` takes SQLite's write lock first, so two takers
— threads, processes, or several stations sharing one file — are serialised by the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from contract import Carrier, PoolSegment
from contract.tracking import TrackingNumberError, tracking_format
from station.carriers.catalogue import CarrierCatalogue, UnknownCarrierError
from station.i18n import _
from station.store.outbox import audit, utcnow_iso

log = logging.getLogger(__name__)

DEFAULT_LOW_THRESHOLD = 50


class PoolError(Exception):
    """The pool cannot do what was asked. ``str()`` is a sentence for a packer or IT admin."""


class PoolEmptyError(PoolError):
    """No number left for this carrier on this station."""


@dataclass(frozen=True)
class PoolLevel:
    """How many numbers are left for a carrier, and whether that is below the warning line."""

    carrier: str
    remaining: int
    threshold: int

    @property
    def low(self) -> bool:
        return self.remaining < self.threshold


_TAKE = text(
    "UPDATE pool_segment SET next_no = next_no + 1 "
    "WHERE id = (SELECT id FROM pool_segment "
    "            WHERE carrier = :carrier AND station = :station AND next_no <= end_no "
    "            ORDER BY id LIMIT 1) "
    "RETURNING segment_id, next_no - 1 AS serial, prefix, suffix, width, tracking_format"
)
_RECORD = text(
    "INSERT INTO pool_number (number, carrier, segment_id, serial, station, reference, taken_at) "
    "VALUES (:number, :carrier, :segment_id, :serial, :station, :reference, :at) "
    "ON CONFLICT (number) DO NOTHING"
)
_MAX_SKIPS = 1000
_LEVEL = text(
    "SELECT COALESCE(SUM(end_no - next_no + 1), 0) FROM pool_segment "
    "WHERE carrier = :carrier AND station = :station"
)


def format_pool_number(prefix: str, serial: int, width: int, suffix: str, fmt: str) -> str:
    """The printed number for ``serial``: prefix + zero-padded serial [+ check] + suffix."""
    return tracking_format(fmt).complete(f"{prefix}{serial:0{width}d}{suffix}")


class TrackingPool:
    """The tracking numbers this station may print on its own, per carrier.

    ``catalogue`` supplies each carrier's tracking format (check digit); without it, or for a
    carrier it does not know, numbers are printed as allocated (format ``none``).
    """

    def __init__(
        self,
        engine: Engine,
        station: str,
        catalogue: CarrierCatalogue | None = None,
        low_threshold: int = DEFAULT_LOW_THRESHOLD,
    ) -> None:
        self.engine = engine
        self.station = station
        self.catalogue = catalogue
        self.low_threshold = low_threshold

    # -- segments -------------------------------------------------------------------------
    def add_segment(self, segment: PoolSegment, tracking_format_code: str | None = None) -> bool:
        """Add a segment allocated to this station. Returns False if it was already added.

        Pulling the same segment again is harmless; a segment for another station, one that
        overlaps numbers already held, or one whose numbers fail the carrier's format is
        refused with :class:`PoolError`.
        """
        if segment.station != self.station:
            raise PoolError(
                _("Number segment {seg} belongs to station {other}, not to this station.").format(
                    seg=segment.segment_id, other=segment.station
                )
            )
        if segment.start > segment.end or len(str(segment.end)) > segment.width:
            raise PoolError(
                _("Number segment {seg} has an invalid range: ask IT to check it.").format(
                    seg=segment.segment_id
                )
            )
        fmt = tracking_format_code or self._format_of(segment.carrier)
        try:
            for serial in (segment.start, segment.end):
                number = format_pool_number(
                    segment.prefix, serial, segment.width, segment.suffix, fmt
                )
                tracking_format(fmt).validate(number)
        except (TrackingNumberError, ValueError) as exc:  # ValueError: body of wrong length
            raise PoolError(
                _("Number segment {seg} does not make valid numbers: {why}").format(
                    seg=segment.segment_id, why=exc
                )
            ) from exc
        with self._write() as conn:
            existing = conn.execute(
                text(
                    "SELECT carrier, station, prefix, suffix, start_no, end_no, width "
                    "FROM pool_segment WHERE segment_id = :id"
                ),
                {"id": segment.segment_id},
            ).first()
            mine = (
                segment.carrier, segment.station, segment.prefix, segment.suffix,
                segment.start, segment.end, segment.width,
            )
            if existing is not None:
                if tuple(existing) != mine:
                    raise PoolError(
                        _("Number segment {seg} was already added with other numbers.").format(
                            seg=segment.segment_id
                        )
                    )
                return False
            overlap = conn.execute(
                text(
                    "SELECT segment_id FROM pool_segment WHERE carrier = :carrier "
                    "AND prefix = :prefix AND suffix = :suffix AND width = :width "
                    "AND start_no <= :end AND end_no >= :start LIMIT 1"
                ),
                {
                    "carrier": segment.carrier, "prefix": segment.prefix,
                    "suffix": segment.suffix, "width": segment.width,
                    "start": segment.start, "end": segment.end,
                },
            ).scalar()
            if overlap is not None:
                raise PoolError(
                    _("Number segment {seg} overlaps segment {other}: ask IT to check.").format(
                        seg=segment.segment_id, other=overlap
                    )
                )
            conn.execute(
                text(
                    "INSERT INTO pool_segment (segment_id, carrier, station, prefix, suffix, "
                    "start_no, end_no, width, tracking_format, next_no, added_at) VALUES "
                    "(:id, :carrier, :station, :prefix, :suffix, :start, :end, :width, :fmt, "
                    ":start, :at)"
                ),
                {
                    "id": segment.segment_id, "carrier": segment.carrier,
                    "station": segment.station, "prefix": segment.prefix,
                    "suffix": segment.suffix, "start": segment.start, "end": segment.end,
                    "width": segment.width, "fmt": fmt, "at": utcnow_iso(),
                },
            )
            audit(conn, "pool_segment_added", None, segment.segment_id, carrier=segment.carrier)
        return True

    # -- numbers --------------------------------------------------------------------------
    def take(
        self,
        carrier: Carrier | str,
        reference: str | None = None,
        conn: Connection | None = None,
    ) -> str:
        """Hand out the next unused number of ``carrier`` and record it, committed.

        Call before printing; if the label is not printed, :meth:`void` the number.
        With ``conn`` (a connection holding a write transaction) the take is part of the
        caller's unit of work. Raises :class:`PoolEmptyError` when no number is left.
        """
        code = carrier.code if isinstance(carrier, Carrier) else carrier
        if conn is None:
            with self._write() as own:
                number, remaining = self._take(own, code, reference)
        else:
            number, remaining = self._take(conn, code, reference)
        if number is None:  # skipped numbers stay consumed (committed above)
            raise PoolEmptyError(
                _(
                    "No tracking numbers left for {carrier} on this station: "
                    "connect to the central server to get more, or ask a lead."
                ).format(carrier=code)
            )
        if remaining < self.low_threshold:
            log.warning("tracking pool for %s is low: %d numbers left", code, remaining)
        return number

    def _take(self, conn: Connection, code: str, reference: str | None) -> tuple[str | None, int]:
        """The next number (None: empty) and how many are left, in ``conn``'s transaction."""
        # A number already on record (e.g. from an overlapping segment on another
        # station sharing this file) is skipped, never handed out again.
        number: str | None = None
        for _attempt in range(_MAX_SKIPS):
            row = conn.execute(_TAKE, {"carrier": code, "station": self.station}).first()
            if row is None:
                number = None  # empty; skipped numbers stay consumed (commit below)
                break
            number = format_pool_number(
                row.prefix, row.serial, row.width, row.suffix, row.tracking_format
            )
            recorded = conn.execute(
                _RECORD,
                {
                    "number": number, "carrier": code, "segment_id": row.segment_id,
                    "serial": row.serial, "station": self.station, "reference": reference,
                    "at": utcnow_iso(),
                },
            ).rowcount
            if recorded == 1:
                break
            log.warning("tracking number %s is already on record: skipped", number)
        else:
            raise PoolError(
                _(
                    "The tracking-number pool for {carrier} repeats numbers already used: "
                    "ask IT to check the number segments."
                ).format(carrier=code)
            )
        remaining = conn.execute(_LEVEL, {"carrier": code, "station": self.station}).scalar()
        return number, int(remaining or 0)

    def void(
        self,
        number: str,
        reason: str,
        operator: str | None = None,
        conn: Connection | None = None,
    ) -> None:
        """Mark a taken number void (label spoiled or cancelled). It is never handed out again.
        With ``conn``, part of the caller's unit of work."""
        if not reason or not reason.strip():
            raise PoolError(
                _("Give a reason to void tracking number {number}.").format(number=number)
            )
        if conn is None:
            with self._write() as own:
                return self.void(number, reason, operator, own)
        status = conn.execute(
            text("SELECT status FROM pool_number WHERE number = :n"), {"n": number}
        ).scalar()
        if status is None:
            raise PoolError(
                _("Tracking number {number} was not taken from this station's pool.").format(
                    number=number
                )
            )
        if status == "voided":
            raise PoolError(
                _("Tracking number {number} is already void.").format(number=number)
            )
        conn.execute(
            text(
                "UPDATE pool_number SET status = 'voided', voided_at = :at, "
                "void_reason = :reason WHERE number = :n"
            ),
            {"n": number, "at": utcnow_iso(), "reason": reason.strip()},
        )
        audit(conn, "tracking_voided", operator, number, reason=reason.strip())

    def level(self, carrier: Carrier | str) -> PoolLevel:
        """Numbers left for ``carrier`` on this station; ``.low`` below the warning threshold."""
        code = carrier.code if isinstance(carrier, Carrier) else carrier
        with self.engine.connect() as conn:
            remaining = conn.execute(_LEVEL, {"carrier": code, "station": self.station}).scalar()
        return PoolLevel(code, int(remaining or 0), self.low_threshold)

    def levels(self) -> list[PoolLevel]:
        """Numbers left per carrier with a segment on this station (for a low-pool banner)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT carrier, SUM(end_no - next_no + 1) FROM pool_segment "
                    "WHERE station = :station GROUP BY carrier ORDER BY carrier"
                ),
                {"station": self.station},
            ).all()
        return [PoolLevel(c, int(n or 0), self.low_threshold) for c, n in rows]

    def carrier_levels(self) -> list[PoolLevel]:
        """Numbers left for every carrier this station knows (zero where it has no segment)."""
        with self.engine.connect() as conn:
            codes = list(conn.execute(text("SELECT code FROM carriers ORDER BY code")).scalars())
        return [self.level(code) for code in codes]

    def status(self, number: str) -> str | None:
        """``"taken"``, ``"voided"`` or None when the number never came from this pool."""
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT status FROM pool_number WHERE number = :n"), {"n": number}
            ).scalar()

    # -- helpers --------------------------------------------------------------------------
    def _format_of(self, carrier_code: str) -> str:
        if self.catalogue is None:
            return "none"
        try:
            return self.catalogue.carrier(carrier_code).tracking_format
        except UnknownCarrierError:
            return "none"

    def _write(self) -> _WriteTransaction:
        return _WriteTransaction(self.engine)


class _WriteTransaction:
    """``with`` block holding SQLite's write lock from the start (``BEGIN IMMEDIATE``).

    Commits on a clean exit, rolls back on any exception. The busy timeout of the station
    engine makes a second writer wait for the first instead of failing.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None

    def __enter__(self) -> Connection:
        self._conn = self._engine.connect()
        # pysqlite would open a deferred transaction lazily; open our own immediate one.
        self._conn.exec_driver_sql("BEGIN IMMEDIATE")
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self._conn is not None
        try:
            if exc_type is None:
                self._conn.commit()
            else:
                self._conn.rollback()
        finally:
            self._conn.close()
