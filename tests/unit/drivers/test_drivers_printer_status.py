"""Printer status queries and replies, byte for byte, for ZPL, TSPL and ESC/POS."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import DeviceConfigError, ProtocolError
from drivers.printers import escpos, tspl, zpl
from drivers.printers.printer import LANGUAGES, printer_language
from drivers.printers.status import PrinterProblem as P
from drivers.printers.status import PrinterStatus
from drivers.sim.printer_sim import MODES, status_reply


def hs(paper="0", pause="0", head="0", ribbon="0", ram="0"):
    return (
        f"\x02030,{paper},{pause},1218,000,0,0,0,000,{ram},0,0\x03\r\n"
        f"\x02000,0,{head},{ribbon},0,2,6,0,00000000,1,000\x03\r\n"
        "\x021234,0\x03\r\n"
    ).encode()


def test_status_query_bytes():
    assert zpl.STATUS_QUERY == b"~HS"
    assert tspl.STATUS_QUERY == b"\x1b!?"
    assert escpos.STATUS_QUERY == b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"
    assert printer_language("ZPL").status_query == b"~HS"
    assert set(LANGUAGES) == {"zpl", "tspl", "escpos"}


def test_unknown_language_is_a_config_error():
    with pytest.raises(DeviceConfigError, match="zpl, tspl or escpos"):
        printer_language("epl")


@pytest.mark.parametrize(
    ("reply", "problems"),
    [
        (hs(), set()),
        (hs(paper="1"), {P.PAPER_OUT}),
        (hs(pause="1"), {P.PAUSED}),
        (hs(head="1"), {P.HEAD_OPEN}),
        (hs(ribbon="1"), {P.RIBBON_OUT}),
        (hs(ram="1"), {P.ERROR}),
        (hs(paper="1", head="1"), {P.PAPER_OUT, P.HEAD_OPEN}),
    ],
)
def test_zpl_host_status(reply, problems):
    statuses = zpl.ZplStatusParser().feed(reply)
    assert [s.problems for s in statuses] == [problems]
    assert statuses[0].ready is (not problems)


def test_zpl_reply_split_anywhere():
    reply = hs(paper="1")
    for cut in range(1, len(reply)):
        parser = zpl.ZplStatusParser()
        got = parser.feed(reply[:cut]) + parser.feed(reply[cut:])
        assert [s.problems for s in got] == [{P.PAPER_OUT}]


def test_zpl_garbage_is_unreadable_never_ready():
    got = zpl.ZplStatusParser().feed(b"\x02hello\x03\r\n")
    assert [s.problems for s in got] == [{P.UNREADABLE}]
    assert not got[0].ready


@pytest.mark.parametrize(
    ("byte", "problems"),
    [
        (0x00, set()),
        (0x01, {P.HEAD_OPEN}),
        (0x02, {P.PAPER_JAM}),
        (0x04, {P.PAPER_OUT}),
        (0x05, {P.PAPER_OUT, P.HEAD_OPEN}),
        (0x08, {P.RIBBON_OUT}),
        (0x10, {P.PAUSED}),
        (0x20, set()),  # printing: busy, not a fault
        (0x40, {P.HEAD_OPEN}),  # cover open
        (0x80, {P.ERROR}),
    ],
)
def test_tspl_status_byte(byte, problems):
    assert [s.problems for s in tspl.TsplStatusParser().feed(bytes([byte]))] == [problems]


@pytest.mark.parametrize(
    ("reply", "problems"),
    [
        (b"\x12\x12\x12", set()),
        (b"\x1a\x12\x12", {P.OFFLINE}),
        (b"\x1a\x16\x12", {P.OFFLINE, P.HEAD_OPEN}),
        (b"\x1a\x32\x72", {P.OFFLINE, P.PAPER_OUT}),
        (b"\x12\x12\x1e", set()),  # paper near end: still prints
        (b"\x12\x52\x12", {P.ERROR}),
    ],
)
def test_escpos_real_time_status(reply, problems):
    assert [s.problems for s in escpos.EscposStatusParser().feed(reply)] == [problems]


def test_escpos_byte_without_fixed_bits_is_unreadable():
    got = escpos.EscposStatusParser().feed(b"\x00")
    assert [s.problems for s in got] == [{P.UNREADABLE}]


def test_escpos_self_test_receipt_is_built_by_python_escpos():
    data = escpos.self_test_receipt(["Packing Station"])
    assert data == b"\x1bE\x01\x1ba\x01\x1bt\x00Packing Station\n\x1bd\x06\x1dV\x00"


def test_no_reply_and_unknown_are_never_ready():
    assert not PrinterStatus.no_reply().ready and PrinterStatus.no_reply().fault
    assert not PrinterStatus.unknown().ready and not PrinterStatus.unknown().fault
    assert "does not answer" in PrinterStatus.no_reply().message


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("mode", MODES[:-1])
def test_simulator_replies_parse_to_its_mode(lang, mode):
    parser = LANGUAGES[lang].parser()
    reply = b"".join(status_reply(lang, mode, bytes([0x10, 0x04, n])) for n in (1, 2, 4))
    reply = reply if lang == "escpos" else status_reply(lang, mode)
    statuses = parser.feed(reply)
    assert len(statuses) == 1
    assert statuses[0].ready is (mode == "ready")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_replies_never_raise(lang, data):
    try:
        for status in LANGUAGES[lang].parser().feed(data):
            assert isinstance(status, PrinterStatus)
    except ProtocolError:
        pass


def test_self_test_pages_are_one_label_each():
    from drivers.printers.selftest import self_test_job

    zpl_page = self_test_job("ZPL")
    assert zpl_page.startswith(b"^XA") and zpl_page.endswith(b"^XZ") and zpl_page.count(b"^XA") == 1
    assert self_test_job("tspl").endswith(b"PRINT 1\r\n")
    assert self_test_job("escpos").endswith(b"\x1dV\x00")  # cut
    with pytest.raises(DeviceConfigError):
        self_test_job("pcl")
