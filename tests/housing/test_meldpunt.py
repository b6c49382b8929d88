"""The Kracht.Wonen meldpunt: a service reports, the meldpunt team opens the files through
the referral, assesses, consults, decides; a priority list whose score says why; figures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.access import policy
from samen.access.models import AuditEntry
from samen.housing import selectors, services
from samen.housing.models import Situation
from samen.registry import services as registry
from samen.registry.models import Person, Programme, Referral
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


def data(**extra):
    return {"living_situation": "street", "homeless_since": dt.date(2025, 9, 15),
            "vulnerability": 4, "urgency": 5, "needs": ["housing", "mental_health"],
            "description": "Slaapt in een garagebox."} | extra  # fmt: skip


def report(persons, persona="worker_kortrijk", **extra):
    return services.situation_report(
        actor=user_of(persona), membership=membership_of(persona), persons=persons,
        data=data(**extra.pop("data", {})), legal_basis=extra.pop("legal_basis", "legal_task"),
        justification="OCMW-wet, art. 1", **extra,
    )  # fmt: skip


def kortrijk_person(first: str) -> Person:
    member = membership_of("worker_kortrijk")
    return registry.person_create(
        actor=member.user, membership=member, data={"first_name": first, "last_name": "Test"},
        programme=Programme.objects.get(code="social_assistance"), legal_basis="legal_task",
        basis_note="OCMW-wet",
    )  # fmt: skip


def test_a_report_refers_every_person_to_the_meldpunt_with_the_right_categories(world):
    partner = kortrijk_person("Partner")
    situation = report([world.person_kortrijk, partner])
    assert set(situation.persons.all()) == {world.person_kortrijk, partner}
    referrals = Referral.objects.filter(to_team__code="meldpunt", programme__code="kracht_wonen")
    assert referrals.count() == 2
    assert all("psychiatric" in r.categories and "addiction" not in r.categories for r in referrals)
    # The meldpunt team now opens the file, with the mental-health category.
    access = policy.person_access(user_of("meldpunt_member"), world.person_kortrijk)
    assert access is not None and access.sees("psychiatric") and not access.sees("addiction")


def test_bad_input_names_the_field_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        report(
            [world.person_kortrijk],
            data={"vulnerability": 7, "homeless_since": TODAY.replace(year=2030)},
        )
    assert {"vulnerability", "homeless_since"} <= set(error.value.error_dict)
    with pytest.raises(ValidationError) as error:
        report([world.person_kortrijk, kortrijk_person("B")], legal_basis="consent")
    assert "legal_basis" in error.value.error_dict
    assert (
        not Situation.objects.exists()
        and not Referral.objects.filter(to_team__code="meldpunt").exists()
    )
    with pytest.raises(PermissionDenied):  # not in Menen's files
        report([world.person_kortrijk], persona="worker_menen")


def test_the_priority_score_is_the_sum_of_its_stated_parts(world, settings):
    situation = report([world.person_kortrijk])
    score = selectors.priority_score(situation, today=TODAY)
    # 14 months (15/09/2025 → 30/11/2026) × 2 + vulnerability 4 × 8 + urgency 5 × 10.
    assert score.total == 110
    assert [why for why, _points in score.parts] == [
        "14 maanden zonder thuis × 2", "kwetsbaarheid 4/5 × 8", "urgentie 5/5 × 10",
    ]  # fmt: skip
    settings.SAMEN_KW_WEIGHTS = settings.SAMEN_KW_WEIGHTS | {"per_urgency": 0, "months_cap": 6}
    assert selectors.priority_score(situation, today=TODAY).total == 6 * 2 + 4 * 8


def test_the_list_puts_the_highest_score_first_and_decided_ones_off_it(world):
    low = report([world.person_kortrijk], data={"urgency": 1, "vulnerability": 1})
    high = report([kortrijk_person("Hoog")], data={"urgency": 5})
    lead = user_of("meldpunt_member")
    assert [s.pk for s in selectors.priority_list(lead)] == [high.pk, low.pk]
    with pytest.raises(PermissionDenied):  # the reporting service does not decide
        services.situation_decide(actor=user_of("worker_kortrijk"), situation=high,
                                  decision="kracht_wonen", reason="x")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.situation_decide(actor=lead, situation=high, decision="", reason=" ")
    assert set(error.value.error_dict) == {"decision", "reason"}
    services.situation_decide(actor=lead, situation=high, decision="kracht_wonen",
                              reason="Langdurig dakloos, past in de woningpool.")  # fmt: skip
    assert [s.pk for s in selectors.priority_list(lead)] == [low.pk]
    with pytest.raises(ValidationError, match="al beslist"):
        services.situation_decide(actor=lead, situation=high, decision="other_route", reason="x")


def test_a_sensitive_need_shows_only_to_who_may_see_that_category(world, persona_client):
    situation = report([world.person_kortrijk], data={"needs": ["housing", "addiction"]})
    assert selectors.visible_needs(user_of("meldpunt_member"), situation) == [
        "housing",
        "addiction",
    ]
    # The CAW worker sees Els through a referral sharing identity and social data only.
    caw = user_of("worker_caw")
    assert selectors.visible_needs(caw, situation) == ["housing"]
    page = persona_client("meldpunt_member").get(reverse("meldpunt_situation", args=[situation.pk]))
    assert "verslaving" in page.content.decode()
    persona_client("meldpunt_member").get(reverse("meldpunt"))  # the list is audited as such
    listed = AuditEntry.objects.filter(action="list").latest("pk")
    assert listed.detail == {"page": "meldpunt", "found": [world.person_kortrijk.pk]}


def test_meldpunt_figures_against_a_hand_computed_year(world):
    a, b, c = world.person_kortrijk, kortrijk_person("B"), kortrijk_person("C")
    lead = user_of("meldpunt_member")
    assert selectors.meldpunt_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).situations is None
    s1 = report([a, b], data={"homeless_since": dt.date(2017, 1, 1)})
    s2 = report([a], data={"homeless_since": dt.date(2017, 1, 1)})
    s3 = report([c], data={"homeless_since": dt.date(2017, 1, 1)})
    s4 = report([c], data={"homeless_since": dt.date(2017, 1, 1)})
    Situation.objects.filter(pk__in=[s1.pk, s2.pk, s3.pk]).update(reported_on=dt.date(2018, 3, 1))
    Situation.objects.filter(pk=s4.pk).update(reported_on=dt.date(2019, 2, 1))
    services.situation_decide(actor=lead, situation=s1, decision="kracht_wonen", reason="past")
    services.situation_decide(actor=lead, situation=s3, decision="other_route", reason="CAW")
    for day, situations in ((dt.date(2018, 4, 1), [s1, s2]), (dt.date(2018, 9, 1), [s2, s3]),
                            (dt.date(2019, 3, 1), [s1])):  # fmt: skip
        services.consultation_record(actor=lead, held_on=day, participants="OCMW, CAW, CGG",
                                     situations=situations, decisions="afspraken")  # fmt: skip
    # 2018: 3 situations of persons A, B, C (A twice): 3 persons; 1 offered Kracht.Wonen;
    # 2 consultations discussing s1, s2, s3: 3 distinct situations.
    year = selectors.meldpunt_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (year.situations, year.persons, year.offered) == (3, 3, 1)
    assert (year.consultations, year.consultation_situations) == (2, 3)
    year = selectors.meldpunt_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert (year.situations, year.persons, year.offered, year.consultations,
            year.consultation_situations) == (1, 1, 0, 1, 1)  # fmt: skip


def test_a_consultation_needs_its_parts_and_the_meldpunt(world):
    situation = report([world.person_kortrijk])
    with pytest.raises(PermissionDenied):
        services.consultation_record(
            actor=user_of("worker_kortrijk"), held_on=TODAY, participants="x",
            situations=[situation], decisions="x",
        )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.consultation_record(actor=user_of("meldpunt_member"), held_on=dt.date(2099, 1, 1),
                                     participants=" ", situations=[], decisions="")  # fmt: skip
    assert set(error.value.error_dict) == {"held_on", "participants", "situations", "decisions"}


def test_the_report_page_names_the_field_in_its_message(world, persona_client):
    client = persona_client("worker_kortrijk")
    url = reverse("meldpunt_report", args=[world.person_kortrijk.pk])
    response = client.post(url, {"living_situation": "street", "homeless_since": "31/02/2026",
                                 "vulnerability": "3", "urgency": "3", "needs": ["housing"],
                                 "description": "x", "legal_basis": "legal_task"})  # fmt: skip
    assert response.status_code == 200
    assert "Geef een datum als dd/mm/jjjj." in response.context["form"].errors["homeless_since"]
    assert not Situation.objects.exists()
    response = client.post(url, {"living_situation": "street", "homeless_since": "01/02/2026",
                                 "vulnerability": "3", "urgency": "3", "needs": ["housing"],
                                 "description": "Op straat", "legal_basis": "legal_task",
                                 "justification": "OCMW-wet",
                                 "membership": membership_of("worker_kortrijk").pk})  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    assert Situation.objects.count() == 1
