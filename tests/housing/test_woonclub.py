"""Woonclub: intake, listings kept by volunteers (who see no client), suggestions that fit,
housed with the search duration, and the woonclub.* figures."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.housing import selectors, services
from samen.housing.models import RentalListing, WalkInPoint, WoonclubHousehold
from samen.registry import services as registry
from samen.registry.models import Municipality, Programme
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(world):
    lead = membership_of("programme_lead")  # a member of the Woonclub team

    class Club:
        user = lead.user
        point = WalkInPoint.objects.create(
            name="Zitdag Menen", municipality=Municipality.objects.get(name="Menen"),
            address="Grote Markt 1", schedule="fortnightly", hours="donderdag 13–16 u",
            active_from=dt.date(2017, 1, 1),
        )  # fmt: skip

        @staticmethod
        def person(first):
            return registry.person_create(
                actor=lead.user, membership=lead, data={"first_name": first, "last_name": "Z"},
                programme=Programme.objects.get(code="woonclub"), legal_basis="legal_task",
                basis_note="Woonclub",
            )  # fmt: skip

        @classmethod
        def intake(cls, person, **extra):
            data = {"point": cls.point, "intake_on": dt.date(2026, 3, 1), "adults": 1,
                    "children": 2, "income": D("1650"), "situation": "tenant",
                    "reasons": ["unsuitable_home", "affordability"]} | extra  # fmt: skip
            return services.woonclub_intake(actor=lead.user, person=person, data=data)

    return Club


def listing(town="Menen", rent="650", bedrooms=2, available=True):
    return RentalListing.objects.create(
        municipality=Municipality.objects.get(name=town), street_or_area="Centrum", rent=D(rent),
        bedrooms=bedrooms, source="immoweb", recorded_by=user_of("volunteer"),
        available=available,
    )  # fmt: skip


def test_intake_bad_input_names_the_fields_and_saves_nothing(club, world):
    with pytest.raises(ValidationError) as error:
        club.intake(club.person("A"), adults=0, reasons=[], intake_on=dt.date(2099, 1, 1))
    assert "intake_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        club.intake(club.person("B"), adults=0, reasons=[])
    assert {"adults", "reasons"} <= set(error.value.error_dict)
    assert not WoonclubHousehold.objects.exists()
    with pytest.raises(PermissionDenied):  # not a person of the Woonclub's files
        club.intake(world.person_kortrijk)
    with pytest.raises(PermissionDenied):  # not the Woonclub
        services.woonclub_intake(actor=user_of("worker_kortrijk"), person=world.person_kortrijk,
                                 data={})  # fmt: skip


def test_suggestions_fit_rent_share_size_and_municipality(club):
    household = club.intake(club.person("A"))  # 1 adult, 2 children, € 1.650: ≤ € 660, 2 rooms
    household.municipalities.set([Municipality.objects.get(name="Menen")])
    fits = listing(rent="650", bedrooms=2)
    listing(rent="700", bedrooms=2)  # too dear (40 % of 1.650 = 660)
    listing(rent="500", bedrooms=1)  # too small
    listing(town="Kortrijk", rent="600", bedrooms=3)  # elsewhere
    listing(rent="600", bedrooms=2, available=False)  # gone
    assert selectors.suggestions(household) == [fits]


def test_housed_once_with_a_sensible_date(club):
    household = club.intake(club.person("A"))
    with pytest.raises(ValidationError) as error:
        services.woonclub_housed(actor=club.user, household=household, on=dt.date(2026, 2, 1),
                                 kind="")  # fmt: skip
    assert {"housed_on", "housed_kind"} == set(error.value.error_dict)
    services.woonclub_housed(actor=club.user, household=household, on=dt.date(2026, 6, 9),
                             kind="private")  # fmt: skip
    with pytest.raises(ValidationError, match="al gehuisvest"):
        services.woonclub_housed(actor=club.user, household=household, on=dt.date(2026, 6, 9),
                                 kind="private")  # fmt: skip


def test_a_volunteer_keeps_listings_and_sees_no_client(club, persona_client):
    club.intake(club.person("Geheim"))
    volunteer = persona_client("volunteer")
    response = volunteer.post(reverse("listings"), {
        "municipality": Municipality.objects.get(name="Wervik").pk, "street_or_area": "Markt",
        "rent": "20", "bedrooms": "1", "source": "krant", "seen_on": "27/11/2026",
    })  # fmt: skip
    assert "Een huur tussen € 100 en € 5.000 per maand." in response.context["form"].errors["rent"]
    response = volunteer.post(reverse("listings"), {
        "municipality": Municipality.objects.get(name="Wervik").pk, "street_or_area": "Markt",
        "rent": "720", "bedrooms": "2", "source": "krant", "seen_on": "27/11/2026",
    }, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "Het huuraanbod is toegevoegd." in page and "Geheim" not in page
    assert volunteer.get(reverse("woonclub")).status_code == 403
    assert not selectors.households_for(user_of("volunteer")).exists()


def test_woonclub_figures_against_a_hand_computed_year(club):
    assert selectors.woonclub_figures(dt.date(2017, 1, 1), dt.date(2017, 12, 31)).points == 1
    a, b, c, d = (club.person(x) for x in "ABCD")
    # 2018: A (1 adult + 2 children, tenant, housed after 100 days), B (2 adults, homeless,
    # housed in 2019 after 300 days), C (1 adult, temporary, never housed); A again in
    # 2019 (not new then); D's first intake in 2019.
    h_a = club.intake(a, intake_on=dt.date(2018, 2, 1), reasons=["independence"])
    h_b = club.intake(b, intake_on=dt.date(2018, 5, 1), adults=2, children=0,
                      situation="homeless", reasons=["relationship", "affordability"])  # fmt: skip
    club.intake(c, intake_on=dt.date(2018, 9, 1), children=0, situation="temporary",
                reasons=["affordability"])  # fmt: skip
    club.intake(a, intake_on=dt.date(2019, 1, 10), reasons=["other"])
    club.intake(d, intake_on=dt.date(2019, 3, 1), children=0, situation="owner",
                reasons=["unsuitable_home"])  # fmt: skip
    WoonclubHousehold.objects.filter(pk=h_a.pk).update(housed_on=dt.date(2018, 5, 12),
                                                       housed_kind="private")  # fmt: skip
    WoonclubHousehold.objects.filter(pk=h_b.pk).update(housed_on=dt.date(2019, 2, 25),
                                                       housed_kind="social")  # fmt: skip
    year = selectors.woonclub_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (year.points, year.new_households, year.persons, year.singles) == (1, 3, 3 + 2 + 1, 2)
    assert year.by_situation == {"tenant": 1, "temporary": 1, "homeless": 1, "owner": 0,
                                 "other": 0}  # fmt: skip
    assert (year.housed, year.search_days_avg) == (1, 100.0)  # A: 01/02 → 12/05 = 100 days
    assert year.reasons_pct == {
        "independence": 33.33, "unsuitable_home": 0.0, "relationship": 33.33,
        "affordability": 66.67, "other": 0.0,
    }  # fmt: skip
    year = selectors.woonclub_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert (year.new_households, year.search_days_avg) == (1, 300.0)  # D new; B housed


def test_the_planning_of_the_walk_in_points(club, persona_client):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    services.duty_take(actor=user_of("volunteer"), point=club.point, on=tomorrow)
    duty = services.duty_take(actor=club.user, point=club.point, on=tomorrow)
    assert duty.role == "staff"
    with pytest.raises(ValidationError, match="al op deze zitdag"):
        services.duty_take(actor=user_of("volunteer"), point=club.point, on=tomorrow)
    with pytest.raises(ValidationError) as error:
        services.duty_take(actor=user_of("volunteer"), point=club.point, on=dt.date(2020, 1, 1))
    assert "on" in error.value.error_dict
    with pytest.raises(PermissionDenied):  # not the Woonclub, not a volunteer
        services.duty_take(actor=user_of("worker_kortrijk"), point=club.point, on=tomorrow)
    with pytest.raises(PermissionDenied):  # a volunteer takes only itself off
        services.duty_drop(actor=user_of("volunteer"), duty=duty)
    page = persona_client("volunteer").get(reverse("woonclub_planning")).content.decode()
    assert "Zitdag Menen" in page and "vrijwilliger" in page
    assert sorted(d.role for d in selectors.planning()) == ["staff", "volunteer"]
