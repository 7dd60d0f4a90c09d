"""Printers over loopback TCP against the simulator: status before and after every job."""

from __future__ import annotations

import socket

import pytest
from drivers_helpers import of_type, running

from drivers.events import DeviceConnected, DeviceFault, HealthState, PrinterStatusEvent
from drivers.manager import DeviceConfig
from drivers.printers.printer import LabelPrinter, PrintOutcome, printer_language
from drivers.printers.status import PrinterProblem
from drivers.sim.printer_sim import PrinterSimulator
from drivers.transports import make_transport

JOBS = {
    "zpl": b"^XA^CI28^FO50,50^A0N,40,40^FH^FDOrder 1001 _5E_7E^FS^XZ",
    "tspl": b"SIZE 100 mm,150 mm\r\nGAP 2 mm,0\r\nCLS\r\n"
    b'TEXT 50,50,"3",0,1,1,"Order 1001"\r\nPRINT 1\r\n',
    "escpos": b"\x1b@Order 1001\n\x1dV\x00",
}


def printer_config(sim: PrinterSimulator, **options: object) -> DeviceConfig:
    return DeviceConfig(
        "printer", "printer", sim.uri, {"language": sim.lang, "timeout_ms": 500, **options}
    )


@pytest.mark.parametrize("lang", sorted(JOBS))
def test_job_printed_and_stored_only_when_ready(lang, tmp_path):
    with PrinterSimulator(lang, out_dir=tmp_path) as sim, running(printer_config(sim)) as (
        manager, log,
    ):  # fmt: skip
        result = manager.print_job("printer", JOBS[lang]).result(timeout=10)
        assert result.printed, result.message
        assert sim.jobs == [JOBS[lang]]
        assert [p.read_bytes() for p in sorted(tmp_path.iterdir())] == [JOBS[lang]]
        for mode, problem in [
            ("paper_out", PrinterProblem.PAPER_OUT),
            ("head_open", PrinterProblem.HEAD_OPEN),
        ] + ([("paused", PrinterProblem.PAUSED)] if lang != "escpos" else []):
            sim.set_mode(mode)
            failed = manager.print_job("printer", JOBS[lang]).result(timeout=10)
            assert failed.outcome is PrintOutcome.FAILED and not failed.printed
            assert problem in failed.before.problems
            assert len(sim.jobs) == 1  # nothing was sent to a faulted printer
        log.wait_for(of_type(PrinterStatusEvent))


@pytest.mark.parametrize("lang", sorted(JOBS))
def test_a_printer_that_never_answers_is_a_fault_within_the_timeout(lang):
    with PrinterSimulator(lang) as sim:
        sim.set_mode("no_reply")
        with running(printer_config(sim)) as (manager, _log):
            result = manager.print_job("printer", JOBS[lang]).result(timeout=10)
            assert not result.printed
            assert PrinterProblem.NO_REPLY in result.before.problems
            assert "does not answer" in result.message
            assert manager.health()[0].state is HealthState.FAULT


def test_printer_switched_off_then_on_reconnects(tmp_path):
    sim = PrinterSimulator("zpl").start()
    port = sim.port
    try:
        with running(printer_config(sim, status_interval_ms=100)) as (manager, log):
            log.wait_for(of_type(PrinterStatusEvent))
            mark = log.mark()
            sim.stop()
            log.wait_for(of_type(DeviceFault, device="printer"), since=mark)
            refused = manager.print_job("printer", JOBS["zpl"]).result(timeout=10)
            assert not refused.printed and "Not printed" in refused.message
            sim = PrinterSimulator("zpl", port=port).start()
            log.wait_for(of_type(DeviceConnected, reconnect=True), since=mark)
            assert manager.print_job("printer", JOBS["zpl"]).result(timeout=10).printed
            assert sim.jobs == [JOBS["zpl"]]
    finally:
        sim.stop()


def test_a_printer_that_stops_mid_conversation_fails_the_job_not_the_thread():
    """A server that accepts, reads the status query and then closes: job fails, thread lives."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        with running(
            DeviceConfig(
                "p", "printer", f"tcp://127.0.0.1:{port}", {"language": "tspl", "timeout_ms": 300}
            )
        ) as (manager, log):
            conn, _ = server.accept()
            conn.recv(16)
            conn.close()
            log.wait_for(of_type(DeviceFault, device="p"))
            result = manager.print_job("p", b"PRINT 1\r\n").result(timeout=10)
            assert not result.printed
    finally:
        server.close()


def test_write_only_link_is_sent_but_unverified(tmp_path):
    target = tmp_path / "lp0"
    target.touch()
    transport = make_transport(f"file://{target}")
    transport.open()
    try:
        result = LabelPrinter(transport, printer_language("zpl")).print_job(JOBS["zpl"])
    finally:
        transport.close()
    assert result.outcome is PrintOutcome.SENT_UNVERIFIED and not result.printed
    assert "check that the label came out" in result.message
    assert target.read_bytes() == JOBS["zpl"]
