"""While a window is open, Python's cyclic collector runs on the GUI thread only: a PySide
object collected on the store lane deadlocked the window at start-up (QObject::disconnect on
the lane waiting for the GIL, QObject::connect on the GUI thread waiting for Qt's mutex)."""

from __future__ import annotations

import gc
import threading


def test_no_automatic_collection_off_the_gui_thread_while_a_window_is_open(make_window, qtbot):
    assert gc.isenabled()
    window, _packer = make_window()
    assert not gc.isenabled()  # a worker thread allocating cannot trigger a collection

    collected_on: list[str] = []

    def watch(phase, _info):
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(watch)
    try:
        junk = []
        for _ in range(5000):  # cyclic garbage: only the collector frees it
            a: list = []
            a.append(a)
            junk.append(a)
        del junk, a
        qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
        assert set(collected_on) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(watch)
    window.close()
    assert gc.isenabled()  # back to normal once no window is open
