"""A serial barcode scanner on a pty: ``send("0123...")`` writes a terminated line."""

from __future__ import annotations

from drivers.scanners.lines import TERMINATORS
from drivers.sim import registry
from drivers.sim.pty import PtyLink


class ScannerSimulator:
    def __init__(
        self, *, name: str | None = None, link_path: str | None = None, terminator: str = "CR"
    ) -> None:
        self.name = name
        self.terminator = TERMINATORS[terminator.upper()]
        self.link = PtyLink(link_path)

    @property
    def path(self) -> str:
        return self.link.path

    @property
    def uri(self) -> str:
        return f"serial://{self.path}"

    def start(self) -> ScannerSimulator:
        self.link.plug()
        if self.name:
            registry.register(self.name, self.uri)
        return self

    def stop(self) -> None:
        if self.name:
            registry.unregister(self.name)
        self.link.close()

    def __enter__(self) -> ScannerSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def send(self, data: str | bytes, symbology: str | None = None) -> bool:
        """One scan: optional AIM id (``]C1``...), the data, the terminator."""
        body = data.encode() if isinstance(data, str) else data
        prefix = symbology.encode("ascii") if symbology else b""
        return self.link.write(prefix + body + self.terminator)

    def unplug(self) -> None:
        self.link.unplug()

    def plug(self) -> None:
        self.link.plug()
