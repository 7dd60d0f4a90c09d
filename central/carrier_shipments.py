"""``POST /v1/shipments`` for a carrier with an API (SF Express, …): never two labels bought for
one parcel.

1. In a first transaction the attempt key is stored (state ``calling``) with the order row
   locked; a cancelled or intercepted order is refused before any call.
2. The carrier is called outside any transaction. An unknown outcome (timeout, 5xx, reset
   after sending) is answered 503: the station asks again with the *same* key, and then the
   carrier is first asked what it has under that key (look-up) before anything is created.
3. The number, label and sort codes are stored under the key in a second transaction: a retry
   with the same key gets the stored label, never a second purchase.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from sqlalchemy import Connection, Engine, and_, bindparam, insert, select, update

from central import tables as t
from central.auth import Caller
from central.carriers.base import CarrierAdapter, CarrierResult, LabelSpec, Party, ShipmentOrder
from central.clock import now_iso
from central.deps import run_in_tx
from central.errors import ApiProblem, not_found
from central.tracking import add_tracking_event
from contract import OrderStatus, Shipment, ShipmentRequest

_STATUS_OF_ERROR = {"not_serviceable": 409, "label_does_not_fit": 422, "invalid_request": 422,
                    "void_refused": 409, "not_found": 409, "carrier_error": 502}


# Prebuilt: the two transactions around a carrier's call are its whole overhead at central
# (known-traps: a statement built per call costs ~4x a prebuilt one).
_ORDER = (select(t.orders.c.status, t.orders.c.warehouse, t.orders.c.data)
          .where(t.orders.c.order_id == bindparam("order_id")).with_for_update())
_THIS_ATTEMPT = and_(t.shipment_attempts.c.order_id == bindparam("k_order"),
                     t.shipment_attempts.c.parcel_no == bindparam("k_parcel"),
                     t.shipment_attempts.c.attempt_key == bindparam("k_attempt"))
_ATTEMPT = select(t.shipment_attempts).where(_THIS_ATTEMPT)
_INSERT_ATTEMPT = insert(t.shipment_attempts)
_NUMBER = select(t.tracking_numbers.c.number).where(
    t.tracking_numbers.c.number == bindparam("number"))
_INSERT_NUMBER = insert(t.tracking_numbers)
_ATTEMPT_DONE = update(t.shipment_attempts).where(_THIS_ATTEMPT).values(
    number=bindparam("v_number"), state="done", label=bindparam("v_label"),
    sort_codes=bindparam("v_sort_codes"), carrier_ref=bindparam("v_carrier_ref"))
_ATTEMPT_REFUSED = update(t.shipment_attempts).where(_THIS_ATTEMPT).values(
    number=bindparam("v_number"), state="refused", void_state=bindparam("v_void_state"))


def _attempt_of(req: ShipmentRequest, key: str) -> dict[str, Any]:
    return {"k_order": req.order_id, "k_parcel": req.parcel_no, "k_attempt": key}


def _party(addr: dict[str, Any] | None) -> Party:
    addr = addr or {}
    line = " ".join(x for x in (addr.get("line1"), addr.get("line2")) if x)
    return Party(name=str(addr.get("name") or ""), phone=str(addr.get("phone") or ""),
                 address=line, city=str(addr.get("city") or ""), region=addr.get("region"),
                 postcode=addr.get("postcode"), country=str(addr.get("country") or "CN"))


def _spec(req: ShipmentRequest) -> LabelSpec:
    return LabelSpec(width_mm=req.label_width_mm or 100, height_mm=req.label_height_mm or 150,
                     dpi=req.printer_dpi or 203, resident_cjk=bool(req.resident_cjk))


def carrier_shipment(engine: Engine, adapter: CarrierAdapter, caller: Caller,
                     req: ShipmentRequest) -> Shipment:
    if req.attempt_key is None:
        raise ApiProblem(422, "attempt_key_required",
                         f"{req.carrier} labels are bought from the carrier: send an attempt "
                         "key, so that a retry never buys a second label.")
    key = req.attempt_key
    begun = run_in_tx(engine, lambda conn: _begin(conn, caller, req, key))
    if isinstance(begun, Shipment):
        return begun  # a retry of an attempt that already has its label
    order, resuming = begun
    result: CarrierResult | None = None
    if resuming:  # an earlier call's outcome is unknown: ask the carrier what it has
        found = adapter.lookup(key)
        if found.ok:
            result = adapter.label(found.tracking_numbers[0], order.label)
            if result.ok:
                result = CarrierResult(result.outcome, found.tracking_numbers, result.labels,
                                       found.sort_codes)
            else:
                result = CarrierResult(result.outcome, found.tracking_numbers,
                                       error=result.error, raw_code=result.raw_code,
                                       message=result.message)
        elif found.error != "not_found":
            result = found  # still unknown (or refused): do not create blindly
    if result is None:
        result = adapter.create(order)
    return run_in_tx(engine, lambda conn: _finish(conn, caller, req, key, result))


def _begin(conn: Connection, caller: Caller, req: ShipmentRequest,
           key: str) -> Shipment | tuple[ShipmentOrder, bool]:
    order = conn.execute(_ORDER, {"order_id": req.order_id}).first()
    if order is None or order.warehouse != caller.warehouse:
        raise not_found(f"Order {req.order_id}")
    if order.status in (OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
        raise ApiProblem(409, f"order_{order.status}",
                         f"Order {req.order_id} is {order.status}: do not ship it. Take it "
                         "to the lead.")
    attempt = conn.execute(_ATTEMPT, _attempt_of(req, key)).first()
    if attempt is not None:
        if attempt.abandoned:
            raise ApiProblem(409, "attempt_abandoned",
                             f"The station gave up label attempt {key}: it gets no label. "
                             "Ask with a new attempt key.")
        if attempt.carrier not in (None, req.carrier):
            raise ApiProblem(409, "attempt_key_reused",
                             f"Attempt key {key} was used for a {attempt.carrier} label.")
        if attempt.state == "done" and attempt.number and attempt.label:
            return Shipment(tracking_number=attempt.number, carrier=req.carrier,
                            service=req.service, label_format=_format_of(attempt.label),
                            label_data=attempt.label)
        if attempt.state == "refused":
            raise ApiProblem(409, "attempt_refused",
                             f"The carrier refused attempt {key}; ask with a new key.")
    else:
        conn.execute(_INSERT_ATTEMPT, {
            "order_id": req.order_id, "parcel_no": req.parcel_no, "attempt_key": key,
            "warehouse": caller.warehouse, "number": None,
            "printed": False, "abandoned": False, "created_at": now_iso(),
            "carrier": req.carrier, "state": "calling"})
    data = json.loads(order.data)
    shipment = ShipmentOrder(
        key=key, order_id=req.order_id, parcel_no=req.parcel_no,
        parcel_count=req.parcel_count, service=req.service,
        weight_g=req.billed_weight_g or req.weight_g, sender=_party(data.get("sender")),
        recipient=_party(data.get("recipient")), label=_spec(req),
        length_mm=req.length_mm, width_mm=req.width_mm, height_mm=req.height_mm)
    return shipment, attempt is not None


def _finish(conn: Connection, caller: Caller, req: ShipmentRequest, key: str,
            result: CarrierResult) -> Shipment:
    number = result.tracking_numbers[0] if result.tracking_numbers else None
    if number is not None and conn.scalar(_NUMBER, {"number": number}) is None:
        conn.execute(_INSERT_NUMBER, {
            "number": number, "carrier": req.carrier, "order_id": req.order_id,
            "warehouse": caller.warehouse, "parcel_no": req.parcel_no, "source": "central",
            "voided": not result.ok, "created_at": now_iso()})
        add_tracking_event(conn, number, "label_created", note=f"{req.carrier} {req.service}")
    if result.ok:
        label = result.labels[0].data
        conn.execute(_ATTEMPT_DONE, {
            **_attempt_of(req, key), "v_number": number, "v_label": label,
            "v_sort_codes": json.dumps(result.sort_codes, ensure_ascii=False),
            "v_carrier_ref": result.carrier_ref})
        assert number is not None
        return Shipment(tracking_number=number, carrier=req.carrier, service=req.service,
                        label_format=_format_of(label), label_data=label)
    if result.outcome == "unknown":
        raise ApiProblem(503, "carrier_unknown",
                         f"{req.carrier} did not answer; ask again with the same attempt key "
                         "(the carrier is asked first what it already has).",
                         headers={"Retry-After": "2"})
    if result.error == "rate_limited":
        raise ApiProblem(503, "carrier_rate_limited",
                         f"{req.carrier} asks us to slow down; try again shortly.",
                         headers={"Retry-After": "5"})
    # Refused. A waybill the carrier did create (its label did not fit) is voided there.
    conn.execute(_ATTEMPT_REFUSED, {**_attempt_of(req, key), "v_number": number,
                                    "v_void_state": "wanted" if number else None})
    if result.error == "bad_credentials":
        raise ApiProblem(503, "carrier_credentials",
                         f"{req.carrier} refused central's credentials ({result.raw_code}): "
                         "IT must check the carrier settings.", headers={"Retry-After": "30"})
    status = _STATUS_OF_ERROR.get(result.error or "", 502 if result.error else 409)
    raise ApiProblem(status if status < 500 else 409, f"carrier_{result.error}",
                     f"{req.carrier}: {result.message or result.error} "
                     f"({result.raw_code or 'no code'})")


def _format_of(label: str) -> Literal["zpl", "platform"]:
    """A stored carrier label: a platform print job is stored as its JSON document (see
    ``central/carriers/cainiao/protocol.platform_label``), anything else is ZPL."""
    return "platform" if label.startswith('{"platform"') else "zpl"
