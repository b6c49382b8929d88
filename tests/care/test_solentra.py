"""Solentra: consultations of clients referred by an OCMW; the note stays with Solentra,
the referring worker sees the dates and what Solentra shares; a withdrawn consent ends it."""

import datetime as dt

import pytest
from django.urls import reverse

from samen.care import selectors
from samen.care.models import Consultation
from samen.registry import services as registry
from samen.registry.models import Organisation, Programme
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db
SHARED = "Traject loopt; volgende afspraak over twee weken."


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


@pytest.fixture
def referral(world):
    kortrijk = membership_of("worker_kortrijk")
    consent = registry.consent_record(
        actor=kortrijk.user, membership=kortrijk, person=world.person_kortrijk,
        purpose=Programme.objects.get(code="solentra"),
        recipient=Organisation.objects.get(name="Solentra"), categories=["basic", "psychiatric"],
    )  # fmt: skip
    return registry.referral_create(
        actor=kortrijk.user, membership=kortrijk, person=world.person_kortrijk,
        receiver=Organisation.objects.get(name="Solentra"),
        programme=Programme.objects.get(code="solentra"), reason="Trauma na de vlucht",
        legal_basis="consent", consent=consent, categories=["basic", "psychiatric"],
    )  # fmt: skip


def test_the_note_stays_with_solentra(client, world, referral):
    assert selectors.solentra_consultations(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) is None
    url = reverse("solentra_person", args=[world.person_kortrijk.pk])
    login(client, "solentra")
    assert "Els Declercq" in client.get(reverse("solentra")).content.decode()
    response = client.post(url, {"on": "31/09/2026", "kind": "individual", "note": ""})
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    client.post(url, {"on": "01/10/2026", "kind": "individual",
                      "note": "Herbelevingen, slaapt slecht; EMDR gestart.",
                      "shared_summary": SHARED})  # fmt: skip
    client.post(url, {"on": "15/10/2026", "kind": "family", "note": "Gezinsgesprek."})
    assert Consultation.objects.count() == 2
    login(client, "worker_kortrijk")  # the referrer: dates and the shared summary only
    page = client.get(url).content.decode()
    assert "01/10/2026" in page and "15/10/2026" in page
    assert SHARED in page
    assert "EMDR" not in page and "Gezinsgesprek" not in page
    login(client, "worker_menen")
    assert client.get(url).status_code == 404
    assert selectors.solentra_consultations(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 2
    assert selectors.solentra_consultations(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 0
    # The consent is withdrawn: Solentra can no longer write, nor open the client.
    login(client, "worker_kortrijk")
    registry.consent_withdraw(actor=user_of("worker_kortrijk"), consent=referral.consent)
    login(client, "solentra")
    response = client.post(url, {"on": "20/10/2026", "kind": "individual", "note": "x"})
    assert response.status_code == 404 and Consultation.objects.count() == 2
