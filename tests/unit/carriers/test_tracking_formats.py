"""Tracking-number formats: known-good numbers pass, any changed digit is caught."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import Carrier, CarrierService
from contract.tracking import FORMATS, validate_tracking_number
from station.carriers import CarrierCatalogue, TrackingNumberError, UnknownCarrierError

# Published examples (carrier documentation and widely used test vectors).
VALID = [
    ("EE123456785CN", "s10"),
    ("RB123456785US", "s10"),
    ("1Z999AA10123456784", "ups"),
    ("1Z5R89390357567127", "ups"),
    ("1Z879E930346834440", "ups"),
    ("1Z410E7W0392751591", "ups"),
    ("9400111201080805483016", "usps"),
    ("9101123456789000000013", "usps"),
    ("03071790000523483741", "usps"),
    ("986578788855", "fedex"),
    ("477179081230", "fedex"),
    ("790535312317", "fedex"),
    ("041441760228964", "fedex"),
    ("568283610012734", "fedex"),
    ("SF1234567890123", "none"),
    ("75312345678901", "none"),
]


@pytest.mark.parametrize(("number", "fmt"), VALID)
def test_published_numbers_are_valid(number, fmt):
    assert validate_tracking_number(number, fmt) == number


@pytest.mark.parametrize(("number", "fmt"), [v for v in VALID if v[1] != "none"])
def test_a_wrong_check_digit_is_caught(number, fmt):
    at = 10 if fmt == "s10" else len(number) - 1
    for d in "0123456789":
        if d == number[at]:
            continue
        changed = number[:at] + d + number[at + 1 :]
        with pytest.raises(TrackingNumberError, match="check digit"):
            validate_tracking_number(changed, fmt)


@pytest.mark.parametrize(("number", "fmt"), [v for v in VALID if v[1] == "usps"])
def test_a_single_mistyped_serial_digit_is_caught(number, fmt):
    # Weights 3,1 mod 10 catch every single-digit substitution (1,2 or mod-11 folding do not).
    for i in range(len(number) - 1):
        for d in "0123456789":
            if d != number[i]:
                with pytest.raises(TrackingNumberError):
                    validate_tracking_number(number[:i] + d + number[i + 1 :], fmt)


@pytest.mark.parametrize(
    ("number", "fmt"),
    [("EE12345678CN", "s10"), ("1Z999AA1012345678", "ups"), ("12345", "usps"),
     ("98657878885", "fedex"), ("sf-123", "none"), ("^XA^FS", "none"), ("", "none")],
)
def test_malformed_numbers_are_refused_with_a_readable_message(number, fmt):
    with pytest.raises(TrackingNumberError) as err:
        validate_tracking_number(number, fmt)
    assert "not a valid" in str(err.value)


@settings(max_examples=200, deadline=None)
@given(fmt=st.sampled_from(sorted(FORMATS)), serial=st.integers(0, 10**8 - 1))
def test_completed_numbers_validate(fmt, serial):
    bodies = {
        "s10": f"EE{serial:08d}CN",
        "ups": f"1Z999AA1{serial:09d}",
        "usps": f"9400111{serial:014d}",
        "fedex": f"{serial:011d}",
        "none": f"SF{serial:010d}",
    }
    number = FORMATS[fmt].complete(bodies[fmt])
    assert validate_tracking_number(number, fmt) == number


def test_unknown_format_is_a_readable_error():
    with pytest.raises(TrackingNumberError, match="carrier setup"):
        validate_tracking_number("123456", "dhl")


def test_catalogue_finds_carriers_and_services():
    cat = CarrierCatalogue(
        [Carrier(code="ups", name="UPS", tracking_format="ups",
                 services=[CarrierService(code="GND", name="Ground")])]
    )
    assert cat.service("ups", "GND").name == "Ground"
    assert cat.tracking_format("ups").code == "ups"
    with pytest.raises(UnknownCarrierError, match="not set up"):
        cat.carrier("dhl")
    with pytest.raises(UnknownCarrierError, match="no service"):
        cat.service("ups", "AIR")
