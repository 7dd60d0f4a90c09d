"""Status bar: each device, central online/offline, outbox backlog, tracking pool level."""

from __future__ import annotations

from ui.qt import QCoreApplication, QLabel, QStatusBar


def tr(text: str) -> str:
    return QCoreApplication.translate("StatusBar", text)


COLOUR = {"ok": "#00e676", "fault": "#ff5252", "connecting": "#ffd740", "off": "#90a4ae"}


class StationStatusBar(QStatusBar):
    def __init__(self) -> None:
        super().__init__()
        self.devices: dict[str, tuple[str, str]] = {}
        self.labels: dict[str, QLabel] = {}
        for key in ("scale", "printer", "scanner", "camera", "central", "backlog", "rejected",
                    "pool", "language"):
            label = QLabel()
            self.labels[key] = label
            self.addPermanentWidget(label)
        self.central: tuple[bool | None, int] = (None, 0)
        self.reason: str | None = None
        self.rejected = 0
        self.pool: str | None = None
        self.pool_low = False
        self.retranslate()

    def retranslate(self) -> None:
        names = {"scale": tr("Scale"), "printer": tr("Printer"), "scanner": tr("Scanner"),
                 "camera": tr("Camera")}
        states = {
            "ok": tr("ok"), "fault": tr("fault"), "connecting": tr("connecting"),
            "off": tr("not set up"),
        }
        for key in ("scale", "printer", "scanner", "camera"):
            state, message = self.devices.get(key, ("off", ""))
            if key == "camera":  # most benches have none: shown only where one is set up
                self.labels[key].setVisible(state != "off")
            text = f"● {names[key]}: {states.get(state, state)}"
            if message and state == "fault":
                text += f" ({message})"
            self.labels[key].setText(text)
            self.labels[key].setStyleSheet(f"color: {COLOUR.get(state, '#ffffff')};")
        online, backlog = self.central
        if online is None:
            self.labels["central"].setText("● " + tr("Central: checking"))
            colour = COLOUR["connecting"]
        elif online:
            self.labels["central"].setText("● " + tr("Central: online"))
            colour = COLOUR["ok"]
        else:
            why = {
                "token_refused": tr("Central: token refused (ask IT to enrol again)"),
                "no_token": tr("Central: no API token (ask IT to enrol this station)"),
                "wrong_address": tr("Central: wrong address or proxy"),
                "tls": tr("Central: certificate not trusted"),
                "server_error": tr("Central: server error"),
                "rate_limited": tr("Central: busy"),
                "timeout": tr("Central: no answer"),
            }.get(self.reason or "", tr("Central: OFFLINE"))
            self.labels["central"].setText("● " + why)
            colour = COLOUR["fault"]
        self.labels["central"].setStyleSheet(f"color: {colour};")
        self.labels["backlog"].setText(tr("To send: {n}").format(n=backlog))
        rejected = self.labels["rejected"]
        rejected.setVisible(self.rejected > 0)
        rejected.setText(tr("Refused by central: {n}").format(n=self.rejected))
        rejected.setStyleSheet(f"color: {COLOUR['fault']}; font-weight: bold;")
        self.labels["pool"].setText(
            tr("Pool: {n}").format(n=self.pool) if self.pool is not None else tr("Pool: —")
        )
        self.labels["pool"].setStyleSheet(f"color: {COLOUR['fault' if self.pool_low else 'off']};")

    def set_device(self, name: str, state: str, message: str = "") -> None:
        self.devices[name] = (state, message)
        self.retranslate()

    def set_central(self, online: bool | None, backlog: int, reason: str | None = None,
                    rejected: int = 0) -> None:
        """Online only when the last call succeeded; otherwise ``reason`` says why. Events
        central refused for good stay counted in red until a lead deals with them."""
        self.central = (online, backlog)
        self.reason = reason
        self.rejected = rejected
        self.retranslate()

    def set_pool(self, text: str | None, low: bool = False) -> None:
        self.pool = text
        self.pool_low = low
        self.retranslate()
