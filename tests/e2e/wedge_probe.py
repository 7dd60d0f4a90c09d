"""A window with a field and the station's wedge filter, for xdotool on Xvfb: prints
``SCAN <text>`` per scan and ``FIELD <text>`` when the typed field changes."""

from __future__ import annotations

import sys

from ui.qt import QApplication, QLineEdit
from ui.wedge import WedgeFilter


def main() -> int:
    app = QApplication(sys.argv)
    edit = QLineEdit()
    edit.setWindowTitle("wedge-probe")
    edit.resize(400, 40)
    # A wider gap than the station's 50 ms: what is tested here is Shift and the other keys a
    # real X server delivers, not timing, and xdotool itself can be starved on a loaded CI box
    # (its 4 ms sleeps then last longer: then the keys really were slow).
    wedge = WedgeFilter(max_gap_ms=150)
    wedge.scanned.connect(lambda text: print("SCAN", repr(text), flush=True))
    edit.textChanged.connect(lambda text: print("FIELD", repr(text), flush=True))
    app.installEventFilter(wedge)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
