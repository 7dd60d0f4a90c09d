"""Marks user-visible text for translation; the UI installs the active catalogue.

The core never imports Qt, so it cannot call ``QCoreApplication.translate`` itself: it wraps
every message in ``_()``, and the UI installs a function that looks the text up in the Qt
catalogue of the active language (context ``station``). The switch itself lives in the
contract package (``contract.i18n``) so that the contract's messages follow it too.
"""

from __future__ import annotations

from contract.i18n import N_, _, install

__all__ = ["N_", "_", "install"]
