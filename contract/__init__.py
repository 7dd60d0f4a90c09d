"""The wire contract between a station and the central API (``/v1``), shared by both.

One set of pydantic models serves both sides: the station's sync client validates what it
pulls and pushes with them, and the reference server in ``central/`` declares its endpoints
with them, so ``resources/api/openapi.yaml`` (exported from the server) describes exactly these.
Tracking-number formats and their check digits (``contract.tracking``) and the health report
(``contract.health``) are part of it. The package imports nothing of ours: the station and
central import it, never each other (``tests/unit/test_layers.py``).

Units: weights in grams, dimensions in millimetres, all integers. Times are timezone-aware UTC.
Unknown fields are rejected (``extra="forbid"``) so a typo in a client is a 422, not silence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The models load on first use (``from contract import Shipment``), not with the package:
# ``contract.i18n`` and ``contract.tracking`` are imported at the station's start-up, before
# its window shows, and need none of pydantic's model building.
_MODULES = ("contract.base", "contract.reference", "contract.events", "contract.shipments",
            "contract.inbound")

if TYPE_CHECKING:
    from contract.base import (
        BarcodeKind,
        Contract,
        Role,
        build_validators,
    )
    from contract.events import (
        PAYLOADS,
        AuditHead,
        Event,
        EventBatch,
        EventBatchResult,
        EventKind,
        EventResult,
        HandoverScanned,
        LabelPrinted,
        LabelVoided,
        ManifestClosed,
        PackCompleted,
        PackedParcel,
        PackStarted,
        ParcelCreated,
        ParcelItem,
        ShipmentAbandoned,
        ShortPick,
        WeightOverride,
    )
    from contract.inbound import (
        InboundLine,
        InboundNotice,
        QcMoved,
        ReceiptPosted,
        ReceivedLine,
        ReceivedLot,
        ReplenishmentAlert,
        ReturnCheck,
        ReturnedItem,
        ReturnPosted,
        ReturnReason,
        StockLevel,
        StockReport,
        UnknownItem,
    )
    from contract.reference import (
        MAX_PARCEL_G,
        Address,
        Barcode,
        Carrier,
        CarrierService,
        ChangeSet,
        Location,
        Operator,
        Order,
        OrderLine,
        OrderStatus,
        Packaging,
        PoolSegment,
        Product,
        TrackingFormat,
    )
    from contract.shipments import (
        ApiError,
        ManifestCloseout,
        OrderHistory,
        OrderHistoryEntry,
        Shipment,
        ShipmentRequest,
        Tracking,
        TrackingEvent,
    )
else:

    def __getattr__(name: str) -> Any:
        import importlib

        if name.startswith("__"):
            raise AttributeError(name)
        for module in _MODULES:  # all of them: inbound registers its payloads in events
            loaded = importlib.import_module(module)
            for public in __all__:
                if hasattr(loaded, public):
                    globals()[public] = getattr(loaded, public)
        if name in globals():
            return globals()[name]
        raise AttributeError(f"module 'contract' has no attribute {name!r}")


__all__ = [
    "MAX_PARCEL_G",
    "PAYLOADS",
    "Address",
    "ApiError",
    "AuditHead",
    "Barcode",
    "BarcodeKind",
    "Carrier",
    "CarrierService",
    "ChangeSet",
    "Contract",
    "Event",
    "EventBatch",
    "EventBatchResult",
    "EventKind",
    "EventResult",
    "HandoverScanned",
    "InboundLine",
    "InboundNotice",
    "LabelPrinted",
    "LabelVoided",
    "Location",
    "ManifestClosed",
    "ManifestCloseout",
    "Operator",
    "Order",
    "OrderHistory",
    "OrderHistoryEntry",
    "OrderLine",
    "OrderStatus",
    "PackCompleted",
    "PackStarted",
    "Packaging",
    "PackedParcel",
    "ParcelCreated",
    "ParcelItem",
    "PoolSegment",
    "Product",
    "QcMoved",
    "ReceiptPosted",
    "ReceivedLine",
    "ReceivedLot",
    "ReplenishmentAlert",
    "ReturnCheck",
    "ReturnPosted",
    "ReturnReason",
    "ReturnedItem",
    "Role",
    "Shipment",
    "ShipmentAbandoned",
    "ShipmentRequest",
    "ShortPick",
    "StockLevel",
    "StockReport",
    "Tracking",
    "TrackingEvent",
    "TrackingFormat",
    "UnknownItem",
    "WeightOverride",
    "build_validators",
]
