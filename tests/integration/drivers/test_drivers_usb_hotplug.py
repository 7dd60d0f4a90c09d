"""A USB serial scanner found by VID:PID/serial survives being replugged under a new name.

No USB bus exists in CI, so the port list (``serial.tools.list_ports.comports``) is the one
thing replaced; the device behind it is a real pty that really disappears and comes back.
"""

from __future__ import annotations

import os

from drivers_helpers import of_type, running
from serial.tools import list_ports, list_ports_common

from drivers.events import DeviceConnected, DeviceFault, ScanEvent
from drivers.manager import DeviceConfig, usb_serial_ports
from drivers.sim.scanner_sim import ScannerSimulator


def port_info(device: str, serial_number: str) -> list_ports_common.ListPortInfo:
    info = list_ports_common.ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.serial_number = 0x0403, 0x6001, serial_number
    info.description = "FT232R USB UART"
    return info


def test_replugged_under_a_new_name_is_found_by_usb_ids(monkeypatch, tmp_path):
    sim = ScannerSimulator().start()  # no stable link: the pty name is the port name
    plugged = {"path": sim.path}

    def comports() -> list[list_ports_common.ListPortInfo]:
        decoy = port_info(str(tmp_path / "ttyUSB9"), "OTHER")  # same model, other unit
        return [decoy] + ([port_info(plugged["path"], "FT123")] if plugged["path"] else [])

    monkeypatch.setattr(list_ports, "comports", comports)
    assert ("usb-serial://0403:6001/FT123", f"{sim.path} FT232R USB UART") in usb_serial_ports()
    try:
        with running(DeviceConfig("scanner", "scanner", "usb-serial://0403:6001/FT123")) as (
            _manager,
            log,
        ):
            log.wait_for(of_type(DeviceConnected))
            sim.send("BEFORE")
            assert log.wait_for(of_type(ScanEvent)).code.data == "BEFORE"
            first_name = sim.path
            mark = log.mark()
            sim.unplug()
            plugged["path"] = ""
            fault = log.wait_for(of_type(DeviceFault), since=mark)
            assert fault.device == "scanner"
            log.wait_for(
                lambda e: isinstance(e, DeviceFault) and "not plugged in" in e.message, since=mark
            )
            holds: list[tuple[int, int]] = []
            try:
                for _ in range(8):  # bounded: hold freed pty numbers until the name changes
                    sim.plug()
                    if sim.path != first_name:
                        break
                    sim.unplug()
                    holds.append(os.openpty())
                assert sim.path != first_name
                plugged["path"] = sim.path
                log.wait_for(of_type(DeviceConnected, reconnect=True), since=mark)
                mark = log.mark()
                sim.send("AFTER")
                assert log.wait_for(of_type(ScanEvent), since=mark).code.data == "AFTER"
            finally:
                for fds in holds:
                    for fd in fds:
                        os.close(fd)
    finally:
        sim.stop()
