"""The shipping lead's desk inside the station window: handover, lookup and dashboard.

A small controller in the manner of ui/bench.py: every core call runs on an ops lane (store
for SQLite, http for the carrier timeline, print for the manifest) and its answer comes back
to paint a screen. It owns no rule: the services check roles, judge scans, close manifests.
Reached from the window's buttons (shown to leads and admins only) or by command barcodes.
A station with a camera adds the pack video player (Clips, CMD:CLIPS).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from station.domain.verdict import Severity, Sound, Verdict
from ui.ops import OpFailure
from ui.qt import QCoreApplication, QHBoxLayout, QObject, QPushButton, Qt, QTimer
from ui.screens.dashboard import DashboardScreen
from ui.screens.handover import HandoverScreen
from ui.screens.lookup import LookupScreen

LEAD_ROLES = ("lead", "admin")
SCREEN_COMMANDS = {"CMD:HANDOVER": "handover", "CMD:LOOKUP": "lookup",
                   "CMD:DASHBOARD": "dashboard", "CMD:CLIPS": "clips"}
# The buttons of each lead screen as command barcodes (scanner-only path).
SCREEN_ACTIONS = {
    "handover": {"CMD:REOPEN-MANIFEST": "reopen_manifest", "CMD:OUT-OF-BAG": "out_of_bag"},
    "lookup": {"CMD:REPRINT": "reprint_selected", "CMD:VOID": "void_selected"},
    "dashboard": {"CMD:REFRESH": "refresh_dashboard", "CMD:EXPORT-CSV": "export_csv",
                  "CMD:ACK": "acknowledge_exception", "CMD:RESOLVE": "resolve_exception"},
}
LEAD_COMMANDS = ["CMD:HANDOVER:SF", "CMD:HANDOVER:EMS", "CMD:HANDOVER:OWN", "CMD:CLOSE-MANIFEST",
                 "CMD:REOPEN-MANIFEST", "CMD:LOOKUP", "CMD:DASHBOARD", "CMD:EXPORT-CSV",
                 "CMD:ACK", "CMD:RESOLVE", "CMD:OUT-OF-BAG", "CMD:CLIPS"]


def tr(text: str) -> str:
    return QCoreApplication.translate("LeadDesk", text)


def _refusal(exc: Any) -> Verdict:
    return Verdict(Severity.STOP, getattr(exc, "code", "failure"), getattr(exc, "text", str(exc)),
                   dict(getattr(exc, "params", {})), Sound.ERROR)


class _Refused:
    """A service refusal on its way back to the GUI thread."""

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict


class LeadDesk(QObject):
    """Screens and lanes of the lead's work; ``window`` is the StationWindow."""

    def __init__(self, window: Any, top: QHBoxLayout) -> None:
        super().__init__(window)
        self.window = window
        self.ops = window.controller.ops
        self.handover_screen = HandoverScreen()
        self.lookup_screen = LookupScreen()
        self.dashboard_screen = DashboardScreen()
        self.screens = {"handover": self.handover_screen, "lookup": self.lookup_screen,
                        "dashboard": self.dashboard_screen}
        for name, screen in self.screens.items():
            window.stack.addWidget(screen)
            window.extra_screens[name] = screen
            screen.back.connect(self.leave)
        self.buttons: dict[str, QPushButton] = {}
        for name in self.screens:
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setVisible(False)
            button.clicked.connect(lambda _c=False, n=name: self.show(n))
            top.insertWidget(top.count() - 3, button)
            self.buttons[name] = button
        self.top = top
        self.manifest_id: str | None = None
        self._last_verdicts: dict[str, Verdict] = {}  # per screen, said again on a switch
        self.last_board: Any = None
        self._services: dict[str, Any] = {}
        self.answers = 0  # answered lead scans/actions (tests wait on it)
        h, lk, d = self.handover_screen, self.lookup_screen, self.dashboard_screen
        h.open_requested.connect(self.open_manifest)
        h.close_requested.connect(self.close_manifest)
        h.reopen_requested.connect(self.reopen_manifest)
        h.sign_requested.connect(self.ask_signature)
        lk.typed.connect(self.lookup)
        lk.reprint_requested.connect(self.reprint)
        lk.void_requested.connect(self.void)
        lk.order_picked.connect(self.ask_timeline)
        d.refresh_requested.connect(self.refresh_dashboard)
        d.handle_requested.connect(self.handle_exception)
        self.resolving = False  # CMD:RESOLVE waits for its reason (the next scan)
        self.taking_out = False  # CMD:OUT-OF-BAG: the next parcel scan leaves the open bag
        self._weight: tuple[int, float] | None = None  # last stable reading, when
        # the dashboard counts down to the cut-offs: fresh figures every minute while shown
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(
            lambda: self.refresh_dashboard() if self.current() == "dashboard" else None)
        self._tick.start()
        d.export_requested.connect(self.export_csv)
        self.retranslate()

    def attach_evidence(self, recorder: Any) -> None:
        """The station records pack videos: the player becomes a lead screen (button Clips,
        CMD:CLIPS; CMD:CLIPS on Lookup opens the clips of the order shown)."""
        if "clips" in self.screens:
            return
        from ui.screens.evidence import EvidenceScreen

        screen = EvidenceScreen(recorder, self.ops, viewer=lambda: self.badge)
        self.screens["clips"] = screen
        self.window.stack.addWidget(screen)
        self.window.extra_screens["clips"] = screen
        screen.back.connect(self.leave)
        button = QPushButton()
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setVisible(self.allowed())
        button.clicked.connect(lambda _c=False: self.show("clips"))
        self.top.insertWidget(self.top.indexOf(self.buttons["dashboard"]) + 1, button)
        self.buttons["clips"] = button
        self.retranslate()

    # ------------------------------------------------------------------ who and where
    @property
    def badge(self) -> str | None:
        return self.window.controller.view.operator

    def allowed(self) -> bool:
        return self.window.controller.view.role in LEAD_ROLES

    def current(self) -> str | None:
        widget = self.window.stack.currentWidget()
        return next((n for n, s in self.screens.items() if s is widget), None)

    def set_role(self, role: str | None) -> None:
        for button in self.buttons.values():
            button.setVisible(role in LEAD_ROLES)
        if role not in LEAD_ROLES and self.current() is not None:
            self.leave()

    def retranslate(self) -> None:
        self.buttons["handover"].setText(tr("Handover"))
        self.buttons["lookup"].setText(tr("Lookup"))
        self.buttons["dashboard"].setText(tr("Dashboard"))
        if "clips" in self.buttons:
            self.buttons["clips"].setText(tr("Clips"))
        self.handover_screen.language = self.window.language.current
        # the banners say their last verdict again, in the language now chosen
        for screen, verdict in list(self._last_verdicts.items()):
            self._answer(screen, verdict, quiet=True)

    # ------------------------------------------------------------------ scans
    def take_scan(self, raw: str) -> bool:
        """True when the scan was the lead's (a lead command, or any scan on a lead screen)."""
        code = raw.strip()
        upper = code.upper()
        is_command = upper in SCREEN_COMMANDS or upper.startswith("CMD:HANDOVER:") or (
            upper == "CMD:CLOSE-MANIFEST")
        here = self.current()
        if not is_command and here is None:
            return False
        if not self.allowed():
            verdict = _refusal(_not_lead())
            if here is None:  # a packer on the pack screen: said there, where they look
                self.window.pack.banner.show_verdict("stop", verdict.message, verdict.code,
                                                     tr("STOP"))
                self.window.sounds.play("error")
            else:
                self._answer(here, verdict)
            return True
        if upper == "CMD:CLIPS":
            self.show_clips(here)
        elif upper in SCREEN_COMMANDS:
            self.show(SCREEN_COMMANDS[upper])
        elif upper.startswith("CMD:HANDOVER:"):
            self.show("handover")
            self.open_manifest(code.split(":", 2)[2].strip().upper(),
                               self.handover_screen.pickup.text())
        elif upper == "CMD:CLOSE-MANIFEST":
            self.show("handover")
            self.close_manifest()
        elif upper == "CMD:CANCEL":
            self.leave()
        elif upper in SCREEN_ACTIONS.get(here or "", {}):
            getattr(self, SCREEN_ACTIONS[here or ""][upper])()
        elif upper.startswith("CMD:"):
            self._answer(here or "handover", Verdict(
                Severity.STOP, "command_not_here", tr("That command does nothing on this screen."),
                {}, Sound.ERROR))
        elif here == "handover":
            self.handover_scan(code)
        elif here == "lookup":
            self.lookup(code)
        elif here == "clips":
            self.screens["clips"].look_up(code)
        elif self.resolving:  # the reason of CMD:RESOLVE, scanned from the sheet or typed
            self.resolving = False
            self.dashboard_screen.request("resolved", code)
        else:
            self.window.sounds.play("error")  # the dashboard takes no parcel scans
        return True

    def show(self, name: str) -> None:
        if not self.allowed():
            return
        self.window.stack.setCurrentWidget(self.screens[name])
        if name == "handover":
            self.refresh_pickups()
        elif name == "dashboard":
            self.refresh_dashboard()
        else:
            self.lookup_screen.show_verdict("idle", "", "")

    def show_clips(self, here: str | None) -> None:
        """CMD:CLIPS: the pack videos; from Lookup, those of the order shown."""
        if "clips" not in self.screens:
            self.show("lookup")
            self._answer("lookup", Verdict(
                Severity.STOP, "no_camera",
                tr("This station records no pack video: no camera is set up ([camera])."),
                {}, Sound.ERROR))
            return
        order = self.lookup_screen.current_order() if here == "lookup" else None
        self.show("clips")
        if order is not None:
            self.screens["clips"].look_up(order.order_id)

    def leave(self) -> None:
        view = self.window.controller.view
        self.window.stack.setCurrentWidget(self.window.pack if view.operator
                                           else self.window.login)

    # ------------------------------------------------------------------ lanes
    def _service(self, name: str) -> Any:
        """Built on the store lane the first time (imports and the engine stay off the GUI)."""
        if not self._services:
            from station.bootstrap import build_lead_services

            core = self.window.controller.bench
            labels = core.labels if core is not None else None
            assert core is not None, "lead screens open after the bench"
            parts = build_lead_services(
                self.window.settings, core.store,
                printer=labels.printer if labels is not None else None,
                printer_language=labels.printer_language if labels is not None else "zpl",
                client=getattr(getattr(self.window.sync, "parts", None), "client", None),
            )
            self._services = {"handover": parts.handover,
                              "lookup": parts.lookup, "dashboard": parts.dashboard}
        return self._services[name]

    def _run(self, screen: str, fn: Any, on_done: Any, what: str, lane: str = "store") -> None:
        from station.services.errors import ServiceError

        def work() -> Any:

            try:
                return fn()
            except ServiceError as exc:  # refused (role, bad input): shown, never raised
                return _Refused(_refusal(exc))

        def done(result: Any) -> None:
            self.answers += 1
            if isinstance(result, _Refused):
                self._answer(screen, result.verdict)
            else:
                on_done(result)

        def failed(f: OpFailure) -> None:
            self.answers += 1
            self._answer(screen, Verdict(Severity.STOP, "failure", "{message}",
                                         {"message": f.message}, Sound.ERROR))

        self.ops.run(work, done, lane=lane, what=what, on_error=failed)

    def _answer(self, screen: str, verdict: Verdict, quiet: bool = False) -> None:
        self._last_verdicts[screen] = verdict
        target = self.screens.get(screen, self.handover_screen)
        show = getattr(target, "show_verdict", None)
        if show is not None:
            show(str(verdict.severity), verdict.message, verdict.code)
        else:
            self.dashboard_screen.show_note(verdict.message)
        if not quiet:
            self.window.sounds.play(str(verdict.sound))

    # ------------------------------------------------------------------ handover
    def refresh_pickups(self, with_manifest: bool = True) -> None:
        badge = self.badge
        self._run("handover", lambda: self._service("handover").pickups(badge),
                  self.handover_screen.show_pickups, "list the pickups")
        if self.manifest_id and with_manifest:
            self._reload_manifest()

    def _reload_manifest(self) -> None:
        manifest_id = self.manifest_id
        if manifest_id:
            self._run("handover", lambda: self._service("handover").manifest(manifest_id),
                      self.handover_screen.show_manifest, "load the manifest")

    def open_manifest(self, carrier: str, pickup: str) -> None:
        badge = self.badge

        def done(manifest: Any) -> None:
            self.manifest_id = manifest.manifest_id
            self.handover_screen.show_manifest(manifest)
            self.handover_screen.show_verdict(
                "ok", tr("Manifest {manifest} open: scan each parcel the driver takes.")
                .format(manifest=manifest.manifest_id), "manifest_open")
            self.window.sounds.play("ok")
            self.refresh_pickups(with_manifest=False)  # the carrier's button names it now

        self._run("handover", lambda: self._service("handover").open(badge, carrier, pickup),
                  done, "open a manifest")

    def handover_scan(self, raw: str) -> None:
        manifest_id, badge = self.manifest_id, self.badge
        if manifest_id is None:
            self._answer("handover", Verdict(
                Severity.NEEDS_ACTION, "handover_no_manifest",
                tr("Choose the carrier's pickup first (CMD:HANDOVER:<carrier>)."), {},
                Sound.PROMPT))
            return

        taking_out, self.taking_out = self.taking_out, False
        weight = self.stable_weight()

        def done(verdict: Any) -> None:
            self._answer("handover", verdict)  # heard at once; the counts follow
            if verdict.ok:  # a refused parcel changed nothing on the screen
                self.refresh_pickups()

        self._run("handover", lambda: self._service("handover").scan(
            badge, manifest_id, raw, out_of_bag=taking_out, weight_g=weight), done,
            "record a handover scan")

    def on_weight(self, grams: int | None, status: str) -> None:
        """The scale's readings (re-weighing at the handover takes the last stable one)."""
        self._weight = (grams, time.monotonic()) if status == "stable" and grams else None

    def stable_weight(self, max_age_s: float = 5.0) -> int | None:
        if self._weight is None or time.monotonic() - self._weight[1] > max_age_s:
            return None
        return self._weight[0]

    def ask_signature(self) -> None:
        """The driver signs the closed manifest on the screen (a dialog with a pad)."""
        manifest_id = self.manifest_id
        if manifest_id is None:
            return
        from ui.screens.signature import SignatureDialog

        dialog = SignatureDialog(manifest_id, self.window)
        dialog.signed.connect(lambda name, png: self.sign_manifest(manifest_id, name, png))
        self.signature_dialog = dialog  # tests reach it
        dialog.open()

    def sign_manifest(self, manifest_id: str, driver: str, png: bytes) -> None:
        badge, language = self.badge, self.window.language.current
        self._run("handover", lambda: self._service("handover").sign(
            badge, manifest_id, driver, png, language),
            lambda verdict: self._answer("handover", verdict), "save the driver's signature")

    def out_of_bag(self) -> None:
        """CMD:OUT-OF-BAG: the next parcel scanned leaves the open bag."""
        self.taking_out = True
        self._answer("handover", Verdict(
            Severity.NEEDS_ACTION, "bag_take_out",
            tr("Scan the parcel to take out of the open bag."), {}, Sound.PROMPT))
        self.answers += 1

    def close_manifest(self) -> None:
        manifest_id, badge = self.manifest_id, self.badge
        if manifest_id is None:
            self.handover_scan("")  # says: choose the pickup first
            return

        def done(result: Any) -> None:
            self.handover_screen.show_manifest(result.manifest)
            self._answer("handover", result.verdict)
            if result.verdict.code.startswith("manifest_closed"):
                self.print_manifest(manifest_id)
            self.refresh_pickups(with_manifest=False)

        self._run("handover", lambda: self._service("handover").close(badge, manifest_id),
                  done, "close the manifest")

    def print_manifest(self, manifest_id: str) -> None:
        language = self.window.language.current

        def done(outcome: Any) -> None:
            where = str(outcome.pdf_path or "—")
            if outcome.thermal_printed:
                text = tr("Manifest printed; A4 sheet saved as {path}. Driver and lead sign it.")
            else:
                text = tr("A4 sheet saved as {path}; thermal slip NOT printed: {message}")
            banner = self.handover_screen.banner
            said = text.format(path=where, message=outcome.message)
            if banner.code == "manifest_closed_held_back":  # never hide the parcels to take back
                self.handover_screen.show_verdict("needs_action", banner.text.text() + "\n" + said,
                                                  "manifest_closed_held_back")
                return
            self.handover_screen.show_verdict(
                "ok" if outcome.thermal_printed else "needs_action", said, "manifest_printed")

        self._run("handover", lambda: self._service("handover").print_manifest(
            manifest_id, language), done, "print the manifest", lane="print")

    def reopen_manifest(self) -> None:
        manifest_id, badge = self.manifest_id, self.badge
        if manifest_id is None:
            return

        def done(verdict: Any) -> None:
            self._answer("handover", verdict)
            self.refresh_pickups()

        self._run("handover", lambda: self._service("handover").reopen(
            badge, manifest_id, "reopened at the handover screen"), done, "reopen the manifest")

    # ------------------------------------------------------------------ lookup
    def lookup(self, code: str) -> None:
        badge = self.badge

        def done(result: Any) -> None:
            self.lookup_screen.show_result(result)
            self.lookup_screen.show_verdict(
                "ok", tr("{n} order(s) found for {code}.").format(n=len(result.orders),
                                                                 code=result.code), "found")
            self.window.sounds.play("ok")
            self.ask_timeline(result.orders[0] if result.orders else None)

        # A new look-up forgets the last order at once: after "nothing matches" no button may
        # act on the order shown before (CMD:REPRINT reprinted SO-304's label after NOPE-1).
        self.lookup_screen.show_result(None)
        self._run("lookup", lambda: self._service("lookup").find(badge, code), done, "look up")

    def ask_timeline(self, order: Any) -> None:
        """The carrier's events of the order shown (on the HTTP lane)."""
        if order is None:
            return
        numbers = list(order.tracking_numbers)
        self._run("lookup", lambda: self._service("lookup").carrier_timeline(numbers),
                  self.lookup_screen.show_timeline, "ask central for tracking", lane="http")

    def reprint_selected(self) -> None:
        self.lookup_screen.reprint_button.click()

    def void_selected(self) -> None:
        self.lookup_screen.void_button.click()

    def reprint(self, order_id: str, parcel_no: int) -> None:
        self._label_action(order_id, parcel_no, None)

    def void(self, order_id: str, parcel_no: int) -> None:
        self._label_action(order_id, parcel_no, tr("Voided from lookup"))

    def _label_action(self, order_id: str, parcel_no: int, void_reason: str | None) -> None:
        """Through the bench's label step (the same void rule as the pack screen)."""
        core, badge = self.window.controller.bench, self.badge
        labels = core.labels if core is not None else None
        if labels is None:
            self._answer("lookup", Verdict(Severity.STOP, "no_printer", tr("No printer is set up."),
                                           {}, Sound.ERROR))
            return

        def work() -> Any:
            return core.lookup_label(badge, order_id, parcel_no, void_reason)

        def done(outcomes: Any) -> None:  # (LabelResult, the relabel's LabelResult or None)
            first, relabel = outcomes
            outcome = relabel or first
            good = outcome.verdict.code in ("label_printed", "label_voided")
            message = outcome.verdict.message
            if relabel is not None:  # voided, then the new label: both said
                message = first.verdict.message + "\n" + message
            self.lookup_screen.show_verdict("ok" if good else "stop", message, "label_action")
            self.window.sounds.play("done" if good else "error")
            badge_now = self.badge  # the new number and the void in the screen's history
            self._run("lookup", lambda: self._service("lookup").find(badge_now, order_id),
                      self.lookup_screen.show_result, "look up")

        self._run("lookup", work, done, "reprint or void", lane="print")

    # ------------------------------------------------------------------ dashboard
    def refresh_dashboard(self) -> None:
        badge = self.badge

        def done(board: Any) -> None:
            self.last_board = board
            self.dashboard_screen.show_board(board)

        self._run("dashboard", lambda: self._service("dashboard").today(badge), done,
                  "load the dashboard")

    def acknowledge_exception(self) -> None:
        self.dashboard_screen.request("acknowledged")

    def resolve_exception(self) -> None:
        """CMD:RESOLVE: with a reason typed in, at once; else the next scan is the reason."""
        if self.dashboard_screen.reason.text().strip():
            self.dashboard_screen.request("resolved")
            return
        self.resolving = True
        self.dashboard_screen.show_note(tr("Scan or type the reason of the resolve."))
        self.answers += 1

    def handle_exception(self, key: str, state: str, reason: str) -> None:
        badge = self.badge

        def done(verdict: Any) -> None:
            self.dashboard_screen.show_note(verdict.message)
            self.window.sounds.play("ok" if verdict.ok else "error")
            self.refresh_dashboard()

        self._run("dashboard", lambda: self._service("dashboard").handle(
            badge, key, state, reason), done, "deal with an exception")

    def export_csv(self, folder: Path | None = None) -> None:
        board = self.last_board
        if board is None:
            return
        target = (folder or Path.home()) / f"lead-dashboard-{board.day}.csv"

        def work() -> Path:
            from station.services.dashboard import to_csv

            target.write_text(to_csv(board), encoding="utf-8-sig")  # Excel reads the BOM
            return target

        self._run("dashboard", work, lambda p: self.dashboard_screen.show_note(
            tr("Saved {path}").format(path=p)), "export the dashboard")


def _not_lead() -> Exception:
    from station.services.errors import PermissionDenied

    return PermissionDenied("Only a shipping lead can do this: scan a lead's badge.")
