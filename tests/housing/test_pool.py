"""The dwelling pool: who fits a free dwelling, one offer at a time, occupation and its
outflow, the accelerated-allocation flag, vacancy days, and the kw.* pool figures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.housing import selectors, services
from samen.housing.models import Dwelling, Occupation, Situation
from samen.registry import services as registry
from samen.registry.models import Municipality, Organisation, Programme
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(world):
    return user_of("meldpunt_member")


def person(first):
    member = membership_of("worker_kortrijk")
    return registry.person_create(
        actor=member.user, membership=member, data={"first_name": first, "last_name": "Pool"},
        programme=Programme.objects.get(code="social_assistance"), legal_basis="legal_task",
        basis_note="OCMW-wet",
    )  # fmt: skip


def situation(lead, persons, urgency=3, accessible=False, towns=(), decided=True):
    s = services.situation_report(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        persons=persons, legal_basis="legal_task", justification="OCMW-wet",
        data={"living_situation": "street", "homeless_since": dt.date(2026, 1, 1),
              "vulnerability": 3, "urgency": urgency, "needs": ["housing"], "description": "x",
              "needs_accessible": accessible,
              "municipalities": [Municipality.objects.get(name=t) for t in towns]},
    )  # fmt: skip
    if decided:
        services.situation_decide(actor=lead, situation=s, decision="kracht_wonen", reason="ok")
    return s


def dwelling(town="Kortrijk", bedrooms=1, accessible=False, since=dt.date(2026, 1, 1)):
    return Dwelling.objects.create(
        manager=Organisation.objects.get(name="OCMW Kortrijk"), street="Straat 1", postcode="8500",
        municipality=Municipality.objects.get(name=town), kind="apartment", bedrooms=bedrooms,
        accessible=accessible, rent=480, since=since,
    )  # fmt: skip


def test_who_fits_a_free_dwelling_in_priority_order(lead):
    single_urgent = situation(lead, [person("A")], urgency=5)
    single = situation(lead, [person("B")], urgency=2)
    family = situation(lead, [person("C"), person("D"), person("E")])  # 3 persons
    wheelchair = situation(lead, [person("F")], accessible=True)
    menen_only = situation(lead, [person("G")], towns=["Menen"])
    situation(lead, [person("H")], decided=False)  # not decided yet: not offered anything
    home = dwelling(bedrooms=1)  # 2 places, not accessible, in Kortrijk
    assert [s.pk for s in selectors.candidates(home)] == [single_urgent.pk, single.pk]
    big = dwelling(bedrooms=2, accessible=True, town="Menen")
    assert {s.pk for s in selectors.candidates(big)} == {
        single_urgent.pk, single.pk, family.pk, wheelchair.pk, menen_only.pk,
    }  # fmt: skip


def test_one_situation_one_dwelling_at_a_time_and_answers_with_reasons(lead):
    s = situation(lead, [person("A")])
    first, second = dwelling(), dwelling()
    offer = services.offer_make(actor=lead, dwelling=first, situation=s)
    with pytest.raises(ValidationError, match="lopend aanbod"):  # not locked into two
        services.offer_make(actor=lead, dwelling=second, situation=s)
    with pytest.raises(ValidationError) as error:
        services.offer_answer(actor=lead, offer=offer, accept=False, reason=" ")
    assert "reason" in error.value.error_dict
    services.offer_answer(actor=lead, offer=offer, accept=False, reason="Te ver van school.")
    offer = services.offer_make(actor=lead, dwelling=second, situation=s)  # free again
    with pytest.raises(ValidationError) as error:
        services.offer_answer(actor=lead, offer=offer, accept=True, start=None)
    assert "start" in error.value.error_dict
    services.offer_answer(actor=lead, offer=offer, accept=True, start=dt.date(2026, 3, 1),
                          agreement="tijdelijke bezettingsovereenkomst")  # fmt: skip
    occupation = Occupation.objects.get(dwelling=second)
    assert occupation.persons == 1 and occupation.situation == s
    with pytest.raises(ValidationError, match="niet vrij"):
        services.offer_make(actor=lead, dwelling=second, situation=situation(lead, [person("B")]))
    with pytest.raises(PermissionDenied):  # the reporting service does not allocate
        services.offer_make(actor=user_of("worker_kortrijk"), dwelling=first, situation=s)


def test_occupation_end_outflow_and_the_accelerated_allocation_flag(lead):
    s = situation(lead, [person("A")])
    home = dwelling()
    offer = services.offer_make(actor=lead, dwelling=home, situation=s)
    services.offer_answer(actor=lead, offer=offer, accept=True, start=dt.date(2026, 2, 1),
                          agreement="tijdelijk")  # fmt: skip
    occupation = Occupation.objects.get()
    services.occupation_awaiting(actor=lead, occupation=occupation, waiting=True)
    with pytest.raises(ValidationError) as error:
        services.occupation_end(actor=lead, occupation=occupation, end=dt.date(2026, 1, 1),
                                outflow="")  # fmt: skip
    assert {"end", "outflow"} <= set(error.value.error_dict)
    services.occupation_end(actor=lead, occupation=occupation, end=dt.date(2026, 6, 30),
                            outflow="social_rental")  # fmt: skip
    occupation.refresh_from_db()
    assert occupation.outflow == "social_rental" and not occupation.awaiting_accelerated_allocation
    nxt = services.offer_make(actor=lead, dwelling=home, situation=situation(lead, [person("B")]))
    with pytest.raises(ValidationError, match="De vorige bewoning liep toen nog"):
        services.offer_answer(actor=lead, offer=nxt, accept=True, start=dt.date(2026, 6, 1),
                              agreement="tijdelijk")  # fmt: skip
    services.offer_answer(actor=lead, offer=nxt, accept=False, reason="Vond zelf een woning.")
    # Vacancy in 2026 up to 30/11: January (31 days) and 01/07 → 30/11 (153 days).
    assert selectors.vacancy_days(home, dt.date(2026, 1, 1), dt.date(2026, 11, 30)) == 31 + 153


def test_pool_figures_against_a_hand_computed_year(lead):
    assert selectors.pool_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).dwellings is None
    homes = [dwelling(since=dt.date(2018, 1, 1)) for _ in range(3)]
    dwelling(since=dt.date(2019, 5, 1))  # joins the pool later
    persons = [person(c) for c in "ABCD"]

    def occupy(home, who, start, end=None, outflow="", waiting=False):
        return Occupation.objects.create(
            dwelling=home, situation=situation(lead, [who]), start=start, end=end,
            outflow=outflow, persons=1, agreement="x", awaiting_accelerated_allocation=waiting,
        )  # fmt: skip

    occupy(homes[0], persons[0], dt.date(2017, 6, 1), dt.date(2018, 3, 31), "private_rental")
    occupy(homes[0], persons[1], dt.date(2018, 5, 1), None, waiting=True)  # into 2019
    occupy(homes[1], persons[2], dt.date(2018, 2, 1), dt.date(2018, 12, 31), "social_rental")
    occupy(homes[2], persons[3], dt.date(2019, 1, 15), dt.date(2019, 8, 1), "facility")
    year = selectors.pool_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    # 2018: 3 dwellings on 31/12; 3 occupations active in the year; 2 ended (private,
    # social); on 31/12 B (waiting) and C (leaving that day) live there: 1 waiting.
    assert (year.dwellings, year.occupations, year.waiting_accelerated_allocation) == (3, 3, 1)
    assert year.outflow == {"social_rental": 1, "private_rental": 1, "facility": 0, "other": 0}
    year = selectors.pool_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert (year.dwellings, year.occupations) == (4, 2)
    assert year.outflow["facility"] == 1


def test_the_pages_of_the_pool(lead, persona_client):
    s = situation(lead, [person("A")], urgency=5)
    home = dwelling()
    client = persona_client("meldpunt_member")
    page = client.get(reverse("dwelling", args=[home.pk])).content.decode()
    assert "A Pool" in page and "Aanbieden" in page
    client.post(reverse("offer_make", args=[home.pk, s.pk]))
    offer = s.offers.get()
    response = client.post(reverse("offer_answer", args=[offer.pk]),
                           {"answer": "accept", "agreement": "tijdelijk"}, follow=True)  # fmt: skip
    assert "Geef de begindatum van de bewoning." in response.content.decode()
    assert not Occupation.objects.exists()
    response = client.post(reverse("offer_answer", args=[offer.pk]),
                           {"answer": "accept", "start": "01/12/2026", "agreement": "tijdelijk"},
                           follow=True)  # fmt: skip
    assert Occupation.objects.filter(dwelling=home).exists()
    assert "bewoond" in client.get(reverse("pool")).content.decode()
    assert persona_client("worker_kortrijk").get(reverse("pool")).status_code == 403
    assert Situation.objects.count() == 1
