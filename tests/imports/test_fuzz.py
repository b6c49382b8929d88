"""Hypothesis on every cell parser of the imports, on the file readers, and on the form
fields people type INSZ numbers, IBANs, dates and amounts into: whatever comes in, the
answer is a value or a clear Dutch message — never a crash."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from samen.core.forms import IbanField, euro_field
from samen.imports import framework, parsers
from samen.registry.forms import DateField

cells = st.text(max_size=40) | st.from_regex(r"[0-9 .,/€+eE-]{0,20}", fullmatch=True)
fuzz = settings(max_examples=300, deadline=None)

PARSERS = {
    "text": parsers.text, "date": parsers.date, "whole": parsers.whole,
    "boolean": parsers.boolean, "decimal": parsers.decimal, "insz": parsers.insz,
    "email": parsers.email, "choice": parsers.choice({"ja": "y", "nee": "n"}),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PARSERS))
@fuzz
@given(value=cells)
@example(value="NaN")
@example(value="Infinity")
@example(value="1e999999")
@example(value="²")
@example(value="31/02/2018")
@example(value="\x00")
def test_a_cell_parser_gives_a_value_or_a_dutch_reason(name, value):
    try:
        result = PARSERS[name](value)
    except ValueError as exc:
        assert "is geen" in str(exc)  # the Dutch reason, not a Python message
        return
    if name == "decimal":
        assert result.is_finite()
    if name == "whole":
        assert isinstance(result, int) and result >= 0
    if name == "date":
        assert isinstance(result, dt.date)


@fuzz
@given(body=st.binary(max_size=400))
@example(body=b"a;b\n" + b"x" * 140_000 + b";1\n")
@example(body=b"\xff\xfe\x00")
def test_any_bytes_as_csv_read_or_refused_in_dutch(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("csv") / "bestand.csv"
    path.write_bytes(body)
    try:
        headers, rows, _comma = framework.read_table(path)
    except ValidationError as exc:
        assert " ".join(exc.messages).startswith("Het bestand is ")
        return
    assert all(isinstance(h, str) for h in headers) and isinstance(rows, list)


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=400))
def test_any_bytes_as_xlsx_refused_in_dutch(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("xlsx") / "bestand.xlsx"
    path.write_bytes(body)
    with pytest.raises(ValidationError, match="geen leesbaar Excel-bestand"):
        framework.read_table(path)


class Fields(forms.Form):
    iban = IbanField(required=False)
    day = DateField(required=False)
    amount = euro_field("Bedrag", required=False)


@pytest.mark.parametrize("field", ["iban", "day", "amount"])
@fuzz
@given(value=cells)
@example(value="BE71 0961 2345 6769")
@example(value="NaN")
@example(value="1e999999")
@example(value="4.250,50")
@example(value="29/02/2023")
def test_a_form_field_gives_a_value_or_a_message_on_that_field(field, value):
    form = Fields({field: value})
    if form.is_valid():
        cleaned = form.cleaned_data[field]
        if field == "amount" and cleaned is not None:
            assert isinstance(cleaned, Decimal) and cleaned.is_finite()
    else:
        assert list(form.errors) == [field] and all(form.errors[field])


@fuzz
@given(value=cells)
@example(value="85.07.30-033.61")
def test_insz_is_checked_by_its_check_digits(value):
    from samen.registry import insz

    try:
        compact = insz.validate(value)
    except ValidationError as exc:
        assert "rijksregister" in " ".join(exc.messages)
        return
    assert len(compact) == 11 and compact.isdigit()


def test_known_good_and_bad_values():
    assert parsers.decimal("4.250,50") == Decimal("4250.50")
    assert parsers.whole(" 12 ") == 12
    for bad in ("NaN", "1e40", "²"):
        with pytest.raises(ValueError, match="is geen"):
            (parsers.whole if bad == "²" else parsers.decimal)(bad)
    assert Fields({"iban": "be71 0961 2345 6769"}).is_valid()
    form = Fields({"iban": "BE71 0961 2345 6768"})
    assert not form.is_valid() and "geen geldig IBAN" in form.errors["iban"][0]


@fuzz
@given(
    body=st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: ("datum;bedrag\n" + t).encode())
)
@example(body=b"datum;bedrag\n01/02/2024;NaN\n")
@example(body=b"datum;bedrag\n01/02/2024;1e30\n")
@example(body=b"datum;bedrag\n" + b"x" * 140_000 + b"\n")
def test_any_bank_export_is_read_or_refused_line_by_line(body):
    from samen.budget import bank

    try:
        lines = bank.read(body)
    except bank.BankFileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        return
    for line in lines:
        assert line.amount.is_finite() and abs(line.amount) < 10**7 and line.amount != 0
