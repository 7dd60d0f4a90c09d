"""A scale speaking MT-SICS, Toledo 8213, Toledo continuous, CAS or NCI over a pty."""

from __future__ import annotations

import contextlib
import threading
import time

from drivers.scales.toledo_cont import checksum
from drivers.sim import registry
from drivers.sim.pty import PtyLink

SIM_PROTOCOLS = ("mt-sics", "toledo-8213", "toledo-cont", "cas", "nci")
STREAMING = ("toledo-cont", "cas")
MODES = ("stable", "motion", "overload", "underload")


def _kg_text(grams: int) -> str:
    """``1250`` → ``"1.250"`` (integer arithmetic, no float)."""
    sign = "-" if grams < 0 else ""
    return f"{sign}{abs(grams) // 1000}.{abs(grams) % 1000:03d}"


def encode_reading(protocol: str, grams: int, mode: str, *, with_checksum: bool = False) -> bytes:
    """The bytes the real scale sends for this weight and mode."""
    if protocol == "mt-sics":
        if mode == "overload":
            return b"S +\r\n"
        if mode == "underload":
            return b"S -\r\n"
        status = "S" if mode == "stable" else "D"
        return f"S {status} {f'{grams}.0':>10} g\r\n".encode()
    if protocol == "toledo-8213":
        flags = {"motion": 0x01, "overload": 0x02, "underload": 0x04}.get(mode)
        if flags is not None:
            return b"\x02?" + bytes([0x20 | flags]) + b"\r"
        return b"\x02" + f"{_kg_text(grams):>7}".encode() + b"\r"
    if protocol == "toledo-cont":
        swb = 0x20 | 0x10  # kg
        if grams < 0 or mode == "underload":
            swb |= 0x02
        if mode in ("overload", "underload"):
            swb |= 0x04
        if mode == "motion":
            swb |= 0x08
        frame = b"\x02" + bytes([0x25, swb, 0x20]) + f"{abs(grams):06d}000000\r".encode()
        return frame + bytes([checksum(frame)]) if with_checksum else frame
    if protocol == "cas":
        if mode == "overload":
            return b"OL,GS,          kg\r\n"
        sign = "-" if grams < 0 else " "
        body = f"{sign} {abs(grams) // 1000:04d}.{abs(grams) % 1000:03d}"
        return f"{'US' if mode == 'motion' else 'ST'},GS,{body} kg\r\n".encode()
    if protocol == "nci":
        nci_flags = {"motion": b"10", "overload": b"02", "underload": b"01"}.get(mode, b"00")
        if grams == 0 and mode == "stable":
            nci_flags = b"20"  # at zero
        field = f"{_kg_text(grams):>8}kg".encode() if mode in ("stable", "motion") else b"^^^^^^kg"
        return b"\n" + field + b"\r\n" + nci_flags + b"\r\x03"
    raise ValueError(f"unknown protocol {protocol!r}")


class ScaleSimulator:
    """In-process scale: ``start()``, set the weight/mode at run time, ``unplug()``/``plug()``."""

    def __init__(
        self,
        protocol: str,
        *,
        name: str | None = None,
        link_path: str | None = None,
        grams: int = 0,
        rate_hz: int = 10,
        with_checksum: bool = False,
        request: bool = False,
        serial: str = "B000000001",
    ) -> None:
        if protocol not in SIM_PROTOCOLS:
            raise ValueError(f"protocol must be one of {', '.join(SIM_PROTOCOLS)}")
        self.protocol = protocol
        self.name = name
        self.grams = grams
        self.mode = "stable"
        self.muted = False  # connected but silent: the driver must report "no reply"
        self.rate_hz = rate_hz
        self.serial = serial  # MT-SICS I4 answers it
        self.with_checksum = with_checksum
        self.request = request and protocol == "cas"  # CAS request mode: ENQ/ACK/DC1, no stream
        self.link = PtyLink(link_path)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._commands = bytearray()
        self.sent_frames = 0

    @property
    def path(self) -> str:
        return self.link.path

    @property
    def uri(self) -> str:
        # A pty cannot keep 7E1 settings (tcsetattr fails on the second change): use 8N1.
        return f"serial://{self.path}?bytesize=8&parity=N"

    def start(self) -> ScaleSimulator:
        self.link.plug()
        if self.name:
            registry.register(self.name, self.uri)
        self._thread = threading.Thread(
            target=self._run, name=f"sim-scale:{self.protocol}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        if self.name:
            registry.unregister(self.name)
        self.link.close()

    def __enter__(self) -> ScaleSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- run-time controls ------------------------------------------------------------
    def set_weight(self, grams: int, mode: str = "stable") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.grams, self.mode = grams, mode

    def set_mode(self, mode: str) -> None:
        self.set_weight(self.grams, mode)

    def unplug(self) -> None:
        self.link.unplug()

    def plug(self) -> None:
        self.link.plug()

    def send_raw(self, data: bytes) -> None:
        self.link.write(data)

    def frame(self) -> bytes:
        return encode_reading(
            self.protocol, self.grams, self.mode, with_checksum=self.with_checksum
        )

    # -- loop -----------------------------------------------------------------------------
    def _run(self) -> None:
        period = 1.0 / max(1, self.rate_hz)
        next_tick = time.monotonic()
        while not self._stop.is_set():
            if not self.link.plugged:
                self._stop.wait(0.02)
                continue
            data = self.link.read(max(0.0, min(0.05, next_tick - time.monotonic())))
            if data:
                self._commands += data
                self._answer()
            streaming = self.protocol in STREAMING and not self.request
            if streaming and time.monotonic() >= next_tick:
                next_tick = time.monotonic() + period
                if not self.muted and self.link.write(self.frame()):
                    self.sent_frames += 1
            elif not streaming:
                next_tick = time.monotonic() + 0.05

    def _answer(self) -> None:
        while self._commands:
            if self.protocol == "toledo-8213" or self.protocol in STREAMING:
                command, rest = bytes(self._commands[:1]), self._commands[1:]
                command = command.strip(b"\r\n")
            else:
                end = self._commands.find(b"\r")
                if end < 0:
                    if len(self._commands) > 64:
                        self._commands.clear()
                    return
                command, rest = bytes(self._commands[:end]).strip(b"\n"), self._commands[end + 1 :]
            self._commands = bytearray(rest)
            if command:
                reply = self._reply(command)
                if reply and not self.muted:
                    with contextlib.suppress(OSError):
                        self.link.write(reply)
                        self.sent_frames += 1

    def _reply(self, command: bytes) -> bytes:
        p = self.protocol
        if command in (b"Z", b"ZI"):
            self.grams = 0
        if p == "mt-sics":
            if command in (b"S", b"SI"):
                return self.frame()
            if command == b"Z":
                return b"Z A\r\n"
            if command == b"I4":
                return f'I4 A "{self.serial}"\r\n'.encode()
            if command == b"T":
                tare, self.grams = self.grams, 0  # the display shows net weight afterwards
                return f"T S {f'{tare}.0':>10} g\r\n".encode()
            return b"ES\r\n"
        if p == "toledo-8213":
            return self.frame() if command == b"W" else b"\x02?0\r" if command == b"Z" else b""
        if p == "nci":
            if command == b"W":
                return self.frame()
            if command in (b"S", b"Z", b"T"):
                return b"\n00\r\x03"
            return b"\n?\r\x03"
        if p == "cas" and self.request:
            return b"\x06" if command == b"\x05" else self.frame() if command == b"\x11" else b""
        return b""  # streaming scales: Z/T act silently
