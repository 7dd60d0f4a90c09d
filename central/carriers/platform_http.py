"""One signed form POST to a platform's gateway (Cainiao's TOP, PDD's router) and what its
HTTP status means: every fault of the network path is an ``unknown`` outcome (the platform
may have issued the waybill), 429 a rate limit, any other non-200 the carrier's error. The
body is read by the platform's own ``envelope``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from central.carriers.base import CarrierResult

Envelope = Callable[[bytes, str], tuple[CarrierResult | None, dict[str, Any]]]


def post_form(http: requests.Session, url: str, fields: dict[str, str], method: str,
              timeout: tuple[float, float], who: str,
              envelope: Envelope) -> tuple[CarrierResult | None, dict[str, Any]]:
    try:
        answer = http.post(url, data=fields, timeout=timeout)
    except requests.RequestException as exc:
        return CarrierResult.unknown(f"{who} did not answer ({type(exc).__name__})."), {}
    if answer.status_code >= 500:
        return CarrierResult.unknown(f"{who} had a problem (HTTP {answer.status_code}).",
                                     str(answer.status_code)), {}
    if answer.status_code == 429:
        return CarrierResult.refused("rate_limited", "429", f"{who} asks us to slow down."), {}
    if answer.status_code != 200:
        return CarrierResult.refused("carrier_error", str(answer.status_code),
                                     f"{who} answered HTTP {answer.status_code}."), {}
    return envelope(answer.content, method)
