"""Weights exactly as the scale displayed them: a Decimal amount and a unit, never a float."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from drivers.errors import ProtocolError
from drivers.i18n import _


class Unit(StrEnum):
    MILLIGRAM = "mg"
    GRAM = "g"
    KILOGRAM = "kg"
    OUNCE = "oz"
    POUND = "lb"


# Exact legal definitions: 1 lb = 453.59237 g, 1 oz = 1/16 lb.
_MILLIGRAMS_PER: dict[Unit, Decimal] = {
    Unit.MILLIGRAM: Decimal(1),
    Unit.GRAM: Decimal(1000),
    Unit.KILOGRAM: Decimal(1_000_000),
    Unit.OUNCE: Decimal("28349.523125"),
    Unit.POUND: Decimal("453592.37"),
}

_UNIT_NAMES: dict[str, Unit] = {
    "mg": Unit.MILLIGRAM,
    "g": Unit.GRAM,
    "kg": Unit.KILOGRAM,
    "oz": Unit.OUNCE,
    "lb": Unit.POUND,
    "lbs": Unit.POUND,
}

# Sign, optional blanks (some indicators pad between sign and digits), digits with at most one
# decimal point. Deliberately no exponent, NaN or Infinity, which Decimal() would accept.
_AMOUNT = re.compile(r"\s*([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)\s*")


def scaled(value: int, exponent: int) -> Decimal:
    """``value × 10**exponent`` as a plain Decimal: (1250, -3) → 1.250; (12, 2) → 1200."""
    if exponent >= 0:
        return Decimal(value * 10**exponent)
    return Decimal(value).scaleb(exponent)


def parse_unit(text: str) -> Unit:
    """The unit named by a scale (``g``, ``kg``, ``lb``, ``oz``, ``mg``), case-insensitive."""
    unit = _UNIT_NAMES.get(text.strip().lower())
    if unit is None:
        raise ProtocolError(
            _("The scale reports an unknown weight unit: {unit!r}.").format(unit=text)
        )
    return unit


def parse_amount(text: str) -> Decimal:
    """A displayed number such as ``'  -12.340'`` as an exact Decimal."""
    match = _AMOUNT.fullmatch(text)
    if match is None or len(text) > 32:
        raise ProtocolError(
            _("The scale sent a weight that is not a number: {text!r}.").format(text=text)
        )
    sign, digits = match.groups()
    return Decimal(sign + digits)


@dataclass(frozen=True, slots=True)
class Weight:
    """A weight as displayed by the scale. ``grams`` is what the core uses."""

    amount: Decimal
    unit: Unit

    @classmethod
    def parse(cls, amount: str, unit: str | Unit) -> Weight:
        """Build from the scale's text fields; raises ProtocolError on anything else."""
        return cls(parse_amount(amount), unit if isinstance(unit, Unit) else parse_unit(unit))

    @classmethod
    def from_grams(cls, grams: int) -> Weight:
        return cls(Decimal(grams), Unit.GRAM)

    @property
    def milligrams(self) -> int:
        """Whole milligrams, rounded half-to-even."""
        exact = self.amount * _MILLIGRAMS_PER[self.unit]
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    @property
    def grams(self) -> int:
        """Whole grams, rounded half-to-even (the core works in integer grams)."""
        exact = self.amount * _MILLIGRAMS_PER[self.unit] / 1000
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value}"
