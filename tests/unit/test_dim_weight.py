"""DIM weight and billed weight: integer arithmetic, measured size before box size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station.domain.dim_weight import DimsSource, billed_weight, dim_weight_g
from station.domain.model import Dimensions, Packaging

mm = st.integers(min_value=1, max_value=3000)
divisors = st.sampled_from([5000, 6000, 8000, 4000, 7000])


def box(length: int, width: int, height: int) -> Packaging:
    return Packaging("B1", "Box", "BOX-1", Dimensions(length, width, height), 120, 20_000)


def test_worked_example_cn_express():
    # 30 × 20 × 15 cm = 9000 cm³ / 6000 = 1.5 kg
    assert dim_weight_g(Dimensions(300, 200, 150), 6000) == 1500
    # and by EMS's 5000: 1.8 kg
    assert dim_weight_g(Dimensions(300, 200, 150), 5000) == 1800


def test_rounds_up_to_the_next_gram():
    assert dim_weight_g(Dimensions(101, 100, 100), 6000) == 169  # 168.33 g -> 169 g


def test_light_bulky_parcel_is_billed_by_volume():
    b = billed_weight(800, 6000, measured=Dimensions(400, 300, 200))
    assert (b.dim_weight_g, b.billed_g, b.by_volume) == (4000, 4000, True)
    assert b.dims_source is DimsSource.MEASURED


def test_heavy_small_parcel_is_billed_by_weight():
    b = billed_weight(5200, 6000, box=box(200, 150, 100))
    assert (b.dim_weight_g, b.billed_g, b.by_volume) == (500, 5200, False)
    assert b.dims_source is DimsSource.BOX and b.dims == Dimensions(200, 150, 100)


def test_box_size_as_the_label_step_has_it():
    b = billed_weight(300, 5000, box=Dimensions(300, 200, 150))
    assert (b.billed_g, b.dims_source) == (1800, DimsSource.BOX)


def test_measured_size_wins_over_the_box():
    b = billed_weight(100, 6000, measured=Dimensions(300, 300, 300), box=box(100, 100, 100))
    assert b.dims == Dimensions(300, 300, 300) and b.billed_g == 4500


def test_no_divisor_or_no_size_bills_actual_weight():
    assert billed_weight(900, None, box=box(600, 600, 600)).billed_g == 900
    none = billed_weight(900, 6000)
    assert (none.billed_g, none.dim_weight_g, none.dims_source) == (900, None, DimsSource.NONE)
    unknown = billed_weight(900, 6000, measured=Dimensions(0, 10, 10))
    assert unknown.dims_source is DimsSource.NONE


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        dim_weight_g(Dimensions(1, 1, 1), 0)
    with pytest.raises(ValueError):
        billed_weight(-1, 6000)


@given(mm, mm, mm, divisors)
def test_dim_weight_is_the_exact_ceiling(length, width, height, divisor):
    dims = Dimensions(length, width, height)
    g = dim_weight_g(dims, divisor)
    # g is the smallest whole gram with g / 1000 kg >= L×W×H cm³ / divisor
    assert g * divisor >= dims.volume_mm3 > (g - 1) * divisor


@given(st.integers(0, 100_000), mm, mm, mm, divisors)
def test_billed_is_the_larger_of_actual_and_dim(actual, length, width, height, divisor):
    b = billed_weight(actual, divisor, measured=Dimensions(length, width, height))
    assert b.dim_weight_g is not None
    assert b.billed_g == max(actual, b.dim_weight_g) >= actual
