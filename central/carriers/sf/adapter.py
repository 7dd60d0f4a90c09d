"""SF Express over HTTP: the thin part that sends forms and reads answers.

Every fault of the network path is an ``unknown`` outcome (SF may have created the waybill):
the caller looks the key up before it asks again. A refused connection is the one fault
where the request surely never arrived; it is ``unknown`` too, since the look-up is cheap
and SF's ``orderId`` makes a repeated create safe anyway.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import requests

from central.carriers.base import CarrierResult, LabelSpec, Outcome, ShipmentOrder
from central.carriers.sf import protocol as sf
from central.carriers.timing import CarrierSession

SANDBOX = "https://sfapi-sbox.sf-express.com/std/service"
PRODUCTION = "https://bspgw.sf-express.com/std/service"


@dataclass(frozen=True)
class SfSettings:
    partner_id: str
    check_word: str  # the secret: from the environment or a 0600 file, never the database
    monthly_card: str = ""
    url: str = SANDBOX
    express_types: tuple[tuple[str, int], ...] = (("SF-STD", 2), ("SF-EXP", 1))
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0
    # SF's route push carries no signature: the push URL registered with SF holds this token
    # (…/v1/carriers/sf/routes?token=…); without one, pushes are refused.
    push_token: str = ""

    def __repr__(self) -> str:  # never log the check word
        return f"SfSettings(partner_id={self.partner_id!r}, url={self.url!r})"


class SfExpress:
    code = "SF"

    def __init__(self, settings: SfSettings, session: requests.Session | None = None,
                 clock_ms: Callable[[], int] = lambda: int(time.time() * 1000)) -> None:
        self.settings = settings
        self.session = session or CarrierSession()
        self.clock_ms = clock_ms

    def _post(self, service_code: str, msg: dict) -> tuple[CarrierResult | None, dict]:
        s = self.settings
        data = sf.form(s.partner_id, s.check_word, service_code, msg, uuid.uuid4().hex,
                       self.clock_ms())
        try:
            answer = self.session.post(s.url, data=data,
                                       timeout=(s.connect_timeout_s, s.read_timeout_s))
        except requests.RequestException as exc:
            return CarrierResult.unknown(f"SF did not answer ({type(exc).__name__})."), {}
        if answer.status_code == 429:
            return CarrierResult.refused("rate_limited", "429", "SF asks us to slow down."), {}
        if answer.status_code >= 500:
            return CarrierResult.unknown(f"SF had a problem (HTTP {answer.status_code}).",
                                         str(answer.status_code)), {}
        if answer.status_code != 200:
            return CarrierResult.refused("carrier_error", str(answer.status_code),
                                         f"SF answered HTTP {answer.status_code}."), {}
        return sf.envelope(answer.content)

    def create(self, order: ShipmentOrder) -> CarrierResult:
        express = dict(self.settings.express_types).get(order.service, 2)
        early, data = self._post(sf.CREATE, sf.create_request(
            order, self.settings.monthly_card, express))
        if early is not None:
            return early
        created = sf.waybill_result(data)
        if not created.ok:
            return created
        label = self.label(created.tracking_numbers[0], order.label)
        if not label.ok:
            # The waybill exists at SF: return it with the label problem, so the caller
            # keeps the number (and voids it) instead of forgetting a live waybill.
            return CarrierResult(Outcome.REFUSED, created.tracking_numbers,
                                 sort_codes=created.sort_codes, error=label.error,
                                 raw_code=label.raw_code, message=label.message)
        return CarrierResult(Outcome.OK, created.tracking_numbers, label.labels,
                             created.sort_codes)

    def lookup(self, key: str) -> CarrierResult:
        early, data = self._post(sf.SEARCH, sf.search_request(key))
        if early is not None:
            if early.outcome is Outcome.REFUSED and early.error == "invalid_request":
                return CarrierResult.refused("not_found", early.raw_code, early.message)
            return early
        return sf.waybill_result(data)

    def label(self, tracking_number: str, spec: LabelSpec) -> CarrierResult:
        template = sf.template_for(spec)
        if template is None:
            return CarrierResult.refused(
                "label_does_not_fit", None,
                f"SF has no waybill template of {spec.width_mm}x{spec.height_mm} mm: use "
                "76x130, 100x150, 100x180 or 100x210 labels.")
        early, data = self._post(sf.PRINT, sf.print_request(tracking_number, spec, template))
        if early is not None:
            return early
        return sf.label_result(data, spec, template)

    def track(self, numbers: list[str]) -> tuple[CarrierResult | None, list[dict[str, str]]]:
        """Route pull (``EXP_RECE_SEARCH_ROUTES``) for up to 10 waybills: (a problem or None,
        events as our statuses)."""
        early, data = self._post(sf.ROUTES, sf.routes_request(numbers[:10]))
        if early is not None:
            return early, []
        return None, sf.pulled_routes(data)

    def void(self, key: str, tracking_number: str) -> CarrierResult:
        early, _data = self._post(sf.CANCEL, sf.cancel_request(key))
        if early is not None:
            if early.outcome is Outcome.REFUSED and early.error == "invalid_request":
                return CarrierResult.refused("void_refused", early.raw_code, early.message)
            return early
        return CarrierResult(Outcome.OK, (tracking_number,))
