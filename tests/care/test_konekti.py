"""Konekti: a family registered by a professional (the parent's consent, also for the
children, recorded) or by itself, a connector without a waiting list, the family's own
plan with actions and reviews, home visits, psychologists' notes for psychologists only;
the figures by definition."""

import datetime as dt

import pytest
from django.urls import reverse

from samen.care import selectors
from samen.care.models import Application, Family, PsyConsultation
from samen.registry.models import Consent, Membership, Municipality, Role, Team
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def refer(client, world, **extra):
    login(client, "worker_kortrijk")
    return client.post(reverse("konekti_refer", args=[world.person_kortrijk.pk]), {
        "membership": membership_of("worker_kortrijk").pk, "on": "02/11/2026",
        "children": "Noor; 02/04/2012\nMilan; 15/09/2016", "question": "Opvoeding en school",
        "guardian_name": "Els Declercq (moeder)", "consent": "on",
    } | extra)  # fmt: skip


def test_a_professional_registers_a_family_with_the_parents_consent(client, world):
    assert selectors.konekti_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31)).families is None
    response = refer(client, world, consent="", children="Noor; 31/02/2012")
    page = response.content.decode()
    assert "Zonder toestemming van de ouder geen aanmelding." in page
    assert not Family.objects.exists()
    response = refer(client, world, children="Noor; 31/02/2012")
    assert "Lijn 1: &#x27;31/02/2012&#x27; is geen datum (dd/mm/jjjj)." in response.content.decode()
    assert not Family.objects.exists()
    refer(client, world)
    family = Family.objects.get()
    assert [m.first_name for m in family.members.order_by("pk")] == ["Els", "Noor", "Milan"]
    children = Consent.objects.filter(person__first_name__in=["Noor", "Milan"],
                                      recipient_team__code="konekti")  # fmt: skip
    assert {(c.given_by_guardian, c.guardian_name) for c in children} == {
        (True, "Els Declercq (moeder)")}  # fmt: skip
    login(client, "konekti")
    page = client.get(reverse("konekti")).content.decode()
    assert "Gezin Declercq" in page and "wacht op eerste contact" in page
    url = reverse("konekti_step", args=[family.pk, "follow"])
    client.post(url, {"f-connector": user_of("konekti").pk, "f-first_contact_on": "05/11/2026"})
    family.refresh_from_db()
    assert (family.connector, family.days_to_first_contact) == (user_of("konekti"), 3)
    login(client, "worker_menen")  # not the team
    assert client.get(reverse("konekti_family", args=[family.pk])).status_code == 403


def test_the_plan_is_written_and_reviewed_and_psychologists_keep_their_notes(client, world):
    refer(client, world)
    family = Family.objects.get()
    login(client, "konekti")
    step = lambda what: reverse("konekti_step", args=[family.pk, what])  # noqa: E731
    client.post(step("goal"), {"g-text": "Dat Noor weer graag naar school gaat."})
    goal = family.goals.get()
    client.post(step("action"), {"a-goal": goal.pk, "a-who_kind": "network",
                                 "a-who": "Tante Lies", "a-text": "Noor 's morgens naar school "
                                 "brengen", "a-due": "30/11/2026"})  # fmt: skip
    client.post(step("review"), {"r-planned_on": "15/12/2026"})
    review = family.reviews.get()
    response = client.post(step("hold"), {"review": review.pk, f"h{review.pk}-held_on":
                                          "15/12/2026", f"h{review.pk}-note": ""},
                           follow=True)  # fmt: skip
    assert any("Wat het gezin besliste" in m for m in messages_of(response))
    decided = "Gaat beter; tante blijft helpen."
    client.post(step("hold"), {"review": review.pk, f"h{review.pk}-held_on": "15/12/2026",
                               f"h{review.pk}-note": decided})  # fmt: skip
    client.post(step("visit"), {"v-on": "20/11/2026", "v-note": "Huisbezoek met de kinderen."})
    page = client.get(reverse("konekti_family", args=[family.pk])).content.decode()
    assert "Tante Lies" in page and decided in page
    assert "Consultaties bij de psycholoog" not in page
    assert client.post(step("consultation"), {"p-on": "21/11/2026",
                                              "p-note": "x"}).status_code == 403  # fmt: skip
    Membership.objects.create(user=user_of("konekti"), team=Team.objects.get(code="konekti_psy"),
                              role=Role.TEAM_MEMBER)  # fmt: skip
    login(client, "konekti")  # now a psychologist of the team as well
    client.post(step("consultation"), {"p-on": "21/11/2026", "p-note": "Angstklachten Noor."})
    assert PsyConsultation.objects.count() == 1
    client.post(step("close"), {"c-on": "20/12/2026", "c-outcome": "Doelen bereikt."})
    family.refresh_from_db()
    assert family.closed_on == dt.date(2026, 12, 20)
    response = client.post(step("goal"), {"g-text": "Nog een doel"}, follow=True)
    assert "Het traject is afgesloten." in " ".join(messages_of(response))


def test_a_family_registers_itself_and_the_figures(client, world):
    menen = Municipality.objects.get(name="Menen").pk
    response = client.post(reverse("konekti_apply"), {
        "parent_name": "Sara Peeters", "phone": "056 11 22 33", "municipality": menen,
        "children": "Lina; 01/01/2015", "question": "Ruzie thuis"})  # fmt: skip
    assert "Zonder je toestemming kunnen we je niet helpen." in response.content.decode()
    client.post(reverse("konekti_apply"), {
        "parent_name": "Sara Peeters", "phone": "056 11 22 33", "municipality": menen,
        "children": "Lina; 01/01/2015", "question": "Ruzie thuis", "consent": "on"})  # fmt: skip
    application = Application.objects.get()
    login(client, "konekti")
    client.post(reverse("konekti_take", args=[application.pk]))
    family = Family.objects.get()
    assert sorted(m.first_name for m in family.members.all()) == ["Lina", "Sara"]
    assert selectors.families_for(user_of("konekti")).filter(pk=family.pk).exists()
    refer(client, world)
    other = Family.objects.exclude(pk=family.pk).get()
    Family.objects.filter(pk=family.pk).update(registered_on=dt.date(2026, 11, 1),
                                               first_contact_on=dt.date(2026, 11, 3))  # fmt: skip
    Family.objects.filter(pk=other.pk).update(first_contact_on=dt.date(2026, 11, 6))
    # Two families in 2026: 2 days and 4 days (2 November → 6 November): mean 3,0.
    figures = selectors.konekti_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (figures.families, figures.days_to_first_contact_avg) == (2, 3.0)
