"""The rolling fund: a ledger whose balance pays the works of one home after another, never
more than it holds nor than a home's budget, repaid at sale; the figure by its definition."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from samen.energy import selectors
from samen.energy.models import FundHome
from samen.registry.models import Municipality
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_money_rolls_from_one_home_to_the_next(client, world):
    assert selectors.rolling_fund_homes(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) is None
    login(client, "coordinator")
    client.post(reverse("fund_capital"), {"amount": "50.000", "on": "15/01/2026",
                                          "note": "Stad Kortrijk"})  # fmt: skip
    login(client, "worker_kortrijk")
    response = client.post(reverse("fund_home_new", args=[world.person_kortrijk.pk]), {
        "membership": membership_of("worker_kortrijk").pk,
        "municipality": Municipality.objects.get(name="Kortrijk").pk,
        "address": "Kerkstraat 1", "assessment": "Vochtig, enkel glas, geen isolatie",
        "works": "Dak, ramen", "budget": "40.000", "selected_on": "01/02/2026",
    })  # fmt: skip
    home = FundHome.objects.get()
    assert response.url == reverse("fund_home", args=[home.pk])
    pay = reverse("fund_prefinance", args=[home.pk])
    response = client.post(pay, {"amount": "40.000,01", "on": "01/03/2026"}, follow=True)
    assert any("Het budget van de woning laat nog € 40.000,00 toe." in m
               for m in messages_of(response))  # fmt: skip
    client.post(pay, {"amount": "25.000", "on": "01/03/2026", "note": "Dakwerken"})
    home.refresh_from_db()
    assert (home.status, home.works_started_on) == ("works", dt.date(2026, 3, 1))
    client.post(pay, {"amount": "15.000", "on": "01/04/2026", "note": "Ramen"})
    assert selectors.fund_balance() == D("10000")
    # A second home: the fund holds € 10.000, so € 12.000 is refused.
    second = FundHome.objects.create(
        owner=world.person_kortrijk, desk=home.desk, municipality=home.municipality,
        address="Kerkstraat 3", assessment="x", works="y", budget=D("20000"),
        selected_on=dt.date(2026, 4, 1),
    )  # fmt: skip
    response = client.post(reverse("fund_prefinance", args=[second.pk]),
                           {"amount": "12.000", "on": "02/04/2026"}, follow=True)  # fmt: skip
    assert any("Het fonds heeft nog € 10.000,00." in m for m in messages_of(response))
    # The first home is sold: the money comes back and pays the second one.
    client.post(reverse("fund_repay", args=[home.pk]), {"amount": "40.000", "on": "01/09/2026",
                                                        "note": "Notariële akte"})  # fmt: skip
    client.post(reverse("fund_prefinance", args=[second.pk]),
                {"amount": "12.000", "on": "02/09/2026"})  # fmt: skip
    assert selectors.fund_balance() == D("38000")
    by_month = dict(selectors.fund_balance_by_month(12, today=dt.date(2026, 12, 15)))
    assert by_month[dt.date(2026, 2, 28)] == D("50000")
    assert by_month[dt.date(2026, 4, 30)] == D("10000")
    assert by_month[dt.date(2026, 9, 30)] == D("38000")
    # Both homes started works with the fund's money in 2026; none in 2025.
    assert selectors.rolling_fund_homes(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 2
    assert selectors.rolling_fund_homes(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 0
    page = client.get(reverse("rolling_fund")).content.decode()
    assert "Saldo vandaag: € 38.000,00" in page and "<svg" in page
    login(client, "worker_menen")  # another OCMW's owner
    assert client.get(reverse("fund_home", args=[home.pk])).status_code == 404
    assert str(world.person_kortrijk) not in client.get(reverse("rolling_fund")).content.decode()
