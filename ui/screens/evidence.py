"""Pack evidence player (a lead's screen: button Clips, CMD:CLIPS, or CMD:CLIPS on Lookup for
the order shown): scan an order or tracking number, pick a clip, watch it.

The clips and their hash check come from ``station.evidence`` on the store lane; playback
decodes on its own thread (PyAV; QtMultimedia is not part of PySide6-Essentials) and hands
finished QImages to the GUI thread through a queued signal. The widget paints only.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

from ui.ops import Ops
from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.wedge import no_input_method
from ui.widgets import VerdictBanner


def tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceScreen", text)


class EvidenceScreen(QWidget):
    """``recorder`` is the station's EvidenceRecorder (``clips_for_lead``); ``viewer`` gives the
    logged-in badge (the recorder checks it is a lead's)."""

    frame_ready = Signal(object, int)  # (QImage, generation): stale generations are ignored
    playback_ended = Signal(int)
    back = Signal()

    def __init__(self, recorder: Any, ops: Ops,
                 viewer: Callable[[], str | None] = lambda: None) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.recorder = recorder
        self.ops = ops
        self.viewer = viewer
        self.answers = 0  # finished look-ups (tests wait on it)
        self.clips: list[Any] = []
        self.frames_shown = 0
        self._generation = 0
        self.code = QLineEdit()
        no_input_method(self.code)
        self.code.setPlaceholderText(tr("Scan an order or tracking number"))
        self.code.returnPressed.connect(lambda: self.look_up(self.code.text()))
        self.found = QLabel(tr("Scan an order or tracking number to see its packing video."))
        self.found.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumWidth(420)
        self.list.currentRowChanged.connect(self.play)
        self.video = QLabel()
        self.video.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video.setMinimumSize(640, 360)
        self.video.setStyleSheet("background: #111; color: #ddd;")
        self.video.setText(tr("No clip selected"))
        self.banner = VerdictBanner()
        self.banner.setVisible(False)
        self.back_button = QPushButton(tr("Back"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back)
        side = QVBoxLayout()
        side.addWidget(self.code)
        side.addWidget(self.found)
        side.addWidget(self.list, 1)
        side.addWidget(self.back_button)
        row = QHBoxLayout()
        row.addLayout(side)
        row.addWidget(self.video, 1)
        col = QVBoxLayout(self)
        col.addWidget(self.banner)
        col.addLayout(row, 1)
        self.frame_ready.connect(self._show_frame)
        self.playback_ended.connect(self._ended)

    # --- lookup -------------------------------------------------------------------------
    def look_up(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        self.code.setText(code)
        recorder, viewer = self.recorder, self.viewer()

        def find() -> Any:
            from station.services.errors import ServiceError

            try:
                return recorder.clips_for_lead(viewer, code)
            except ServiceError as exc:  # not a lead: said on the screen, never raised
                return exc

        def done(found: Any) -> None:
            self.answers += 1
            if isinstance(found, Exception):
                self._stop()
                self.clips = []
                self.list.clear()
                self.show_verdict("stop", getattr(found, "message", str(found)), "not_lead")
                return
            self._show_clips(code, found)

        self.ops.run(find, done, lane="store", what="evidence lookup")

    def show_verdict(self, severity: str, message: str, code: str) -> None:
        tags = {"ok": tr("OK"), "needs_action": tr("ACTION"), "stop": tr("STOP")}
        self.banner.setVisible(bool(message))
        self.banner.show_verdict(severity, message, code, tags.get(severity, ""))

    def _show_clips(self, code: str, found: list[tuple[Any, bool]]) -> None:
        self._stop()
        self.banner.setVisible(False)
        self.clips = [c for c, _ok in found]
        self.list.clear()
        if not found:
            self.found.setText(tr("No packing video for {code}.").format(code=code))
            self.video.setText(tr("No clip selected"))
            return
        self.found.setText(tr("{count} clip(s) for {code}").format(count=len(found), code=code))
        for clip, verified in found:
            check = tr("hash verified") if verified else tr("CHANGED or missing since recorded")
            status = {
                "finished": tr("complete"), "interrupted": tr("cut short (recorder stopped)"),
                "recording": tr("recording now"), "failed": tr("no video (see the audit trail)"),
            }.get(clip.status, clip.status)
            tracking = ", ".join(clip.tracking) or "—"
            item = QListWidgetItem(
                f"{clip.started_at[:19].replace('T', ' ')} UTC · {clip.order_id}\n"
                f"{tracking} · {status} · {check}"
            )
            if not verified:
                item.setForeground(Qt.GlobalColor.red)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    # --- playback -----------------------------------------------------------------------
    def play(self, row: int) -> None:
        self._stop()
        if not 0 <= row < len(self.clips) or not self.clips[row].playable:
            self.video.setText(tr("This clip cannot be played."))
            return
        generation = self._generation
        path = self.clips[row].path
        threading.Thread(target=self._decode, args=(path, generation), daemon=True,
                         name="evidence-playback").start()

    def _decode(self, path: Any, generation: int) -> None:
        from station.evidence.playback import clip_frames

        started = time.monotonic()
        for frame in clip_frames(path):
            if generation != self._generation:
                return
            delay = frame.at_s - (time.monotonic() - started)
            if delay > 0:
                time.sleep(delay)
            h, w = frame.rgb.shape[:2]
            image = QImage(frame.rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            try:
                self.frame_ready.emit(image, generation)
            except (RuntimeError, TypeError):  # the screen was deleted mid-clip: stop quietly
                # (PySide raises TypeError "only accepts 0 argument(s)" from a signal whose
                # object Qt has deleted, seen in CI as an unhandled thread exception)
                return
        with contextlib.suppress(RuntimeError, TypeError):
            self.playback_ended.emit(generation)

    def _show_frame(self, image: QImage, generation: int) -> None:
        if generation != self._generation:
            return
        self.frames_shown += 1
        self.video.setPixmap(QPixmap.fromImage(image).scaled(
            self.video.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def _ended(self, generation: int) -> None:
        if generation == self._generation:
            self.found.setText(self.found.text().split("\n")[0] + "\n" + tr("End of clip."))

    def _stop(self) -> None:
        self._generation += 1  # the decoding thread sees it and stops

    def closeEvent(self, event: Any) -> None:
        self._stop()
        super().closeEvent(event)
