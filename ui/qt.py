"""Every Qt name the UI uses comes through here, so the binding and its pin live in one place.

PySide6 6.12.0 corrupts the reference counts of ``True``/``None`` on CPython 3.11 and aborts
the interpreter (docs/known-traps.md); we refuse to start on it rather than crash mid-shift.
"""

from __future__ import annotations

import sys

# The Qt-free core first: once PySide6 is imported, every module imported after it has its
# source read and searched for "PySide6" (PySide's __feature__ import hook, PYSIDE-2029).
# The window's ~370 core and third-party modules cost the cold start ~40 ms that way.
import station.bootstrap  # noqa: F401  (SQLAlchemy, pydantic, the contract, the services)

# isort: split
import PySide6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QIODevice,
    QLocale,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QThread,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

QT_VERSION = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
BROKEN_ON_311 = (6, 12)


def check_binding() -> str | None:
    """A sentence for IT when the installed PySide6 is known to crash this Python, else None."""
    if sys.version_info < (3, 12) and QT_VERSION >= BROKEN_ON_311:
        return (
            f"PySide6 {PySide6.__version__} crashes Python {sys.version_info.major}."
            f"{sys.version_info.minor}: install PySide6-Essentials below 6.12."
        )
    return None


__all__ = [
    "QT_VERSION",
    "QAbstractItemView",
    "QAction",
    "QApplication",
    "QBrush",
    "QBuffer",
    "QByteArray",
    "QCheckBox",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDialog",
    "QDialogButtonBox",
    "QElapsedTimer",
    "QEvent",
    "QFont",
    "QFontDatabase",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIODevice",
    "QImage",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMessageBox",
    "QObject",
    "QPainter",
    "QPalette",
    "QPen",
    "QPixmap",
    "QPoint",
    "QPushButton",
    "QRect",
    "QScrollArea",
    "QShortcut",
    "QSize",
    "QSizePolicy",
    "QSpinBox",
    "QStackedWidget",
    "QStatusBar",
    "QTabWidget",
    "QTableWidget",
    "QTableWidgetItem",
    "QThread",
    "QTimer",
    "QToolButton",
    "QTranslator",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
    "check_binding",
]
