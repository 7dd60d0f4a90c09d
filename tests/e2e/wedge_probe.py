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
    wedge = WedgeFilter()
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
