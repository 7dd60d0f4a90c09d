"""Device addresses: every scheme maps to its transport, typos give a clear config error."""

import pytest

from drivers.errors import DeviceConfigError, TransportError
from drivers.sim import registry
from drivers.transports import make_transport
from drivers.transports.hid import HidTransport
from drivers.transports.serial_port import SerialTransport, serial_settings
from drivers.transports.spool import CupsTransport, FileTransport, Win32SpoolerTransport
from drivers.transports.tcp import TcpTransport


def test_serial_uri_with_settings():
    t = make_transport("serial:///dev/ttyUSB0?baudrate=9600&bytesize=7&parity=E&stopbits=1")
    assert isinstance(t, SerialTransport)
    assert t._port_url == "/dev/ttyUSB0"
    assert t._settings == {"baudrate": 9600, "bytesize": 7, "parity": "E", "stopbits": 1}


def test_windows_com_port():
    assert make_transport("serial://COM3?baudrate=19200")._port_url == "COM3"


def test_uri_settings_win_over_protocol_defaults():
    t = make_transport("serial:///dev/pts/3?parity=N", {"baudrate": 9600, "parity": "E"})
    assert t._settings == {"baudrate": 9600, "parity": "N"}


def test_pyserial_urls_pass_through_without_our_settings():
    t = make_transport("socket://127.0.0.1:4001?baudrate=9600")
    assert t._port_url == "socket://127.0.0.1:4001"
    assert make_transport("loop://")._port_url == "loop://"


def test_other_schemes():
    assert isinstance(make_transport("tcp://127.0.0.1:9100"), TcpTransport)
    assert make_transport("tcp://printer.local").port == 9100
    hid = make_transport("hid://0922:8003/ABC")
    assert isinstance(hid, HidTransport) and (hid.vid, hid.pid, hid.serial_number) == (
        0x0922, 0x8003, "ABC",
    )  # fmt: skip
    assert isinstance(make_transport("file:///dev/usb/lp0"), FileTransport)
    assert make_transport("cups://Zebra_GK420d").queue == "Zebra_GK420d"
    win = make_transport("win32://ZDesigner GK420d?datatype=XPS_PASS")
    assert isinstance(win, Win32SpoolerTransport)
    assert (win.printer_name, win.datatype) == ("ZDesigner GK420d", "XPS_PASS")
    assert isinstance(make_transport("cups://Q"), CupsTransport)


def test_usb_serial_resolves_at_open_time():
    t = make_transport("usb-serial://0403:6001/FT123?baudrate=9600")
    assert isinstance(t, SerialTransport) and t._resolve is not None


def test_sim_uri_resolves_a_running_simulator():
    registry.register("bench-scale", "serial:///dev/pts/99?bytesize=8")
    try:
        assert make_transport("sim://bench-scale")._port_url == "/dev/pts/99"
    finally:
        registry.unregister("bench-scale")
    with pytest.raises(TransportError, match="not running"):
        make_transport("sim://bench-scale")


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("ftp://x", "Unknown device address"),
        ("serial://", "no serial port"),
        ("hid://dymo", "0922:8003"),
        ("usb-serial://xyz", "0922:8003"),
        ("tcp://", "tcp://host:port"),
        ("serial:///dev/ttyS0?baudrate=fast", "Invalid serial settings"),
        ("serial:///dev/ttyS0?parity=Q", "Invalid serial settings"),
        ("serial:///dev/ttyS0?bytesize=9", "Invalid serial settings"),
        ("cups://", "no CUPS queue"),
    ],
)
def test_bad_addresses_are_config_errors_with_a_sentence(uri, words):
    with pytest.raises(DeviceConfigError, match=words):
        make_transport(uri)


def test_serial_settings_parse_flags():
    assert serial_settings({"rtscts": "1", "xonxoff": "no"}) == {"rtscts": True, "xonxoff": False}
