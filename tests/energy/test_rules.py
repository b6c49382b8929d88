"""The Energiehuis loan rules, without a database: which loan a date of application gets,
eligibility explained per criterion, and repayment schedules against hand computations."""

import datetime as dt
from decimal import Decimal as D

from samen.energy import rules

ENERGY_THRESHOLD = (D("31520"), D("1760"))


def test_the_product_follows_the_date_of_application():
    assert rules.product_for(dt.date(2022, 8, 31)).code == rules.ENERGY_LOAN
    assert rules.product_for(dt.date(2022, 9, 1)).code == rules.VERBOUWLENING


def test_a_rate_is_looked_up_by_the_day_of_application():
    rates = [(day, rate) for product, _t, day, rate, _s in rules.INITIAL_RATES
             if product == rules.VERBOUWLENING]  # fmt: skip
    assert rules.value_on(rates, dt.date(2023, 1, 31)) == D("0")
    assert rules.value_on(rates, dt.date(2023, 2, 1)) == D("2.25")
    assert rules.value_on(rates, dt.date(2024, 2, 23)) == D("2.25")
    assert rules.value_on(rates, dt.date(2024, 2, 24)) == D("2.75")
    assert rules.value_on(rates, dt.date(2022, 8, 31)) is None


def test_energy_loan_priority_group_at_the_income_limit():
    # 31.520 + 2 × 1.760 = 35.040: at the limit counts, one cent over does not.
    def verdict(income, **extra):
        return rules.eligibility(rules.Application(
            applied_on=dt.date(2018, 6, 1), amount=D("8000"), months=120, dependants=2,
            taxable_income=D(income), **extra), threshold=ENERGY_THRESHOLD)  # fmt: skip

    at = verdict("35040")
    assert at.eligible and at.target == "priority"
    over = verdict("35040.01")
    assert over.eligible and over.target == "standard"
    assert "Geen grond voor de voorrangsdoelgroep" in over.criteria[-1].explanation
    protected = verdict("50000", grounds=("protected_customer",))
    assert protected.target == "priority"
    assert "beschermde afnemer" in protected.criteria[-1].explanation


def test_energy_loan_amount_and_term_limits():
    def eligible(amount, months):
        return rules.eligibility(rules.Application(
            applied_on=dt.date(2019, 1, 1), amount=D(amount), months=months,
            taxable_income=D("20000")), threshold=ENERGY_THRESHOLD).eligible  # fmt: skip

    assert eligible("1250", 120) and eligible("15000", 1)
    assert not eligible("1249.99", 120) and not eligible("15000.01", 120)
    assert not eligible("5000", 121)


def test_verbouwlening_explains_each_criterion():
    verdict = rules.eligibility(rules.Application(
        applied_on=dt.date(2024, 3, 1), amount=D("60000"), months=300, home_built=2010,
        household="single", dependants=1, taxable_income=D("50000"),
    ), threshold=(D("43460"), D("3700")))  # fmt: skip
    by_name = {c.name: c for c in verdict.criteria}
    assert not verdict.eligible
    assert not by_name["woning"].met and "14 jaar oud; minstens 15" in by_name["woning"].explanation
    assert not by_name["inkomen"].met and "grens € 47.160,00" in by_name["inkomen"].explanation
    assert by_name["bedrag"].met and by_name["looptijd"].met
    old_home = rules.eligibility(rules.Application(
        applied_on=dt.date(2024, 3, 1), amount=D("60000"), months=300, home_built=2009,
        dependants=1, taxable_income=D("47160"),
    ), threshold=(D("43460"), D("3700")))  # fmt: skip
    assert old_home.eligible and old_home.target == "all"


def test_a_schedule_computed_by_hand():
    # € 1.000 at 2 % a year over 3 months. Monthly rate 1,02^(1/12) − 1 = 0,0016515813.
    # Payment 1000 × r × (1+r)³ / ((1+r)³ − 1) = 334,4349 → € 334,43.
    # 1: interest 1,6516 → 1,65; principal 332,78; balance 667,22.
    # 2: interest 667,22 × r = 1,1020 → 1,10; principal 333,33; balance 333,89.
    # 3: interest 333,89 × r = 0,5514 → 0,55; the last pays the balance: 334,44.
    rows = rules.schedule(D("1000"), D("2"), 3, dt.date(2018, 3, 1))
    assert rules.monthly_rate(D("2")) == D("0.001651581302")
    assert [(r.payment, r.interest, r.principal, r.balance) for r in rows] == [
        (D("334.43"), D("1.65"), D("332.78"), D("667.22")),
        (D("334.43"), D("1.10"), D("333.33"), D("333.89")),
        (D("334.44"), D("0.55"), D("333.89"), D("0.00")),
    ]
    assert [r.due for r in rows] == [dt.date(2018, 3, 1), dt.date(2018, 4, 1), dt.date(2018, 5, 1)]


def test_a_zero_rate_schedule_repays_exactly_and_ends_of_month_stay_ends():
    rows = rules.schedule(D("1000"), D("0"), 3, dt.date(2018, 1, 31))
    assert [r.payment for r in rows] == [D("333.33"), D("333.33"), D("333.34")]
    assert [r.due for r in rows] == [dt.date(2018, 1, 31), dt.date(2018, 2, 28),
                                     dt.date(2018, 3, 31)]  # fmt: skip


def test_long_schedules_repay_the_amount_to_the_cent():
    for amount, rate, months in ((D("15000"), D("2"), 120), (D("60000"), D("2.75"), 300),
                                 (D("1250"), D("0"), 120)):  # fmt: skip
        rows = rules.schedule(amount, rate, months, dt.date(2024, 3, 1))
        assert sum(r.principal for r in rows) == amount and rows[-1].balance == 0
        # Equal payments; the last one absorbs the rounding: at most half a cent a month.
        assert len({r.payment for r in rows[:-1]}) == 1
        assert abs(rows[-1].payment - rows[0].payment) <= months * D("0.005")
