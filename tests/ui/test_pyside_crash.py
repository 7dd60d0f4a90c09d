"""PySide6 6.12.0 on CPython 3.11 aborts the interpreter after a few thousand signal emits or
painter calls (docs/known-traps.md). Run those loops in a child process: on a bad upgrade the
child dies with ``bool_dealloc``/``none_dealloc`` and this test fails instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

LOOPS = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.qt import QApplication, QColor, QFont, QImage, QObject, QPainter, QTimer, Signal
app = QApplication([])

class Bus(QObject):
    scanned = Signal(bytes)
    verdict = Signal(object)

bus = Bus()
seen = [0]
bus.scanned.connect(lambda b: seen.__setitem__(0, seen[0] + 1))
bus.verdict.connect(lambda v: seen.__setitem__(0, seen[0] + 1))
for i in range(100_000):
    bus.scanned.emit(b"4006381333931")
    bus.verdict.emit(None)

image = QImage(64, 64, QImage.Format.Format_ARGB32)
font = QFont()
for i in range(20_000):
    image.fill(QColor(0, 0, 0))
    p = QPainter(image)
    p.setPen(QColor(255, 0, 0))
    p.setFont(font)
    p.fillRect(0, 0, 10, 10, QColor(0, 255, 0))
    p.drawLine(0, 0, 63, 63)
    p.end()
    bus.setObjectName("bus")

ticks = [0]
def tick():
    ticks[0] += 1
    if ticks[0] < 3000:
        QTimer.singleShot(0, tick)
    else:
        app.quit()
QTimer.singleShot(0, tick)
app.exec()
print("survived", seen[0], ticks[0])
"""


@pytest.mark.slow
def test_signal_emit_and_painter_loops_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", LOOPS], capture_output=True, text=True, env=env, timeout=110
    )
    assert out.returncode == 0, (
        "the Qt binding crashed the interpreter (see docs/known-traps.md, pin PySide6 < 6.12):\n"
        + out.stderr[-2000:]
    )
    assert out.stdout.split() == ["survived", "200000", "3000"]


def test_binding_check_names_the_bad_version():
    from ui import qt

    assert qt.check_binding() is None  # the pinned binding is a good one
    saved = qt.QT_VERSION
    try:
        qt.QT_VERSION = (6, 12)
        message = qt.check_binding()
    finally:
        qt.QT_VERSION = saved
    if sys.version_info < (3, 12):
        assert message is not None and "below 6.12" in message
