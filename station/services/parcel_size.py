"""A parcel's size for the carrier's bill.

With a dimensioner over the bench the parcel is measured once, at its first label, while it
still lies on the scale; the size is kept with the parcel, so a reprint, the shipment request
and the label event all carry the same figures. Without one (or when it cannot measure) the
chosen box's catalogue size is used and the reason is audited. The dimensioner itself is the
``measure`` callable built in ``station/bootstrap.py`` (it runs on the print lane, never on
the GUI thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Row

from station.domain.model import Dimensions
from station.store import label_store
from station.store.outbox import audit
from station.store.uow import StationStore

log = logging.getLogger(__name__)

# Raises with a sentence for a person when the device cannot measure (nothing under it,
# moving, unplugged...).
Measure = Callable[[], Dimensions]


def stored_size(row: Row[Any]) -> Dimensions | None:
    """The size measured for this parcel before, or None."""
    dims = Dimensions(row.length_mm or 0, row.width_mm or 0, row.height_mm or 0)
    return dims if dims.known else None


class ParcelSizer:
    def __init__(self, store: StationStore, measure: Measure | None = None) -> None:
        self.store = store
        self.measure = measure

    def size_for_label(self, row: Row[Any], operator: str | None) -> Dimensions | None:
        """The parcel's measured size: the stored one, else measured now (and stored)."""
        known = stored_size(row)
        if known is not None or self.measure is None:
            return known
        try:
            dims = self.measure()
        except Exception as exc:  # the label still prints, billed by the box's size
            message = str(exc)[:300] or type(exc).__name__
            log.warning("dimensioner: %s", message)
            self.store.run(lambda conn: audit(
                conn, "dimensioner_failed", operator, row.order_id, parcel_no=row.parcel_no,
                error=message))
            return None
        if not dims.known:
            return None

        def keep(conn: Any) -> None:
            label_store.set_size(conn, row.id, dims.length_mm, dims.width_mm, dims.height_mm)
            audit(conn, "parcel_measured", operator, row.order_id, parcel_no=row.parcel_no,
                  length_mm=dims.length_mm, width_mm=dims.width_mm, height_mm=dims.height_mm)

        self.store.run(keep)
        return dims
