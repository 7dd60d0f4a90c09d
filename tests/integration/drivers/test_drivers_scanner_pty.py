"""A serial scanner over a real pty: GS1 separators survive, AIM ids split off, replug works."""

from __future__ import annotations

from drivers_helpers import of_type, running

from drivers.events import DeviceConnected, DeviceFault, ScanEvent, UnreadableScanEvent
from drivers.manager import DeviceConfig
from drivers.sim.scanner_sim import ScannerSimulator

GS1 = "0109501101530003\x1d17250101\x1d10ABC123"


def test_scans_arrive_with_symbology_and_gs_intact(tmp_path):
    with (
        ScannerSimulator(link_path=str(tmp_path / "scanner"), terminator="CRLF") as sim,
        running(DeviceConfig("scanner", "scanner", sim.uri, {"terminator": "CRLF"})) as (
            _manager,
            log,
        ),
    ):
        log.wait_for(of_type(DeviceConnected))
        sim.send(GS1, "]d2")
        sim.send("0123456789012", "]E0")
        sim.send(b"\xff\xfe")
        first = log.wait_for(of_type(ScanEvent))
        assert (first.code.data, first.code.symbology) == (GS1, "]d2")
        log.wait_for(lambda e: isinstance(e, ScanEvent) and e.code.data == "0123456789012")
        assert "utf-8" in log.wait_for(of_type(UnreadableScanEvent)).message


def test_scanner_unplugged_and_replugged(tmp_path):
    with (
        ScannerSimulator(link_path=str(tmp_path / "scanner")) as sim,
        running(DeviceConfig("scanner", "scanner", sim.uri)) as (_manager, log),
    ):
        log.wait_for(of_type(DeviceConnected))
        mark = log.mark()
        sim.unplug()
        log.wait_for(of_type(DeviceFault), since=mark)
        sim.plug()
        log.wait_for(of_type(DeviceConnected, reconnect=True), since=mark)
        mark = log.mark()
        sim.send("AFTER-REPLUG")
        assert log.wait_for(of_type(ScanEvent), since=mark).code.data == "AFTER-REPLUG"
