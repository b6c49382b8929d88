"""Amounts as Belgians type them."""

from decimal import Decimal as D

import pytest
from django import forms

from samen.core.forms import EuroField as Euro


@pytest.mark.parametrize("typed, read", [
    ("4.250,50", D("4250.50")), ("4250,50", D("4250.50")), ("€ 4.250", D("4250")),
    ("4250.50", D("4250.50")), ("1.234.567,8", D("1234567.8")), ("0,5", D("0.5")),
])  # fmt: skip
def test_amounts_in_belgian_notation(typed, read):
    assert Euro(decimal_places=2).clean(typed) == read


def test_a_dot_that_is_no_thousands_separator_stays_a_decimal_point():
    assert Euro(decimal_places=2).clean("4.25") == D("4.25")
    with pytest.raises(forms.ValidationError):
        Euro(decimal_places=2).clean("4,250,50")
