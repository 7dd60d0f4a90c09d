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

    [cainiao]                      # e-waybills through Cainiao (TOP gateway)
    app_key = "…"
    app_secret = "…"
    session = "…"                  # the seller's access token
    url = "https://eco.taobao.com/router/rest"
    [cainiao.carriers]             # our carrier code -> Cainiao's cp_code and template
    ZTO = { cp_code = "ZTO", template_url = "https://cloudprint.cainiao.com/template/standard/…" }

    [pdd]                          # e-waybills through PDD's open platform (same shape)
    client_id = "…"
    client_secret = "…"
    access_token = "…"             # the shop's
    [pdd.carriers]                 # our carrier code -> PDD's wp_code and template
    YTO = { wp_code = "YTO", template_url = "https://file-link.pinduoduo.com/yto_one" }
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
    cn_conf = dict(config.get("cainiao") or {})
    for key, name in (("app_key", "CAINIAO_APP_KEY"), ("app_secret", "CAINIAO_APP_SECRET"),
                      ("session", "CAINIAO_SESSION"), ("url", "CAINIAO_URL")):
        if env.get(name):
            cn_conf[key] = env[name]
    if cn_conf.get("app_key") and cn_conf.get("app_secret"):
        from central.carriers.cainiao import GATEWAY, Cainiao, CainiaoSettings

        for code, carrier in dict(cn_conf.get("carriers") or {}).items():
            if not carrier.get("cp_code") or not carrier.get("template_url"):
                raise CarrierSettingsError(
                    f"cainiao.carriers.{code} needs cp_code and template_url.")
            adapters[str(code)] = Cainiao(CainiaoSettings(
                app_key=str(cn_conf["app_key"]), app_secret=str(cn_conf["app_secret"]),
                session=str(cn_conf.get("session", "")), cp_code=str(carrier["cp_code"]),
                template_url=str(carrier["template_url"]),
                user_id=str(cn_conf.get("user_id", "")),
                url=str(cn_conf.get("url") or GATEWAY)), code=str(code))
    pdd_conf = dict(config.get("pdd") or {})
    for key, name in (("client_id", "PDD_CLIENT_ID"), ("client_secret", "PDD_CLIENT_SECRET"),
                      ("access_token", "PDD_ACCESS_TOKEN"), ("url", "PDD_URL")):
        if env.get(name):
            pdd_conf[key] = env[name]
    if pdd_conf.get("client_id") and pdd_conf.get("client_secret"):
        from central.carriers.pdd import GATEWAY as PDD_GATEWAY
        from central.carriers.pdd import Pdd, PddSettings

        for code, carrier in dict(pdd_conf.get("carriers") or {}).items():
            if not carrier.get("wp_code") or not carrier.get("template_url"):
                raise CarrierSettingsError(f"pdd.carriers.{code} needs wp_code and template_url.")
            adapters[str(code)] = Pdd(PddSettings(
                client_id=str(pdd_conf["client_id"]),
                client_secret=str(pdd_conf["client_secret"]),
                access_token=str(pdd_conf.get("access_token", "")),
                wp_code=str(carrier["wp_code"]), template_url=str(carrier["template_url"]),
                user_id=str(pdd_conf.get("user_id", "")),
                url=str(pdd_conf.get("url") or PDD_GATEWAY)), code=str(code))
    return adapters
