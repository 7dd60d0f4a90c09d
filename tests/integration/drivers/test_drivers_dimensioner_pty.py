"""The dimensioner driver against its simulator over a real pty: bytes on a serial line."""

from __future__ import annotations

import time

import pytest

from drivers.dimensioners import Dimensioner, DimensionerError
from drivers.errors import ProtocolError, TransportError
from drivers.sim.dimensioner_sim import DimensionerSimulator


@pytest.fixture
def sim(tmp_path):
    with DimensionerSimulator(link_path=str(tmp_path / "dim")) as s:
        yield s


def test_measures_the_parcel_on_the_plate(sim):
    sim.set_size(412, 305, 198)
    with Dimensioner(sim.uri) as dim:
        m = dim.measure(timeout_s=3)
        assert (m.length_mm, m.width_mm, m.height_mm) == (412, 305, 198)
        sim.set_size(200, 150, 90)
        m = dim.measure(timeout_s=3)
        assert (m.length_mm, m.width_mm, m.height_mm) == (200, 150, 90)
    assert sim.requests == 2


def test_centimetre_device(tmp_path):
    with DimensionerSimulator(link_path=str(tmp_path / "d"), unit="cm",
                              size_mm=(305, 200, 151)) as sim, Dimensioner(sim.uri) as dim:
        m = dim.measure(timeout_s=3)
        assert (m.length_mm, m.width_mm, m.height_mm) == (305, 200, 151)


def test_no_object_is_a_readable_fault(sim):
    sim.set_fault("no-object")
    with Dimensioner(sim.uri) as dim, pytest.raises(DimensionerError, match="No parcel"):
        dim.measure(timeout_s=3)


def test_a_stale_pushed_reading_does_not_answer_the_next_request(sim):
    sim.set_size(100, 100, 100)
    with Dimensioner(sim.uri) as dim:
        sim.push()  # the device's own trigger fired before we asked
        time.sleep(0.3)  # ...and its line is waiting in the port
        sim.set_size(250, 120, 80)
        m = dim.measure(timeout_s=3)
        assert (m.length_mm, m.width_mm, m.height_mm) == (250, 120, 80)


def test_silent_device_times_out(sim):
    sim.muted = True
    with Dimensioner(sim.uri) as dim, pytest.raises(TransportError, match="did not answer"):
        dim.measure(timeout_s=0.5)


def test_garbage_line_is_a_protocol_error(sim):
    sim.garbage = b"S S     100.00 g\r\n"  # a scale's answer on the dimensioner's port
    with Dimensioner(sim.uri) as dim, pytest.raises(ProtocolError, match="not a measurement"):
        dim.measure(timeout_s=2)


def test_station_sim_dimensioner_command_line(tmp_path):
    import threading

    from drivers.sim.cli import main

    link = tmp_path / "dim-cli"
    commands = ["size 410 300 220", "", "", "quit"]
    fed = threading.Event()

    def stdin():
        yield commands[0]
        fed.set()
        time.sleep(2.5)  # the test measures while the simulator runs
        yield from commands[1:]

    thread = threading.Thread(target=main, args=(["dimensioner", "--pty", "--link", str(link)],
                                                 stdin()), daemon=True)
    thread.start()
    assert fed.wait(5)
    deadline = time.monotonic() + 5
    while not link.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)
    with Dimensioner(f"serial://{link}") as dim:
        m = dim.measure(timeout_s=2)
    assert (m.length_mm, m.width_mm, m.height_mm) == (410, 300, 220)
    thread.join(5)


def test_owner_thread_measures_and_survives_an_unplug(sim):
    from drivers.dimensioners import DimensionerOwner

    owner = DimensionerOwner(sim.uri, timeout_s=1.0).start()
    try:
        sim.set_size(330, 220, 110)
        m = owner.measure().result(5)
        assert (m.length_mm, m.width_mm, m.height_mm) == (330, 220, 110)
        sim.link.unplug()
        with pytest.raises((TransportError, DimensionerError)):
            owner.measure().result(5)
        sim.link.plug()  # same stable path, new pty: as a replugged USB adapter
        sim.set_size(120, 100, 80)
        m = owner.measure().result(5)
        assert (m.length_mm, m.width_mm, m.height_mm) == (120, 100, 80)
    finally:
        owner.stop()
