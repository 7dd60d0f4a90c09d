"""A dimensioner speaking the cubing line protocol (docs/dimensioner.md) over a pty."""

from __future__ import annotations

import threading

from drivers.dimensioners.cubing import encode_measurement
from drivers.sim import registry
from drivers.sim.pty import PtyLink

FAULT_LINES = {
    "no-object": b"E:01 NO OBJECT\r\n",
    "too-big": b"E:02 OUT OF RANGE\r\n",
    "moving": b"E:03 MOTION\r\n",
}


class DimensionerSimulator:
    """Answers ``M<CR>`` with the size set by :meth:`set_size` (or a fault); :meth:`push`
    sends a reading unprompted, as a device does when its own trigger fires."""

    def __init__(self, *, name: str | None = None, link_path: str | None = None,
                 size_mm: tuple[int, int, int] = (300, 200, 150), unit: str = "mm") -> None:
        self.name = name
        self.size_mm = size_mm
        self.unit = unit
        self.fault: str | None = None
        self.muted = False
        self.garbage: bytes | None = None  # answer with these bytes instead (wrong device)
        self.link = PtyLink(link_path)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending = bytearray()
        self.requests = 0

    @property
    def uri(self) -> str:
        return f"serial://{self.link.path}"

    def start(self) -> DimensionerSimulator:
        self.link.plug()
        if self.name:
            registry.register(self.name, self.uri)
        self._thread = threading.Thread(target=self._run, name="sim-dimensioner", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        if self.name:
            registry.unregister(self.name)
        self.link.close()

    def __enter__(self) -> DimensionerSimulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def set_size(self, length_mm: int, width_mm: int, height_mm: int) -> None:
        self.size_mm, self.fault = (length_mm, width_mm, height_mm), None

    def set_fault(self, fault: str) -> None:
        if fault not in FAULT_LINES:
            raise ValueError(f"fault must be one of {', '.join(FAULT_LINES)}")
        self.fault = fault

    def reading(self) -> bytes:
        if self.garbage is not None:
            return self.garbage
        if self.fault is not None:
            return FAULT_LINES[self.fault]
        return encode_measurement(*self.size_mm, unit=self.unit)

    def push(self) -> None:
        self.link.write(self.reading())

    def send_raw(self, data: bytes) -> None:
        self.link.write(data)

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self.link.plugged:
                self._stop.wait(0.02)
                continue
            self._pending += self.link.read(0.05)
            while (end := self._pending.find(b"\r")) >= 0:
                command = bytes(self._pending[:end]).strip(b"\n")
                del self._pending[: end + 1]
                if command == b"M":
                    self.requests += 1
                    if not self.muted:
                        self.link.write(self.reading())
            if len(self._pending) > 64:
                self._pending.clear()
