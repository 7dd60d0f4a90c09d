"""The buyers' public tracking page ``/t/{number}`` in English or Chinese.

Only the carrier, status and timeline are shown: no name, address or phone of the buyer.
Everything that comes from data is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from contract import Tracking

TEXT = {
    "en": {
        "title": "Parcel tracking",
        "number": "Tracking number",
        "carrier": "Carrier",
        "status": "Status",
        "unknown": "We do not know this tracking number yet. Please check it and try later.",
        "label_created": "Label created",
        "shipped": "Handed to the carrier",
        "voided": "Label cancelled",
        "busy": "Too many look-ups from your address. Please wait a minute and try again.",
    },
    "zh": {
        "title": "包裹跟踪",
        "number": "运单号",
        "carrier": "承运商",
        "status": "状态",
        "unknown": "暂未查到该运单号，请核对后稍后再试。",
        "label_created": "已打印面单",
        "shipped": "已交承运商揽收",
        "voided": "面单已作废",
        "busy": "您的查询过于频繁，请稍等一分钟后再试。",
    },
}


def pick_language(query_lang: str | None, accept_language: str | None) -> str:
    """``?lang=`` wins; otherwise the first of Accept-Language we speak; English by default."""
    if query_lang:
        return "zh" if query_lang.lower().startswith("zh") else "en"
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return "en"


def render(number: str, tracking: Tracking | None, lang: str) -> str:
    text = TEXT[lang]
    rows = ""
    if tracking is None:
        body = f"<p>{escape(text['unknown'])}</p>"
    else:
        for ev in reversed(tracking.events):
            label = text.get(ev.status, ev.status)
            where = f" — {escape(ev.location)}" if ev.location else ""
            rows += (
                f"<li><time>{escape(ev.at.strftime('%Y-%m-%d %H:%M'))} UTC</time> "
                f"{escape(label)}{where}</li>"
            )
        status = text.get(tracking.status, tracking.status)
        body = (
            f"<p>{escape(text['carrier'])}: {escape(tracking.carrier)}</p>"
            f"<p>{escape(text['status'])}: <strong>{escape(status)}</strong></p>"
            f"<ol>{rows}</ol>"
        )
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(text['title'])}</title></head><body>"
        f"<h1>{escape(text['title'])}</h1>"
        f"<p>{escape(text['number'])}: <code>{escape(number)}</code></p>{body}</body></html>"
    )


def render_busy(lang: str) -> str:
    """The page of a client that looked up too many numbers: it names no number."""
    text = TEXT[lang]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{escape(text['title'])}</title></head><body>"
        f"<h1>{escape(text['title'])}</h1><p>{escape(text['busy'])}</p></body></html>"
    )
