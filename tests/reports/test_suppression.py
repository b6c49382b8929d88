"""Small-cell suppression in published output: people counts from 1 to 4 show as "<5" and
no group that adds up to a published total has exactly one hidden cell."""

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samen.housing.models import CrisisAdmission, CrisisBed
from samen.registry.models import Municipality, Organisation, Person
from samen.reports import open_data, services
from samen.reports.suppression import HIDDEN, suppress_breakdown, suppress_cells
from tests.conftest import user_of

BXL = zoneinfo.ZoneInfo("Europe/Brussels")


def test_a_small_cell_hides_and_takes_the_smallest_other_with_it():
    shown = suppress_breakdown({"tenant": 3, "temporary": 12, "homeless": 40, "owner": 0})
    assert shown == {"tenant": HIDDEN, "temporary": HIDDEN, "homeless": 40, "owner": 0}


def test_two_small_cells_protect_each_other():
    shown = suppress_breakdown({"a": 1, "b": 4, "c": 30})
    assert shown == {"a": HIDDEN, "b": HIDDEN, "c": 30}


def test_nothing_small_nothing_hidden_and_zero_is_no_person():
    breakdown = {"a": 0, "b": 5, "c": 17}
    assert suppress_breakdown(breakdown) == breakdown
    assert suppress_breakdown(None) is None


def test_rows_and_columns_both_hold():
    # Two municipalities × two situations; the row and column totals are published.
    values = {("K", "x"): 2, ("K", "y"): 20, ("M", "x"): 30, ("M", "y"): 40}
    groups = [[("K", "x"), ("K", "y")], [("M", "x"), ("M", "y")],
              [("K", "x"), ("M", "x")], [("K", "y"), ("M", "y")]]  # fmt: skip
    shown = suppress_cells(values, groups)
    # K/x is small; its row takes K/y, its column M/x; then M's row and y's column have
    # one hidden cell each, so M/y goes too: nothing can be subtracted back.
    assert all(v == HIDDEN for v in shown.values())


cells = st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 3)),
                        st.integers(0, 40), min_size=1, max_size=24)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(cells)
def test_no_group_ever_has_exactly_one_hidden_cell(values):
    rows = {}
    cols = {}
    for key in values:
        rows.setdefault(key[0], []).append(key)
        cols.setdefault(key[1], []).append(key)
    groups = [*rows.values(), *cols.values()]
    shown = suppress_cells(values, groups)
    for key, value in values.items():
        if 0 < value < 5:
            assert shown[key] == HIDDEN
        if shown[key] != HIDDEN:
            assert shown[key] == value
    for group in groups:
        hidden = [k for k in group if shown[k] == HIDDEN]
        others = [k for k in group if shown[k] != HIDDEN]
        assert len(hidden) != 1 or not others, (group, shown)


@pytest.mark.django_db
def test_open_data_hides_small_people_counts_but_not_the_regional_total(world):
    """Crisis persons: 7 by beds in Kortrijk, 3 in Menen. Published per municipality:
    Menen "<5", and Kortrijk too (else 10 − 7 gives Menen back); nights are not people."""
    kortrijk, menen = (Municipality.objects.get(name=n) for n in ("Kortrijk", "Menen"))
    beds = {town.name: CrisisBed.objects.create(
        partner=Organisation.objects.get(name=f"OCMW {town.name}"), label="1")
        for town in (kortrijk, menen)}  # fmt: skip
    worker = user_of("worker_kortrijk")
    day = dt.date(2018, 1, 10)
    for town, count in (("Kortrijk", 7), ("Menen", 3)):
        for n in range(count):
            start = dt.datetime.combine(day, dt.time(21), tzinfo=BXL)
            day += dt.timedelta(days=3)
            CrisisAdmission.objects.create(
                bed=beds[town], person=Person.objects.create(first_name=f"{town}{n}",
                                                             last_name="X"),
                organisation=beds[town].partner, admitted_by=worker, admitted_at=start,
                discharged_at=start + dt.timedelta(hours=12), reason="x",
                legal_basis="vital_interest",
            )  # fmt: skip
    rows = {r["municipality"]: r for r in open_data.table(dt.date(2018, 1, 1),
                                                          dt.date(2018, 12, 31))}  # fmt: skip
    assert rows["Menen"]["crisis.persons"] == HIDDEN
    assert rows["Kortrijk"]["crisis.persons"] == HIDDEN
    assert rows["Avelgem"]["crisis.persons"] == 0
    assert (rows["Kortrijk"]["crisis.nights"], rows["Menen"]["crisis.nights"]) == (7, 3)
    assert (rows["Kortrijk"]["crisis.admissions"], rows["Menen"]["crisis.admissions"]) == (7, 3)
    text = services.open_data_csv(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert text.startswith("\ufeffvan;tot;gemeente;nis_code;")
    menen_line = next(line for line in text.splitlines() if ";Menen;" in line)
    header = text.splitlines()[0].lstrip("\ufeff").split(";")
    assert menen_line.split(";")[header.index("crisis.persons")] == "<5"
    assert menen_line.split(";")[header.index("crisis.nights")] == "3"
    # The board's report is exact: the regional total as it is.
    from samen.reports.selectors import key_figures

    assert key_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))["crisis.persons"] == 10


@pytest.mark.django_db
def test_samen_export_open_data_writes_the_file(world, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    target = tmp_path / "open-data.csv"
    out = StringIO()
    call_command("export", "open-data", "2018", str(target), stdout=out)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeffvan;tot;gemeente;nis_code;")
    assert len(text.splitlines()) == 1 + Municipality.objects.count()
    assert f"{Municipality.objects.count()} gemeenten" in out.getvalue()
    with pytest.raises(CommandError, match="jaar: 1999"):
        call_command("export", "open-data", "1999", str(target))


def test_every_column_of_the_file_is_documented():
    from pathlib import Path

    from samen.reports.contract import IDS

    text = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text()
    assert all(f"`{key}`" in text for key in IDS)
