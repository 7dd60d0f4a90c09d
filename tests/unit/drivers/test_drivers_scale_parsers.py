"""Exact bytes in, typed readings out, for every scale protocol and command builder."""

from decimal import Decimal

import pytest

from drivers.errors import DeviceConfigError, ProtocolError
from drivers.scales import cas, hid_postal, mtsics, nci, toledo8213, toledo_cont
from drivers.scales.base import ScaleCommandReply, ScaleReading, ScaleState, Unreadable
from drivers.scales.protocols import PROTOCOLS, scale_protocol
from drivers.weight import Unit, Weight


def readings(frames):
    return [(f.state, f.weight) for f in frames if isinstance(f, ScaleReading)]


def W(amount, unit):
    return Weight(Decimal(amount), unit)


# -- command builders -------------------------------------------------------------------
def test_command_bytes_are_exact():
    assert mtsics.POLL_IMMEDIATE == b"SI\r\n"
    assert mtsics.POLL_STABLE == b"S\r\n"
    assert mtsics.ZERO == b"Z\r\n"
    assert mtsics.TARE == b"T\r\n"
    assert toledo8213.POLL == b"W"
    assert toledo8213.ZERO == b"Z"
    assert nci.POLL == b"W\r"
    assert nci.STATUS == b"S\r"
    assert nci.ZERO == b"Z\r"
    assert nci.TARE == b"T\r"
    assert toledo_cont.ZERO == b"Z"
    assert toledo_cont.TARE == b"T"


def test_protocol_table_polls_and_zeroes_with_those_bytes():
    assert scale_protocol("mt-sics").poll == b"SI\r\n"
    assert scale_protocol("toledo-8213").poll == b"W"
    assert scale_protocol("nci").poll == b"W\r"
    assert scale_protocol("toledo-cont").poll is None  # streams by itself
    assert scale_protocol("cas").poll is None
    assert scale_protocol("cas").tare is None
    assert set(PROTOCOLS) == {"mt-sics", "toledo-8213", "toledo-cont", "cas", "nci", "hid-postal"}


def test_unknown_protocol_lists_the_choices():
    with pytest.raises(DeviceConfigError, match="mt-sics, toledo-8213"):
        scale_protocol("sartorius")


# -- MT-SICS ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"S S     100.00 g\r\n", [(ScaleState.STABLE, W("100.00", Unit.GRAM))]),
        (b"S D     100.02 g\r\n", [(ScaleState.MOTION, W("100.02", Unit.GRAM))]),
        (b"S S    -12.345 kg\r\n", [(ScaleState.STABLE, W("-12.345", Unit.KILOGRAM))]),
        (b"S S       3.21 lb\r\n", [(ScaleState.STABLE, W("3.21", Unit.POUND))]),
        (b"S S       7.5 oz\r\n", [(ScaleState.STABLE, W("7.5", Unit.OUNCE))]),
        (b"SI S 1 g\r\n", [(ScaleState.STABLE, W("1", Unit.GRAM))]),
        (b"S +\r\n", [(ScaleState.OVERLOAD, None)]),
        (b"S -\r\n", [(ScaleState.UNDERLOAD, None)]),
        (b"S I\r\n", [(ScaleState.MOTION, None)]),
    ],
)
def test_mtsics_weight_replies(data, expected):
    assert readings(mtsics.MtSicsParser().feed(data)) == expected


def test_mtsics_command_replies_and_errors():
    frames = mtsics.MtSicsParser().feed(b"Z A\r\nZ I\r\nT S   50.0 g\r\nES\r\nET\r\nEL\r\n")
    assert [(f.command, f.accepted) for f in frames] == [
        ("zero", True), ("zero", False), ("tare", True), ("?", False), ("?", False), ("?", False),
    ]  # fmt: skip
    assert "syntax" in frames[3].message


@pytest.mark.parametrize(
    "data",
    [b"S S 100.00 ct\r\n", b"S X 100 g\r\n", b"S S abc g\r\n", b"S S 1e5 g\r\n", b"\xff\xfe\r\n",
     b"hello\r\n", b"S S 1 g extra\r\n"],
)  # fmt: skip
def test_mtsics_garbage_is_unreadable_not_a_weight(data):
    frames = mtsics.MtSicsParser().feed(data)
    assert [type(f) for f in frames] == [Unreadable]


def test_mtsics_tail_of_a_cut_line_is_not_a_weight():
    # Opened mid-frame: we see only " S     1100.00 g"; that must not read as 1100 g.
    frames = mtsics.MtSicsParser().feed(b" 1100.00 g\r\nS S     1200.00 g\r\n")
    assert readings(frames) == [(ScaleState.STABLE, W("1200.00", Unit.GRAM))]


# -- Toledo 8213 ------------------------------------------------------------------------
def test_8213_weight_in_the_configured_unit():
    assert readings(toledo8213.Toledo8213Parser().feed(b"\x02  12.345\r")) == [
        (ScaleState.STABLE, W("12.345", Unit.KILOGRAM))
    ]
    assert readings(toledo8213.Toledo8213Parser(Unit.POUND).feed(b"\x02001.25\r")) == [
        (ScaleState.STABLE, W("1.25", Unit.POUND))
    ]


@pytest.mark.parametrize(
    ("status", "state"),
    [(b"!", ScaleState.MOTION), (b'"', ScaleState.OVERLOAD), (b"$", ScaleState.UNDERLOAD),
     (b"(", ScaleState.OVERLOAD)],
)  # fmt: skip
def test_8213_status_bits(status, state):
    assert readings(toledo8213.Toledo8213Parser().feed(b"\x02?" + status + b"\r")) == [
        (state, None)
    ]


def test_8213_status_without_flags_is_a_reply_not_a_reading():
    frames = toledo8213.Toledo8213Parser().feed(b"\x02?0\r")
    assert frames == [ScaleCommandReply("status", True, b"\x02?0\r")]


def test_8213_bytes_before_stx_are_dropped():
    frames = toledo8213.Toledo8213Parser().feed(b"345\r\x02  1.000\r")
    assert readings(frames) == [(ScaleState.STABLE, W("1.000", Unit.KILOGRAM))]


# -- Toledo continuous ------------------------------------------------------------------
FRAME_1250_KG = b"\x02%0 001250000000\r"  # SWA 0x25: 3 decimals; SWB 0x30: kg


def test_toledo_continuous_frame():
    assert readings(toledo_cont.ToledoContinuousParser().feed(FRAME_1250_KG)) == [
        (ScaleState.STABLE, W("1.250", Unit.KILOGRAM))
    ]


@pytest.mark.parametrize(
    ("swa", "swb", "digits", "expected"),
    [
        (0x22, 0x20, b"001234", (ScaleState.STABLE, W("1234", Unit.POUND))),  # lb, no decimals
        (0x23, 0x38, b"001234", (ScaleState.MOTION, W("123.4", Unit.KILOGRAM))),
        (0x24, 0x22, b"000150", (ScaleState.STABLE, W("-1.50", Unit.POUND))),  # negative
        (0x24, 0x34, b"999999", (ScaleState.OVERLOAD, None)),
        (0x24, 0x36, b"000000", (ScaleState.UNDERLOAD, None)),
        (0x21, 0x30, b"000012", (ScaleState.STABLE, W("120", Unit.KILOGRAM))),
    ],
)
def test_toledo_continuous_status_bits(swa, swb, digits, expected):
    frame = b"\x02" + bytes([swa, swb, 0x20]) + digits + b"000000\r"
    assert readings(toledo_cont.ToledoContinuousParser().feed(frame)) == [expected]


def test_toledo_checksum_is_checked():
    good = FRAME_1250_KG + bytes([toledo_cont.checksum(FRAME_1250_KG)])
    assert toledo_cont.checksum(FRAME_1250_KG) == (-sum(b & 0x7F for b in FRAME_1250_KG)) & 0x7F
    parser = toledo_cont.ToledoContinuousParser(with_checksum=True)
    assert readings(parser.feed(good)) == [(ScaleState.STABLE, W("1.250", Unit.KILOGRAM))]
    bad = FRAME_1250_KG + bytes([(good[-1] + 1) & 0x7F])
    frames = toledo_cont.ToledoContinuousParser(with_checksum=True).feed(bad)
    assert [type(f) for f in frames] == [Unreadable]
    assert "checksum" in frames[0].reason


def test_toledo_stream_joined_mid_frame_resynchronises():
    stream = FRAME_1250_KG[7:] + FRAME_1250_KG + FRAME_1250_KG
    assert len(readings(toledo_cont.ToledoContinuousParser().feed(stream))) == 2


# -- CAS --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"ST,GS,  000013.5 kg\r\n", (ScaleState.STABLE, W("13.5", Unit.KILOGRAM))),
        (b"US,GS,  000013.7 kg\r\n", (ScaleState.MOTION, W("13.7", Unit.KILOGRAM))),
        (b"ST,NT,-  0001.250 kg\r\n", (ScaleState.STABLE, W("-1.250", Unit.KILOGRAM))),
        (b"ST,GS,1,  000250 g\r\n", (ScaleState.STABLE, W("250", Unit.GRAM))),  # device id
        (b"OL,GS,          kg\r\n", (ScaleState.OVERLOAD, None)),
    ],
)
def test_cas_lines(data, expected):
    assert readings(cas.CasParser().feed(data)) == [expected]


@pytest.mark.parametrize("data", [b"GS,  000013.5 kg\r\n", b"ST,GS,  00x013.5 kg\r\n",
                                  b"ST,GS,  000013.5\r\n", b"XX,GS,  1 kg\r\n"])  # fmt: skip
def test_cas_garbage_is_unreadable(data):
    assert [type(f) for f in cas.CasParser().feed(data)] == [Unreadable]


# -- NCI --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\n  1.25lb\r\n00\r\x03", (ScaleState.STABLE, W("1.25", Unit.POUND))),
        (b"\n  1.25lb\r\n10\r\x03", (ScaleState.MOTION, W("1.25", Unit.POUND))),
        (b"\n 0.000kg\r\n20\r\x03", (ScaleState.STABLE, W("0.000", Unit.KILOGRAM))),
        (b"\n^^^^^^lb\r\n02\r\x03", (ScaleState.OVERLOAD, None)),
        (b"\n______lb\r\n01\r\x03", (ScaleState.UNDERLOAD, None)),
        (b"\n  -0.50lb\r\n00\r\x03", (ScaleState.STABLE, W("-0.50", Unit.POUND))),
    ],
)
def test_nci_weight_replies(data, expected):
    assert readings(nci.NciParser().feed(data)) == [expected]


def test_nci_status_and_bad_command_replies():
    frames = nci.NciParser().feed(b"\n00\r\x03\n?\r\x03")
    assert [(f.command, f.accepted) for f in frames] == [("status", True), ("?", False)]


def test_nci_tail_of_a_cut_frame_is_not_a_weight():
    frames = nci.NciParser().feed(b"25lb\r\n00\r\x03\n  2.50lb\r\n00\r\x03")
    assert readings(frames) == [(ScaleState.STABLE, W("2.50", Unit.POUND))]


# -- USB HID postal ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (bytes([3, 4, 2, 0, 0xE2, 0x04]), (ScaleState.STABLE, W("1250", Unit.GRAM))),
        (bytes([3, 2, 2, 0, 0, 0]), (ScaleState.STABLE, W("0", Unit.GRAM))),
        (bytes([3, 3, 11, 0xFF, 0x7B, 0x00]), (ScaleState.MOTION, W("12.3", Unit.OUNCE))),
        (bytes([3, 4, 12, 0xFE, 0x7D, 0x00]), (ScaleState.STABLE, W("1.25", Unit.POUND))),
        (bytes([3, 6, 2, 0, 0, 0]), (ScaleState.OVERLOAD, None)),
        (bytes([3, 5, 2, 0, 10, 0]), (ScaleState.UNDERLOAD, None)),
    ],
)
def test_hid_postal_reports(report, expected):
    stale = bytes([3, 4, 2, 0, 1, 0])
    assert readings(hid_postal.HidPostalParser().feed(stale + report)) == [expected]


def test_hid_first_report_after_open_is_discarded():
    assert hid_postal.HidPostalParser().feed(bytes([3, 4, 2, 0, 0xE2, 0x04])) == []


def test_hid_unknown_unit_is_unreadable():
    frame = hid_postal.decode_report(bytes([3, 4, 4, 0, 1, 0]))  # carats
    assert isinstance(frame, Unreadable)


# -- caller mistakes ----------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(PROTOCOLS))
def test_feeding_text_is_a_protocol_error(name):
    with pytest.raises(ProtocolError, match="must be bytes"):
        PROTOCOLS[name].make_parser({}).feed("S S 1 g\r\n")  # type: ignore[arg-type]


def test_configured_unit_typo_is_a_config_error():
    with pytest.raises(DeviceConfigError, match="'stone'"):
        scale_protocol("toledo-8213").make_parser({"unit": "stone"})
    parser = scale_protocol("toledo-8213").make_parser({"unit": "lb"})
    assert readings(parser.feed(b"\x02  1.50\r")) == [(ScaleState.STABLE, W("1.50", Unit.POUND))]


def test_cas_request_mode_handshake_bytes():
    protocol = scale_protocol("cas")
    assert protocol.poll_bytes({}) is None  # streams by default
    assert protocol.poll_bytes({"request": "1"}) == b"\x05"  # ENQ
    assert protocol.answers == {"enq": b"\x11"}  # ACK is answered with DC1
    frames = cas.CasParser().feed(b"\x06ST,GS,  000013.5 kg\r\n")
    assert frames[0] == ScaleCommandReply("enq", True, b"\x06")
    assert readings(frames) == [(ScaleState.STABLE, W("13.5", Unit.KILOGRAM))]


def test_mtsics_line_of_separator_controls_is_unreadable():
    # Found by hypothesis: str.split() treats 0x1C-0x1F as blanks, leaving no token at all.
    assert [type(f) for f in mtsics.MtSicsParser().feed(b"\x1c\x1f\r\n")] == [Unreadable]
