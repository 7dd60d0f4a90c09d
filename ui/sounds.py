"""Distinct bench sounds (ok, warning, error, wrong item, done), played off the GUI thread.

The WAV files in ``resources/sounds`` are made by :func:`write_sounds` with the stdlib
``wave`` module (``python -m ui.sounds`` rewrites them). Playback: ``aplay``/``paplay`` on
Linux, ``winsound`` on Windows, ``QApplication.beep`` as the last resort. QtMultimedia is not
part of PySide6-Essentials, and a missing sound must never stop packing.
"""

from __future__ import annotations

import contextlib
import math
import queue
import shutil
import struct
import subprocess
import sys
import threading
import wave
from pathlib import Path

from station.resources import resource_dir
from ui.qt import QApplication, QObject, Signal

SOUND_DIR = resource_dir() / "sounds"
RATE = 22050

# name -> list of (frequency Hz, milliseconds); 0 Hz is silence. Each is distinct by ear:
# ok is one short high chirp, done a rising triad, warning two mid pulses, error a low buzz,
# wrong_item a long falling two-tone siren that cannot be mistaken for a typo.
TONES: dict[str, list[tuple[int, int]]] = {
    "ok": [(1760, 70)],
    "done": [(1047, 90), (1319, 90), (1568, 160)],
    "warning": [(740, 120), (0, 70), (740, 120)],
    "error": [(220, 450)],
    "wrong_item": [(880, 220), (440, 220), (880, 220), (440, 300)],
    # Handover: one sound per kind of parcel the driver must not take.
    "other_carrier": [(660, 150), (0, 60), (990, 150), (0, 60), (660, 150)],
    "voided_label": [(300, 200), (0, 80), (300, 200), (0, 80), (300, 200)],
    "already_shipped": [(1200, 100), (600, 300)],
    "other_warehouse": [(500, 120), (700, 120), (500, 120), (700, 120)],
    "scanned_twice": [(1568, 60), (0, 60), (1568, 60)],
    "unknown_parcel": [(350, 600)],
    "order_stopped": [(1000, 150), (0, 50), (500, 150), (0, 50), (250, 300)],
}

# The core's Sound names (station.domain.verdict.Sound) -> our files.
CORE_SOUNDS = {
    "accept": "ok",
    "prompt": "warning",
    "error": "error",
    "wrong_item": "wrong_item",
    "done": "done",
    **{name: name for name in ("other_carrier", "voided_label", "already_shipped",
                               "other_warehouse", "scanned_twice", "unknown_parcel",
                               "order_stopped")},
}


def _samples(tones: list[tuple[int, int]]) -> bytes:
    out = bytearray()
    for freq, ms in tones:
        n = RATE * ms // 1000
        fade = max(1, min(n // 8, RATE // 200))  # 5 ms ramps: no clicks
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            if freq == 0:
                v = 0.0
            elif freq < 400:  # a buzz: square-ish, rough on purpose
                v = 0.55 * (1 if math.sin(2 * math.pi * freq * i / RATE) >= 0 else -1)
            else:
                v = 0.6 * math.sin(2 * math.pi * freq * i / RATE)
            out += struct.pack("<h", int(v * env * 32767))
    return bytes(out)


def write_sounds(folder: Path = SOUND_DIR) -> list[Path]:
    """Write one 16-bit mono WAV per sound into ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, tones in TONES.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(_samples(tones))
        paths.append(path)
    return paths


def _find_player() -> list[str] | None:
    for tool, args in (("paplay", []), ("aplay", ["-q"])):
        exe = shutil.which(tool)
        if exe:
            return [exe, *args]
    return None


class SoundPlayer(QObject):
    """Plays sounds on its own thread, latest first: a burst of scans never queues a concert."""

    played = Signal(str)  # name; emitted on the GUI thread when a sound was asked for
    _beep = Signal()

    def __init__(self, folder: Path = SOUND_DIR, enabled: bool = True) -> None:
        super().__init__()
        self.folder = folder
        self.enabled = enabled
        self.history: list[str] = []  # what the packer heard (tests and the last-scan panel)
        self._queue: queue.Queue[str | None] = queue.Queue(maxsize=4)
        self._player = _find_player()
        self._beep.connect(QApplication.beep)
        self._thread: threading.Thread | None = None

    def play(self, name: str) -> None:
        """Ask for a sound by our name or by the core's ``Sound`` value; never blocks."""
        name = CORE_SOUNDS.get(name, name)
        if name not in TONES:
            name = "warning"
        self.history.append(name)
        del self.history[:-50]
        self.played.emit(name)
        if not self.enabled:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sounds", daemon=True)
            self._thread.start()
        # A sound already waiting is enough: the screen shows the verdict anyway.
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(name)

    def close(self) -> None:
        if self._thread is not None:
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(None)

    def _run(self) -> None:
        while True:
            name = self._queue.get()
            if name is None:
                return
            path = self.folder / f"{name}.wav"
            try:
                if sys.platform == "win32":
                    import winsound

                    winsound.PlaySound(str(path), winsound.SND_FILENAME)
                elif self._player and path.is_file():
                    subprocess.run(
                        [*self._player, str(path)],
                        timeout=5,
                        check=False,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                else:
                    self._beep.emit()
            except (OSError, subprocess.SubprocessError, RuntimeError):
                self._beep.emit()


if __name__ == "__main__":
    for p in write_sounds():
        print(p)
