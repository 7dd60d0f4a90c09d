"""The fleet page (``/fleet``): every bench at a glance, in English or Chinese.

Server-rendered HTML with no script: it reloads itself every ``refresh_s`` seconds. Every
value that comes from a station's report is HTML-escaped (a device message is data, never
markup); the page's headers forbid scripts, frames and outside resources.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from central.fleet import Alert, StationRow

TEXT = {
    "en": {
        "title": "Packing stations",
        "summary": "{n} stations · {bad} need attention · {alerts} open alerts",
        "alerts": "Open alerts", "alert": "Alert", "stations": "Stations",
        "no_alerts": "No open alerts.",
        "station": "Station", "warehouse": "Warehouse", "version": "Version",
        "contact": "Last contact", "devices": "Devices", "outbox": "To send",
        "refused": "Refused", "pools": "Number pools", "crash": "Last crash",
        "since": "Since", "what": "What", "never": "never reported",
        "ago": "{d} ago", "oldest": "oldest {d}", "days": "~{d} days", "none": "—",
        "silent": "Silent", "device": "Device fault", "pool": "Pool low",
        "rejected": "Events refused", "crash_kind": "Crash",
        "ok": "ok", "fault": "fault", "connecting": "connecting",
        "login_title": "Sign in to the fleet view",
        "login_help": "Paste the admin API token, or open a sign-in link from "
                      "“station-central fleet-link”.",
        "token": "Admin token", "sign_in": "Sign in", "sign_out": "Sign out",
        "bad_token": "That token is not an admin token of this server.",
        "bad_link": "This sign-in link was used already or has expired. Ask for a new one.",
        "refresh": "Refreshes every {s} s. Central time {now} UTC.",
        "d_silent": "No report since {age}.", "d_pool": "{left} numbers left.",
        "d_pool_days": "{left} numbers left: about {days} days at today's rate.",
        "d_rejected": "{n} events refused by central: see the bench's exceptions.",
        "d_crash": "Crashed {age}: {what}",
    },
    "zh": {
        "title": "打包工作站",
        "summary": "共 {n} 台工作站 · {bad} 台需要处理 · {alerts} 条未处理警报",
        "alerts": "未处理警报", "alert": "警报", "stations": "工作站列表",
        "no_alerts": "没有未处理的警报。",
        "station": "工作站", "warehouse": "仓库", "version": "版本",
        "contact": "最后联系", "devices": "设备", "outbox": "待发送",
        "refused": "被拒绝", "pools": "单号池", "crash": "最近崩溃",
        "since": "开始于", "what": "内容", "never": "从未上报",
        "ago": "{d}前", "oldest": "最早 {d}", "days": "约 {d} 天", "none": "—",
        "silent": "失联", "device": "设备故障", "pool": "单号不足",
        "rejected": "事件被拒绝", "crash_kind": "崩溃",
        "ok": "正常", "fault": "故障", "connecting": "连接中",
        "login_title": "登录工作站总览",
        "login_help": "粘贴管理员 API 令牌，或打开“station-central fleet-link”生成的登录链接。",
        "token": "管理员令牌", "sign_in": "登录", "sign_out": "退出",
        "bad_token": "该令牌不是本服务器的管理员令牌。",
        "bad_link": "该登录链接已使用或已过期，请重新获取。",
        "refresh": "每 {s} 秒刷新。中心时间 {now} UTC。",
        "d_silent": "{age}起无上报。", "d_pool": "剩余 {left} 个单号。",
        "d_pool_days": "剩余 {left} 个单号：按今日用量约可用 {days} 天。",
        "d_rejected": "{n} 条事件被中心拒绝：请查看该工作站的异常列表。",
        "d_crash": "{age}崩溃：{what}",
    },
}

_STYLE = (
    "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1.2em;color:#222}"
    "table{border-collapse:collapse;width:100%;font-size:14px}"
    "th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}.bad{color:#b00020;font-weight:600}.ok{color:#1b7f3b}"
    ".muted{color:#777}.dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;"
    "margin-right:.3em}.dot.red{background:#d32f2f}.dot.green{background:#2e7d32}"
    ".dot.grey{background:#9e9e9e}tr.attention{background:#fff4f4}"
    "form.out{float:right}"
)

_KIND = {"silent": "silent", "device": "device", "pool": "pool", "rejected": "rejected",
         "crash": "crash_kind"}


def _age(text: dict[str, str], then: datetime | None, now: datetime) -> str:
    if then is None:
        return text["never"]
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 120:
        d = f"{seconds} s"
    elif seconds < 7200:
        d = f"{seconds // 60} min"
    elif seconds < 172_800:
        d = f"{seconds // 3600} h"
    else:
        d = f"{seconds // 86_400} d"
    return text["ago"].format(d=d)


def _page(lang: str, title: str, body: str, refresh_s: int | None = None) -> str:
    refresh = f'<meta http-equiv="refresh" content="{refresh_s}">' if refresh_s else ""
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{refresh}'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def _detail(text: dict[str, str], alert: Alert, row: StationRow | None, now: datetime) -> str:
    """The alert in the reader's language, from the station's newest report."""
    from central.clock import parse_iso

    report = row.report if row is not None else None
    if report is None or row is None:
        return alert.detail
    if alert.kind == "silent":
        return text["d_silent"].format(age=_age(text, row.reported_at, now))
    if alert.kind == "pool":
        for pool in row.pools:
            if pool.carrier == alert.subject:
                days = pool.days_left
                if days is not None:
                    return text["d_pool_days"].format(left=pool.left, days=f"{days:.1f}")
                return text["d_pool"].format(left=pool.left)
    if alert.kind == "rejected":
        return text["d_rejected"].format(n=report.rejected)
    if alert.kind == "crash" and report.last_crash_at:
        return text["d_crash"].format(age=_age(text, parse_iso(report.last_crash_at), now),
                                      what=report.last_crash or "?")
    return alert.detail  # a device's own message, as the bench shows it


def _alert_rows(
    text: dict[str, str], alerts: list[Alert], rows: list[StationRow], now: datetime
) -> str:
    from central.clock import parse_iso

    by_name = {r.station: r for r in rows}
    if not alerts:
        return f'<p class="ok" id="no-alerts">{escape(text["no_alerts"])}</p>'
    lines = "".join(
        f'<tr class="alert" data-station="{escape(a.station)}" data-kind="{escape(a.kind)}">'
        f"<td>{escape(a.station)}</td>"
        f'<td class="bad">{escape(text[_KIND.get(a.kind, "device")])}'
        f"{(' · ' + escape(a.subject)) if a.subject else ''}</td>"
        f"<td>{escape(_detail(text, a, by_name.get(a.station), now))}</td>"
        f"<td>{escape(_age(text, parse_iso(a.raised_at), now))}</td></tr>"
        for a in alerts
    )
    return (
        f'<table id="alerts"><tr><th>{escape(text["station"])}</th><th>{escape(text["alert"])}</th>'
        f'<th>{escape(text["what"])}</th><th>{escape(text["since"])}</th></tr>{lines}</table>'
    )


def _station_row(text: dict[str, str], row: StationRow, now: datetime) -> str:
    from central.clock import parse_iso

    report = row.report
    none = escape(text["none"])
    dot = "grey" if report is None else ("red" if row.alerts else "green")
    alerted = {(a.kind, a.subject) for a in row.alerts}
    silent = ("silent", "") in alerted
    contact = f'<span class="{"bad" if silent else ""}">' \
              f"{escape(_age(text, row.reported_at, now))}</span>"
    if report is None:
        cells = [contact] + [none] * 6
    else:
        devices = "<br>".join(
            f'<span class="{"bad" if d.state == "fault" else "ok" if d.state == "ok" else ""}"'
            f' title="{escape(d.message)}">{escape(d.device)}: '
            f"{escape(text.get(d.state, d.state))}"
            f"{(' — ' + escape(d.message)) if d.state == 'fault' and d.message else ''}</span>"
            for d in report.devices
        ) or none
        oldest = ""
        if report.oldest_unsent_at:
            oldest = f' <span class="muted">({escape(text["oldest"].format(d=_age(text, parse_iso(report.oldest_unsent_at), now)))})</span>'  # noqa: E501
        outbox = f"{report.backlog}{oldest}"
        refused = (f'<span class="bad">{report.rejected}</span>' if report.rejected
                   else "0")
        pools = "<br>".join(
            f'<span class="{"bad" if ("pool", p.carrier) in alerted else ""}">'
            f"{escape(p.carrier)}: {p.left}"
            f"{(' (' + escape(text['days'].format(d=f'{p.days_left:.1f}')) + ')') if p.days_left is not None else ''}"  # noqa: E501
            f"</span>"
            for p in row.pools
        ) or none
        crash = none
        if report.last_crash_at:
            crash = (f'<span class="{"bad" if ("crash", "") in alerted else "muted"}">'
                     f"{escape(_age(text, parse_iso(report.last_crash_at), now))}"
                     f"{(': ' + escape(report.last_crash)) if report.last_crash else ''}</span>")
        cells = [contact, devices, outbox, refused, pools, crash,
                 escape(report.version)]
    tds = "".join(f"<td>{c}</td>" for c in cells)
    attention = ' class="station attention"' if row.alerts else ' class="station"'
    return (
        f'<tr{attention} data-station="{escape(row.station)}">'
        f'<td><span class="dot {dot}"></span>{escape(row.station)}</td>'
        f"<td>{escape(row.warehouse)}</td>{tds}</tr>"
    )


def render_fleet(
    rows: list[StationRow], alerts: list[Alert], lang: str, now: datetime, refresh_s: int = 15
) -> str:
    text = TEXT[lang]
    bad = sum(1 for r in rows if r.alerts)
    head = "".join(
        f"<th>{escape(text[k])}</th>"
        for k in ("station", "warehouse", "contact", "devices", "outbox", "refused", "pools",
                  "crash", "version")
    )
    body = (
        '<form class="out" method="post" action="/fleet/logout">'
        f'<button type="submit">{escape(text["sign_out"])}</button></form>'
        f"<h1>{escape(text['title'])}</h1>"
        f'<p id="summary">{escape(text["summary"].format(n=len(rows), bad=bad, alerts=len(alerts)))}</p>'  # noqa: E501
        f"<h2>{escape(text['alerts'])}</h2>{_alert_rows(text, alerts, rows, now)}"
        f'<h2>{escape(text["stations"])}</h2><table id="stations"><tr>{head}</tr>'
        + "".join(_station_row(text, r, now) for r in rows)
        + "</table>"
        f'<p class="muted">{escape(text["refresh"].format(s=refresh_s, now=now.strftime("%Y-%m-%d %H:%M:%S")))}</p>'  # noqa: E501
    )
    return _page(lang, text["title"], body, refresh_s)


def render_login(lang: str, problem: str | None = None) -> str:
    text = TEXT[lang]
    error = f'<p class="bad" id="problem">{escape(text[problem])}</p>' if problem else ""
    body = (
        f"<h1>{escape(text['login_title'])}</h1>{error}"
        f"<p>{escape(text['login_help'])}</p>"
        '<form method="post" action="/fleet/login">'
        f'<label>{escape(text["token"])} <input type="password" name="token" '
        'autocomplete="off" required></label> '
        f'<button type="submit">{escape(text["sign_in"])}</button></form>'
    )
    return _page(lang, text["login_title"], body)
