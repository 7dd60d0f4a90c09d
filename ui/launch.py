"""The ``station`` command: the core's CLI with the window plugged in.

``station/cli.py`` holds every command; this launcher only hands it the function that starts
the window, so the Qt-free core never imports the UI. Qt is imported only when the window is
started (``station``, ``station run``, ``station --demo``), never for ``station doctor``.

``station run`` on a bench: check that Qt can open a window here (missing X11 libraries are
named, not aborted on), take the one-per-session lock, open the log file, and run the window
in a child process that the relauncher starts again after a crash (station/ops/supervisor.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from station.i18n import _

if TYPE_CHECKING:
    from station.config import LoadedSettings

MESSAGE_SECONDS = 8
_argv: list[str] = []  # the command line, for the window process the relauncher starts


def _show_message(text: str) -> None:
    """A message box when a desktop is there (a desktop-entry start has no terminal)."""
    from ui.platform_check import check_display

    if check_display() is not None:
        return
    from ui.qt import QApplication, QMessageBox, QTimer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Information, "Packing Station", text)
    QTimer.singleShot(MESSAGE_SECONDS * 1000, box.accept)  # nobody may be at the bench
    box.exec()
    del app


def _window(loaded: LoadedSettings, demo: bool) -> int:
    """Run the window in this process (the demo, or the relauncher's child)."""
    from station.ops.crash import install_crash_handlers
    from station.ops.logs import demo_log_dir, log_dir, setup_logging

    # The demo logs beside its throw-away data, never into a real bench's log folder.
    folder = demo_log_dir() if demo else log_dir()
    setup_logging(folder)
    if demo:
        print(_("Demo log: {path}").format(path=folder / "station.log"), file=sys.stderr)
    install_crash_handlers(folder, exit_on_crash=not demo)
    try:
        from ui.app import main as ui_main
    except ImportError as exc:  # e.g. a server without the Qt runtime libraries
        print(
            _("error: the station window cannot start: {error}").format(error=exc), file=sys.stderr
        )
        return 1
    return ui_main(loaded, demo=demo)


def run_window(loaded: LoadedSettings, demo: bool) -> int:
    from station.ops.spawn import CHILD_ENV

    if os.environ.get(CHILD_ENV) == "1":  # the relauncher checked the display already
        return _window(loaded, demo)
    if demo:
        return 1 if _display_problem() else _window(loaded, demo)
    return _supervised(_argv)


def _display_problem() -> str | None:
    from ui.platform_check import check_display

    problem = check_display()
    if problem:
        print(problem, file=sys.stderr)
    return problem


def _supervised(argv: list[str]) -> int:
    """The bench start: display check, one-per-session lock, then the window process, which
    reads and checks the settings itself; then the relauncher's own log, and the relauncher
    watches the window (starting it again after a crash)."""
    if _display_problem():
        return 1
    from station.ops.instance import AlreadyRunning, InstanceLock
    from station.ops.logs import log_dir, prune_logs
    from station.ops.spawn import (
        FORK_FIRST,
        ForkedWindow,
        WindowProcess,
        fault_size,
        fork_window,
        start_window,
        window_command,
        window_env,
    )

    lock = InstanceLock()
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        print(exc, file=sys.stderr)
        _show_message(str(exc))
        return 3
    try:
        folder = log_dir()
        try:
            prune_logs(folder)  # before the window opens faults.log
        except OSError as exc:
            print(exc, file=sys.stderr)
        # The window inherits the lock: kill -9 of this relauncher leaves no second station
        # possible while its window still lives.
        keep = (lock.fileno(),) if os.name == "posix" else ()
        command = window_command(argv)
        offset = fault_size(folder)
        # The window first; the relauncher's logging (~11 ms of imports) meanwhile, on the
        # other core.
        window: WindowProcess
        if FORK_FIRST:
            pid = fork_window()
            if pid == 0:  # this is the window process now (it holds the lock too)
                return _window_process(argv)
            window = ForkedWindow(pid)
        else:
            window = start_window(command, window_env(), keep)
        from station.ops.logs import RELAUNCHER_LOG, setup_logging
        from station.ops.supervisor import supervise

        setup_logging(file_name=RELAUNCHER_LOG)
        return supervise(command, folder, keep_fds=keep, on_give_up=_show_message,
                         first=(window, offset))
    finally:
        lock.release()


def _window_process(argv: list[str]) -> int:
    """The window process: the settings, then the window (``run_window``)."""
    from station.cli import main as station_main

    return station_main(argv, run_window=run_window)


def _plain_run(argv: list[str]) -> bool:
    """``station``, ``station run``, each maybe with ``--config FILE``: a bench start, which
    goes straight to the relauncher without loading the settings (pydantic) twice."""
    rest = list(argv)
    while "--config" in rest:
        at = rest.index("--config")
        del rest[at : at + 2]
    return rest in ([], ["run"])


def main(argv: Sequence[str] | None = None) -> int:
    global _argv
    from station.ops.spawn import CHILD_ENV

    _argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get(CHILD_ENV) != "1" and _plain_run(_argv):
        return _supervised(_argv)
    return _window_process(_argv)


if __name__ == "__main__":
    sys.exit(main())
