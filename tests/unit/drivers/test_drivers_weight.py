"""Weights stay exact: Decimal amount + unit, whole grams for the core, no float anywhere."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.errors import ProtocolError
from drivers.weight import Unit, Weight, parse_amount, parse_unit


@pytest.mark.parametrize(
    ("amount", "unit", "grams", "milligrams"),
    [
        ("100.00", "g", 100, 100_000),
        ("1.250", "kg", 1250, 1_250_000),
        ("  -12.340", "kg", -12340, -12_340_000),
        ("1.25", "lb", 567, 566_990),  # 1.25 × 453.59237 g = 566.9905 g
        ("16", "oz", 454, 453_592),  # 16 oz = 1 lb = 453.59237 g
        ("0.5", "g", 0, 500),  # half-to-even: 0.5 g → 0 g
        ("1.5", "g", 2, 1500),
        ("250", "mg", 0, 250),
        ("- 0001.250", "kg", -1250, -1_250_000),
    ],
)
def test_weights_convert_exactly_to_grams(amount, unit, grams, milligrams):
    weight = Weight.parse(amount, unit)
    assert weight.grams == grams
    assert weight.milligrams == milligrams
    assert isinstance(weight.grams, int)


@pytest.mark.parametrize("text", ["", "abc", "1e3", "NaN", "Infinity", "1.2.3", "--1", "1,5", "+"])
def test_non_numbers_are_rejected_with_a_sentence(text):
    with pytest.raises(ProtocolError, match="not a number"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "unit"), [("G", Unit.GRAM), ("KG", Unit.KILOGRAM), ("lbs", Unit.POUND)]
)
def test_units_are_read_case_insensitively(text, unit):
    assert parse_unit(text) is unit


def test_unknown_unit_names_the_unit():
    with pytest.raises(ProtocolError, match="'ct'"):
        parse_unit("ct")


@given(st.integers(-(10**9), 10**9))
def test_whole_grams_round_trip(grams):
    assert Weight.from_grams(grams).grams == grams
    assert Weight(Decimal(grams).scaleb(-3), Unit.KILOGRAM).grams == grams


def test_scaled_amounts_are_plain_decimals():
    from drivers.weight import scaled

    assert str(scaled(1250, -3)) == "1.250"
    assert str(scaled(12, 2)) == "1200"
    assert str(Weight(scaled(12, 2), Unit.POUND)) == "1200 lb"
