"""The CAINIAO print component as a printer, over a real local WebSocket to the simulated
component: printed only when the component reports the document printed; its refusals,
a printer out of paper, a component that never reports and one that is not running are each
"not printed" with the reason."""

from __future__ import annotations

import socket

import pytest

from drivers.printers.cainiao_component import CainiaoComponent
from drivers.sim.cainiao_component_sim import CainiaoComponentSim

DOCUMENT = {"documentID": "75310000000001", "templateURL": "https://tpl/zto",
            "data": "eyJ3YXliaWxsQ29kZSI6ICI3NTMxMDAwMDAwMDAwMSJ9"}


@pytest.fixture
def component():
    with CainiaoComponentSim() as sim:
        yield sim


def test_a_document_prints_on_the_chosen_printer(component):
    device = CainiaoComponent(component.uri + "?printer=ZDesigner%20ZD421", timeout_s=3)
    assert device.printers() == ["ZDesigner ZD421", "Microsoft Print to PDF"]
    answer = device.print_document(DOCUMENT)
    assert answer.printed, answer.message
    [printed] = component.printed
    assert printed["printer"] == "ZDesigner ZD421"
    assert printed["data"] == {"waybillCode": "75310000000001"}  # the data went untouched
    assert printed["templateURL"] == "https://tpl/zto"


def test_paper_out_unknown_printer_and_silence_are_never_printed(component):
    device = CainiaoComponent(component.uri, timeout_s=1.0)
    component.mode = "paper_out"
    answer = device.print_document(DOCUMENT)
    assert not answer.printed and "缺纸" in answer.message
    component.mode = "silent"
    answer = device.print_document(DOCUMENT)
    assert not answer.printed and "did not confirm" in answer.message
    component.mode = "ready"
    wrong = CainiaoComponent(component.uri + "?printer=Nope", timeout_s=1.0)
    answer = wrong.print_document(DOCUMENT)
    assert not answer.printed and "Nope" in answer.message
    assert component.printed == []


def test_a_component_that_is_not_running_says_so():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    answer = CainiaoComponent(f"cainiao://127.0.0.1:{port}", timeout_s=1.0).print_document(
        DOCUMENT)
    assert not answer.printed and "cannot be reached" in answer.message


def test_doctor_checks_the_component_and_its_printer(component):
    from station.config import LoadedSettings, Settings
    from station.doctor import check_platform_printer

    def check(uri):
        return check_platform_printer(LoadedSettings(Settings(platform_printer={"uri": uri})))

    good = check(component.uri + "?printer=ZDesigner%20ZD421")
    assert good.ok and "ZDesigner ZD421" in good.detail
    missing = check(component.uri + "?printer=Nope")
    assert not missing.ok and "Nope" in missing.detail
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = check(f"cainiao://127.0.0.1:{port}")
    assert not down.ok and "running" in down.detail


def test_pdds_component_speaks_the_same_protocol_on_its_own_port(component):
    """A PDD e-waybill goes to PDD's print component (pdd://): the same requests, its own
    default ports; an address of another platform is refused with the shape to use."""
    import pytest

    from drivers.errors import DeviceConfigError

    port = component.uri.rsplit(":", 1)[1]
    device = CainiaoComponent(f"pdd://127.0.0.1:{port}?printer=ZDesigner%20ZD421",
                              timeout_s=3)
    answer = device.print_document({"documentID": "78000000012",
                                    "templateURL": "https://file-link.pinduoduo.com/ems_one",
                                    "data": "eyJ3YXliaWxsQ29kZSI6Ijc4MDAwMDAwMDEyIn0="})
    assert answer.printed, answer.message
    assert CainiaoComponent("pdd://127.0.0.1").url == "ws://127.0.0.1:5000"
    assert CainiaoComponent("pdd+tls://127.0.0.1").url == "wss://127.0.0.1:18653"
    with pytest.raises(DeviceConfigError):
        CainiaoComponent("douyin://127.0.0.1:5000")
