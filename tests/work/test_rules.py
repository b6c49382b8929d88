"""The legal rules of wijk-werken, each at its boundary."""

import datetime as dt
from decimal import Decimal as D

import pytest

from samen.work import rules


def test_only_the_four_prices_and_a_change_waits_for_1_january():
    assert [rules.price_allowed(D(p)) for p in ("5.95", "6.45", "6.95", "7.45")] == [True] * 4
    assert not rules.price_allowed(D("7.00")) and not rules.price_allowed(D("7.46"))
    assert rules.price_effective_from(dt.date(2018, 6, 15)) == dt.date(2019, 1, 1)
    assert rules.price_effective_from(dt.date(2018, 12, 31)) == dt.date(2019, 1, 1)
    prices = [(dt.date(2018, 1, 1), D("6.95")), (dt.date(2019, 1, 1), D("7.45"))]
    assert rules.price_on(prices, dt.date(2018, 12, 31)) == D("6.95")
    assert rules.price_on(prices, dt.date(2019, 1, 1)) == D("7.45")
    with pytest.raises(ValueError, match="geen chequeprijs op 31/12/2017"):
        rules.price_on(prices, dt.date(2017, 12, 31))


@pytest.mark.parametrize(("hours", "cheques"), [("0.25", 1), ("1", 1), ("1.01", 2), ("2.5", 3),
                                                ("3", 3)])  # fmt: skip
def test_one_cheque_per_started_hour(hours, cheques):
    assert rules.cheques_for(D(hours)) == cheques


def test_no_cheques_for_no_work():
    with pytest.raises(ValueError):
        rules.cheques_for(D(0))


def test_sixty_hours_a_month_exactly_and_not_a_quarter_more():
    rules.check_hours(month_hours=D(57), year_hours=D(300), adding=D(3))  # 60: allowed
    with pytest.raises(rules.LimitError) as error:
        rules.check_hours(month_hours=D(57), year_hours=D(300), adding=D("3.25"), worker="Jan")
    assert str(error.value).startswith("Jan: maximaal 60 uur per maand")
    assert "al 57 uur deze maand, deze prestatie zou 60,25 uur maken" in str(error.value)


def test_six_hundred_thirty_hours_a_year_at_its_boundary():
    rules.check_hours(month_hours=D(10), year_hours=D(626), adding=D(4))  # 630: allowed
    with pytest.raises(rules.LimitError, match="maximaal 630 uur per jaar"):
        rules.check_hours(month_hours=D(10), year_hours=D(626), adding=D("4.5"))


def test_twelve_months_except_for_former_pwa_workers():
    started = dt.date(2018, 1, 15)
    assert rules.months_limit_ends(started, ex_pwa=False) == dt.date(2019, 1, 14)
    rules.check_period(started=started, on=dt.date(2019, 1, 14), ex_pwa=False)
    with pytest.raises(rules.LimitError, match="tot en met 14/01/2019"):
        rules.check_period(started=started, on=dt.date(2019, 1, 15), ex_pwa=False)
    rules.check_period(started=started, on=dt.date(2021, 6, 1), ex_pwa=True)
    assert rules.months_limit_ends(started, ex_pwa=True) is None
    # Twelve months: up to the day before the same date a year later.
    assert rules.months_limit_ends(dt.date(2019, 3, 31), ex_pwa=False) == dt.date(2020, 3, 30)
    assert rules.months_limit_ends(dt.date(2019, 1, 31), ex_pwa=False) == dt.date(2020, 1, 30)
    with pytest.raises(rules.LimitError, match="voor de start"):
        rules.check_period(started=started, on=dt.date(2018, 1, 14), ex_pwa=False)


@pytest.mark.parametrize(("hours", "km", "amount"), [
    ("3", "10", "12.30"),  # 10 km round trip: not more than 10, no km allowance
    ("3", "10.1", "13.82"),  # 12.30 + 10.1 × 0.15 = 13.815 → 13.82
    ("2.5", "24", "13.85"),  # 10.25 + 3.60
    ("1", "0", "4.10"),
])  # fmt: skip
def test_the_allowance(hours, km, amount):
    assert rules.allowance(hours=D(hours), round_trip_km=D(km)) == D(amount)


def test_the_tax_reduction_changes_on_1_january_2020():
    assert rules.tax_reduction(amount=D("74.50"), bought_on=dt.date(2019, 12, 31)) == D("22.35")
    assert rules.tax_reduction(amount=D("74.50"), bought_on=dt.date(2020, 1, 1)) == D("14.90")
    with pytest.raises(ValueError):
        rules.tax_reduction(amount=D("10"), bought_on=dt.date(2017, 12, 31))


def test_every_rule_names_its_source_and_start():
    named = [v for v in vars(rules).values() if isinstance(v, rules.Rule)]
    named += list(rules.TAX_REDUCTION)
    assert len(named) >= 8
    assert all(r.source and r.valid_from >= rules.START for r in named)


def test_hours_are_written_as_people_write_them():
    from samen.work.rules import hours_text

    assert [hours_text(D(h)) for h in ("59.00", "60.50", "2.25", "0.5", "630")] == [
        "59", "60,5", "2,25", "0,5", "630"]  # fmt: skip
