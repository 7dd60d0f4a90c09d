"""Devices: choose and test the scale, the printer and the scanner; save to the user config.

Tests use the running devices (their owner threads): read the scale's live weight, print a
test label, and a scan-test that shows the next scan here instead of packing it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ui.qt import (
    QComboBox,
    QCoreApplication,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.wedge import no_input_method


def tr(text: str) -> str:
    return QCoreApplication.translate("DevicesScreen", text)


SCALE_PROTOCOLS = ["mt-sics", "toledo-8213", "toledo-cont", "cas", "nci", "hid-postal"]
PRINTER_LANGUAGES = ["zpl", "tspl", "escpos"]


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def dump_toml(data: dict[str, Any]) -> str:
    """Settings files hold scalars, tables and one level of sub-tables (device options)."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in data.items():
        if not isinstance(table, dict):
            continue
        lines += ["", f"[{name}]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in table.items() if not isinstance(v, dict)]
        for sub, inner in table.items():
            if isinstance(inner, dict):
                lines += ["", f"[{name}.{sub}]"]
                lines += [f"{k} = {_toml_value(v)}" for k, v in inner.items()]
    return "\n".join(lines) + "\n"


def save_devices(path: Path, devices: dict[str, dict[str, str]]) -> None:
    """Merge ``{"scale": {"uri":..., "protocol":...}, ...}`` into the per-user TOML file."""
    data: dict[str, Any] = {}
    if path.is_file():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    for kind, values in devices.items():
        data.setdefault(kind, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_toml(data), encoding="utf-8")


class DevicesScreen(QWidget):
    back = Signal()
    print_test = Signal()

    def __init__(self, settings: Any, config_path: Callable[[], Path]) -> None:
        super().__init__()
        self.setObjectName("screen")
        no_input_method(self)
        self.config_path = config_path
        self.scan_test = False
        self.rows: dict[str, dict[str, Any]] = {}
        col = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setProperty("role", "big")
        col.addWidget(self.heading)
        for kind, choices in (
            ("scale", SCALE_PROTOCOLS), ("printer", PRINTER_LANGUAGES), ("scanner", []),
        ):
            dev = getattr(settings, kind)
            box = QGroupBox()
            grid = QGridLayout(box)
            uri = QComboBox()
            uri.setEditable(True)
            uri.addItem(dev.uri)
            proto = QComboBox()
            proto.addItems(choices)
            if dev.protocol:
                proto.setCurrentText(dev.protocol)
            state = QLabel()
            test = QPushButton()
            result = QLabel()
            result.setWordWrap(True)
            grid.addWidget(QLabel("URI"), 0, 0)
            grid.addWidget(uri, 0, 1)
            grid.addWidget(proto, 0, 2)
            # Hidden once in its box: shown while it had no parent, it opened as a window of
            # its own for a moment and took the focus from the station window.
            proto.setVisible(bool(choices))
            grid.addWidget(state, 1, 0, 1, 2)
            grid.addWidget(test, 1, 2)
            grid.addWidget(result, 2, 0, 1, 3)
            self.rows[kind] = {"box": box, "uri": uri, "proto": proto, "state": state,
                               "test": test, "result": result}
            col.addWidget(box)
        self.rows["scale"]["test"].clicked.connect(self._read_scale)
        self.rows["printer"]["test"].clicked.connect(self.print_test)
        self.rows["scanner"]["test"].clicked.connect(self._start_scan_test)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_ports)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_config)
        self.saved = QLabel()
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.back)
        for b in (self.find_button, self.save, self.close_button):
            col.addWidget(b)
        col.addWidget(self.saved)
        col.addStretch(1)
        self.last_weight: tuple[int | None, str] = (None, "none")
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Devices"))
        names = {"scale": tr("Scale"), "printer": tr("Label printer"), "scanner": tr("Scanner")}
        tests = {"scale": tr("Read the scale"), "printer": tr("Print a test label"),
                 "scanner": tr("Scan test")}
        for kind, row in self.rows.items():
            row["box"].setTitle(names[kind])
            row["test"].setText(tests[kind])
        self.find_button.setText(tr("Find USB serial devices"))
        self.save.setText(tr("Save (admin)"))
        self.close_button.setText(tr("Back to packing"))

    def set_role(self, role: str | None) -> None:
        """Settings by role: everyone may test, only an admin may change the devices."""
        self.save.setEnabled(role == "admin")

    def show_state(self, name: str, state: str, message: str) -> None:
        if name in self.rows:
            self.rows[name]["state"].setText(f"{state} {message}".strip())

    def show_weight(self, grams: int | None, status: str) -> None:
        self.last_weight = (grams, status)

    def _read_scale(self) -> None:
        grams, status = self.last_weight
        text = tr("no reading") if grams is None else f"{grams} g ({status})"
        self.rows["scale"]["result"].setText(tr("Scale says: {reading}").format(reading=text))

    def _start_scan_test(self) -> None:
        self.scan_test = True
        self.rows["scanner"]["result"].setText(tr("Scan any barcode now…"))

    def take_scan(self, raw: str) -> bool:
        """While a scan test runs, the next scan is shown here (not packed)."""
        if not self.scan_test:
            return False
        self.scan_test = False
        shown = raw.replace("\x1d", "<GS>")
        self.rows["scanner"]["result"].setText(
            tr("Scanned: {code} ({n} characters)").format(code=shown, n=len(raw))
        )
        return True

    def show_print_result(self, printed: bool, message: str) -> None:
        text = tr("Test label printed.") if printed else tr("Test label failed: {m}").format(
            m=message)
        self.rows["printer"]["result"].setText(text)

    def find_ports(self) -> None:
        from drivers.manager import usb_serial_ports

        for kind in ("scale", "scanner"):
            combo = self.rows[kind]["uri"]
            for uri, desc in usb_serial_ports():
                if combo.findText(uri) < 0:
                    combo.addItem(uri)
                    combo.setItemData(combo.count() - 1, desc, Qt.ItemDataRole.ToolTipRole)

    def save_config(self) -> Path:
        values = {}
        for kind, row in self.rows.items():
            entry = {"uri": row["uri"].currentText().strip()}
            if row["proto"].count():
                entry["protocol"] = row["proto"].currentText()
            values[kind] = entry
        path = self.config_path()
        save_devices(path, values)
        self.saved.setText(
            tr("Saved to {path}. Restart the station to use the new devices.").format(path=path)
        )
        return path
