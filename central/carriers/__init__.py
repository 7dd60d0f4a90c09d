"""Carrier adapters of central: one folder per carrier behind one interface (``base``).

Credentials come from central's environment or from a TOML file readable by its owner only
(``STATION_CENTRAL_CARRIERS=/etc/station-central/carriers.toml``, mode 0600), never from the
database and never into a log. A carrier without credentials keeps central's own ranges.

    [sf]
    partner_id = "…"
    check_word = "…"
    monthly_card = "…"
    environment = "sandbox"        # or "production"
    push_token = "…"               # in the route push URL registered with SF

    [easypost]
    api_key = "…"                  # a test key for the sandbox, a production key later
    carriers = ["UPS"]             # our carrier codes whose labels EasyPost sells
    webhook_secret = "…"
    [easypost.services]            # our service -> EasyPost carrier and service
    UPS-GROUND = ["UPS", "Ground"]
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from central.carriers.base import CarrierAdapter, CarrierResult, LabelSpec, Outcome

__all__ = ["CarrierAdapter", "CarrierResult", "LabelSpec", "Outcome", "load_adapters"]


class CarrierSettingsError(ValueError):
    """The carrier settings cannot be used (say which and why; never echo a secret)."""


def _file_settings(path: Path) -> dict[str, Any]:
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CarrierSettingsError(
            f"{path} can be read by others (mode {stat.S_IMODE(mode):o}): chmod 600 it.")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_adapters(environ: Mapping[str, str] | None = None) -> dict[str, CarrierAdapter]:
    """The adapters of every carrier with credentials, by carrier code."""
    env = os.environ if environ is None else environ
    config: dict[str, Any] = {}
    if env.get("STATION_CENTRAL_CARRIERS"):
        config = _file_settings(Path(env["STATION_CENTRAL_CARRIERS"]))
    sf_conf = dict(config.get("sf") or {})
    for key, name in (("partner_id", "SF_PARTNER_ID"), ("check_word", "SF_CHECK_WORD"),
                      ("monthly_card", "SF_MONTHLY_CARD"), ("environment", "SF_ENVIRONMENT"),
                      ("url", "SF_URL"), ("push_token", "SF_PUSH_TOKEN")):
        if env.get(name):
            sf_conf[key] = env[name]
    adapters: dict[str, CarrierAdapter] = {}
    if sf_conf.get("partner_id") and sf_conf.get("check_word"):
        from central.carriers.sf import PRODUCTION, SANDBOX, SfExpress, SfSettings

        environment = sf_conf.get("environment", "sandbox")
        if environment not in ("sandbox", "production"):
            raise CarrierSettingsError("sf.environment is 'sandbox' or 'production'.")
        url = sf_conf.get("url") or (PRODUCTION if environment == "production" else SANDBOX)
        adapters["SF"] = SfExpress(SfSettings(
            partner_id=str(sf_conf["partner_id"]), check_word=str(sf_conf["check_word"]),
            monthly_card=str(sf_conf.get("monthly_card", "")), url=str(url),
            push_token=str(sf_conf.get("push_token", ""))))
    ep_conf = dict(config.get("easypost") or {})
    if env.get("EASYPOST_API_KEY"):
        ep_conf["api_key"] = env["EASYPOST_API_KEY"]
    if ep_conf.get("api_key"):
        from central.carriers.easypost import PRODUCTION as EP_URL
        from central.carriers.easypost import EasyPost, EasyPostSettings

        services = {str(k): (str(v[0]), str(v[1]))
                    for k, v in dict(ep_conf.get("services") or {}).items()}
        easypost = EasyPost(EasyPostSettings(
            api_key=str(ep_conf["api_key"]), url=str(ep_conf.get("url") or EP_URL),
            services=services, webhook_secret=str(ep_conf.get("webhook_secret", ""))))
        for code in ep_conf.get("carriers") or []:
            adapters[str(code)] = easypost
    return adapters
