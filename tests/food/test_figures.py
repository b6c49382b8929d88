"""Every food.* key figure against a hand-computed fixture (../shared/key-figures.md)."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from samen.food import selectors
from samen.food.models import (
    Delivery,
    Lot,
    Order,
    OrderLine,
    Product,
    Shift,
    ShopDay,
    StockEvent,
    Trainee,
)
from samen.registry.models import Municipality, Organisation
from tests.conftest import user_of

pytestmark = pytest.mark.django_db
BXL = ZoneInfo("Europe/Brussels")
YEAR = (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BXL)


@pytest.fixture
def year(db, settings):
    settings.SAMEN_FOOD_YEARLY_TARGET_KG = 100
    kortrijk, menen = (Municipality.objects.get(name=n) for n in ("Kortrijk", "Menen"))
    donors = [
        Organisation.objects.create(name=f"Donor {c}", kind="donor", municipality=m)
        for c, m in (("A", kortrijk), ("B", menen), ("C", menen))
    ]
    product = Product.objects.get(name="Appels")
    trainee_user = user_of("trainee")

    def lot(donor, kg, when, decision="accepted"):
        return Lot.objects.create(
            product=product,
            donor=donor,
            kg=D(kg),
            received_at=when,
            received_by=trainee_user,
            date_kind="none",
            decision=decision,
        )

    lots = [
        lot(donors[0], "10", at(2018, 3, 1, 9)),
        lot(donors[0], "5.5", at(2018, 3, 1, 15)),
        lot(donors[1], "4", at(2018, 3, 2, 8)),
        lot(donors[2], "3", at(2018, 3, 2, 8), decision="refused"),  # never taken in
        lot(donors[1], "2", at(2018, 12, 31, 23, 30), decision="quarantined"),
        lot(donors[1], "7", at(2019, 1, 1, 0, 30)),  # 31/12 in UTC, 2019 in Brussels
    ]
    for lot_, kg, when in (
        (lots[0], "-1.5", at(2018, 6, 1, 10)),
        (lots[2], "-0.5", at(2019, 2, 1, 10)),
    ):
        StockEvent.objects.create(
            lot=lot_, kind="write_off", kg=D(kg), at=when, actor=trainee_user, reason="expired"
        )
    orgs = [
        Organisation.objects.create(name=f"Org {c}", kind="food_organisation", municipality=m)
        for c, m in (("X", kortrijk), ("Y", menen), ("Z", menen))
    ]
    coordinator = user_of("hub_coordinator")
    days = {
        d: ShopDay.objects.create(
            date=d, cut_off=at(d.year, d.month, d.day, 10), published_by=coordinator
        )
        for d in (dt.date(2018, 3, 2), dt.date(2018, 12, 31))
    }

    def order(org, day, kg, received, delivered_at):
        o = Order.objects.create(day=days[day], organisation=org, created_by=coordinator)
        OrderLine.objects.create(
            order=o,
            product=product,
            kg=D(kg),
            granted_kg=D(kg),
            received_kg=D(received) if received else None,
        )
        if delivered_at:
            Delivery.objects.create(
                order=o, delivered_at=delivered_at, receiver_name="R", confirmed_by=coordinator
            )

    order(orgs[0], dt.date(2018, 3, 2), "6", "6", at(2018, 3, 2, 11))
    order(orgs[1], dt.date(2018, 3, 2), "3", "2.5", at(2018, 3, 3, 11))
    order(orgs[2], dt.date(2018, 12, 31), "4", "4", at(2019, 1, 2, 11))
    trainees = [
        Trainee.objects.create(
            first_name=f"T{i}",
            last_name="T",
            contract_start=dt.date(2018, 1, 1),
            referred_by=donors[0] if i == 1 else None,
        )
        for i in (1, 2, 3)
    ]
    for trainee, day in (
        (trainees[0], dt.date(2018, 5, 1)),
        (trainees[0], dt.date(2018, 5, 2)),
        (trainees[1], dt.date(2018, 5, 2)),
        (trainees[2], dt.date(2019, 1, 3)),
    ):
        Shift.objects.create(
            trainee=trainee,
            date=day,
            kind="intake",
            start=dt.time(8),
            end=dt.time(12),
            planned_by=coordinator,
        )
    return {"kortrijk": kortrijk}


def test_the_food_figures_of_2018_by_hand(year):
    assert selectors.food_figures(*YEAR) == {
        "food.collected_kg": 21.5,  # 10 + 5.5 + 4 + 2 (quarantined is taken in)
        "food.collected_kg_per_day": 7.2,  # 21.5 kg / 3 days (01/03, 02/03, 31/12)
        "food.distributed_kg": 8.5,  # 6 + 2.5 received; Z was delivered in 2019
        "food.wasted_kg": 1.5,
        "food.organisations_ordering": 3,  # X, Y and Z ordered in 2018
        "food.donors": 2,  # A and B; C was refused at the door
        "food.co2e_avoided_kg": 21.25,  # 8.5 × 2.5
        "food.trainees_active": 2,  # distinct trainees, not shifts
        "food.target_progress": 0.085,  # 8.5 / 100 (the configured target)
    }


def test_the_food_figures_of_kortrijk_only(year):
    figures = selectors.food_figures(*YEAR, municipality=year["kortrijk"])
    assert figures["food.collected_kg"] == 15.5 and figures["food.collected_kg_per_day"] == 15.5
    assert figures["food.distributed_kg"] == 6.0 and figures["food.donors"] == 1
    assert figures["food.organisations_ordering"] == 1 and figures["food.wasted_kg"] == 1.5
    assert figures["food.trainees_active"] == 1  # referred by an organisation in Kortrijk


def test_a_period_without_any_hub_record_is_null_not_zero(year):
    figures = selectors.food_figures(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert set(figures.values()) == {None} and len(figures) == 9


def test_a_period_with_records_but_no_match_is_zero(year):
    figures = selectors.food_figures(dt.date(2019, 1, 1), dt.date(2019, 1, 1))
    assert figures["food.collected_kg"] == 7.0  # the lot at 00:30 on New Year's day
    assert figures["food.distributed_kg"] == 0 and figures["food.trainees_active"] == 0


def test_the_hub_dashboard_draws_the_year_so_far(db, persona_client):
    from django.urls import reverse

    page = persona_client("hub_coordinator").get(reverse("food_dashboard"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'role="img"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]  # CSP-safe


def test_the_chart_escapes_its_labels():
    from samen.core.charts import grouped_bars

    svg = grouped_bars("<b>t</b>", ["<x>"], {"a&b": [1]})
    assert "<b>" not in svg and "&lt;x&gt;" in svg and "a&amp;b" in svg


def test_the_demo_year_adds_up_and_leaves_no_stock_behind(db):
    """~1,200 kg a weekday taken in; everything shared out or written off the same day."""
    from samen.food import demo
    from samen.registry import demo as registry_demo

    registry_demo.build_users()
    demo.build(seed=1)
    demo.build_year(seed=1, progress=False, days=21)
    from django.utils import timezone

    today = timezone.localdate()
    figures = selectors.food_figures(today - dt.timedelta(days=22), today)
    assert 900 < figures["food.collected_kg_per_day"] < 1500
    assert figures["food.collected_kg"] == pytest.approx(
        figures["food.distributed_kg"] + figures["food.wasted_kg"], abs=0.01
    )
    assert selectors.stock_totals()["lots"] == 0
    lots = Lot.objects.count()
    demo.build_year(seed=1, progress=False, days=21)  # again: nothing changes
    assert Lot.objects.count() == lots


def test_the_last_two_weeks_per_day(year, settings):
    dates, daily = selectors.daily_kg(dt.date(2018, 3, 3), days=3)
    assert dates == [dt.date(2018, 3, 1), dt.date(2018, 3, 2), dt.date(2018, 3, 3)]
    assert daily["collected"] == [D("15.5"), D("4"), D("0")]
    assert daily["distributed"] == [D("0"), D("6"), D("2.5")]


def test_per_week_by_its_monday(year):
    mondays, weekly = selectors.weekly_kg(dt.date(2018, 3, 7), weeks=2)
    assert mondays == [dt.date(2018, 2, 26), dt.date(2018, 3, 5)]
    assert weekly["collected"] == [D("19.5"), D("0")]  # 1/3 and 2/3 are in the week of 26/2
    assert weekly["distributed"] == [D("8.5"), D("0")]
