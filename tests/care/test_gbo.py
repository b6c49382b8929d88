"""The integrated broad intake: rights explored at a front desk, handed over only to a
partner that holds the file (by referral with consent), followed up until realised or
closed; under-protection counted without names; the figures by definition."""

import datetime as dt

import pytest
from django.urls import reverse

from samen.care import selectors
from samen.care.models import Intake, Right, RightCheck
from samen.registry.models import Organisation
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def intake(client, person, on="01/09/2026", rights=("huurpremie", "sociaal-tarief-energie")):
    """The CAW desk registers an intake for the person referred to it."""
    login(client, "worker_caw")
    return client.post(reverse("gbo_intake_new", args=[person.pk]), {
        "membership": membership_of("worker_caw").pk, "on": on,
        "question": "De huur en de energiefactuur zijn te hoog.",
        "rights": [Right.objects.get(code=code).pk for code in rights],
    })  # fmt: skip


def follow(client, check, status, partner, on):
    return client.post(reverse("gbo_check", args=[check.pk]), {
        f"c{check.pk}-status": status, f"c{check.pk}-partner": partner.pk,
        f"c{check.pk}-on": on,
    }, follow=True)  # fmt: skip


def test_from_intake_to_a_realised_right(client, world):
    assert selectors.gbo_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31)).intakes is None
    response = intake(client, world.person_referred, rights=())
    assert response.status_code == 302
    Intake.objects.all().delete()
    response = intake(client, world.person_referred)
    found = Intake.objects.get()
    assert response.url == reverse("gbo_intake", args=[found.pk])
    rent = RightCheck.objects.get(intake=found, right__code="huurpremie")
    energy = RightCheck.objects.get(intake=found, right__code="sociaal-tarief-energie")
    ocmw_menen = Organisation.objects.get(name="OCMW Menen")
    # Menen does not hold the file: no hand-over without a referral.
    response = follow(client, rent, "probable", ocmw_menen, "02/09/2026")
    assert any("OCMW Menen kan dit dossier nog niet openen" in m for m in messages_of(response))
    # OCMW Kortrijk holds it (its own enrolment): the CAW hands both rights over.
    kortrijk = Organisation.objects.get(name="OCMW Kortrijk")
    follow(client, rent, "probable", kortrijk, "02/09/2026")
    follow(client, energy, "applied", kortrijk, "02/09/2026")
    login(client, "worker_kortrijk")
    page = client.get(reverse("gbo_dashboard")).content.decode()
    assert "Lotte Maes" in page  # the open rights Kortrijk follows up
    follow(client, rent, "realised", kortrijk, "20/10/2026")
    response = follow(client, rent, "closed", kortrijk, "21/10/2026")
    assert "Dit recht is al afgehandeld." in messages_of(response)[0]
    rent.refresh_from_db()
    assert [e.status for e in rent.events.all()] == ["probable", "probable", "realised"]
    # After 60 days (from 1 September) on 30 November: the energy tariff is still open.
    under = selectors.under_protection(60, dt.date(2026, 11, 30))
    assert under.total == 1
    assert under.rows == [("OCMW Kortrijk", "Kortrijk", "Sociaal tarief energie", 1)]
    assert selectors.under_protection(100, dt.date(2026, 11, 30)).total == 0
    figures = selectors.gbo_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (figures.intakes, figures.rights_realised) == (1, 1)
    login(client, "worker_menen")
    assert client.get(reverse("gbo_intake", args=[found.pk])).status_code == 404
    login(client, "coordinator")  # counts only
    page = client.get(reverse("gbo_dashboard"), {"dagen": "60"}).content.decode()
    assert "Lotte Maes" not in page and "1 recht staat na 60 dagen nog open." in page


def test_bad_input_is_named_and_the_checklist_is_configurable(client, world):
    login(client, "worker_caw")
    url = reverse("gbo_intake_new", args=[world.person_referred.pk])
    response = client.post(url, {"membership": membership_of("worker_caw").pk,
                                 "on": "31/09/2026", "question": ""})  # fmt: skip
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    assert not Intake.objects.exists()
    login(client, "coordinator")
    client.post(reverse("gbo_rights"), {"code": "premie-kinderopvang", "order": "9",
                                        "name": "Inkomenstarief kinderopvang",
                                        "active": "on"})  # fmt: skip
    login(client, "worker_caw")
    page = client.get(reverse("gbo_intake_new", args=[world.person_referred.pk])).content.decode()
    assert "Inkomenstarief kinderopvang" in page
