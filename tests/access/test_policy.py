"""The security model, case by case, through the selectors the pages use."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from samen.access import policy
from samen.access import services as access_services
from samen.access.models import BreakGlass
from samen.registry import selectors, services
from samen.registry.models import (
    Enrolment,
    LegalBasis,
    Note,
    Person,
    Programme,
    Referral,
    ReferralStatus,
)
from tests.conftest import membership_of, refer_from_kortrijk, user_of

pytestmark = pytest.mark.django_db


def visible(persona, person) -> bool:
    return policy.scope_persons(user_of(persona), Person.objects.filter(pk=person.pk)).exists()


def test_an_enrolment_opens_the_file_to_its_organisation_only(world):
    assert visible("worker_kortrijk", world.person_kortrijk)
    for persona in (
        "worker_menen",
        "worker_caw",
        "meldpunt_member",
        "programme_lead",
        "volunteer",
        "coordinator",
        "dpo",
        "org_admin",
        "food_org",
    ):
        assert not visible(persona, world.person_kortrijk), persona
    with pytest.raises(Http404):
        selectors.person_file(user_of("worker_menen"), world.person_kortrijk.pk)


def test_an_organisation_administrator_of_kortrijk_sees_no_files(world):
    with pytest.raises(Http404):
        selectors.person_get(user_of("org_admin"), world.person_kortrijk.pk)


def test_a_referral_shows_only_the_categories_of_its_basis_and_the_receivers_role(world):
    file = selectors.person_file(user_of("worker_caw"), world.person_referred.pk)
    # The consent covers basic/contact/social; the referral shares basic/social. The CAW's
    # own records (none yet) would show in every category its role allows.
    assert {"basic", "social"} <= file.access.categories
    assert "financial" not in {n.category for n in file.notes}
    texts = {n.text for n in file.notes}
    assert "Sociale notitie voor het CAW." in texts
    assert "Schulden bij de energieleverancier." not in texts  # financial: not shared


def test_the_sender_sees_its_own_notes_in_every_category_its_role_allows(world):
    file = selectors.person_file(user_of("worker_kortrijk"), world.person_kortrijk.pk)
    assert {n.category for n in file.notes} == {"social", "health"}


def test_a_programme_lead_never_sees_health_notes_even_with_access(world):
    lead = membership_of("programme_lead")
    refer_from_kortrijk(world.person_kortrijk, lead.team, "woonclub", ["basic", "social", "health"])
    file = selectors.person_file(lead.user, world.person_kortrijk.pk)
    assert "health" not in file.access.categories
    assert {n.category for n in file.notes} == {"social"}


def test_withdrawing_consent_ends_the_referral_based_access(world):
    caw = user_of("worker_caw")
    assert visible("worker_caw", world.person_referred)
    consent = world.person_referred.consents.get()
    services.consent_withdraw(actor=user_of("worker_kortrijk"), consent=consent)
    caw = user_of("worker_caw")  # a fresh request: no cached memberships
    assert not visible("worker_caw", world.person_referred)
    with pytest.raises(Http404):
        selectors.person_get(caw, world.person_referred.pk)
    assert Referral.objects.get(person=world.person_referred).status == ReferralStatus.REVOKED
    assert visible("worker_kortrijk", world.person_referred)  # its own enrolment stands


def test_withdrawal_does_not_end_the_receivers_own_enrolment_on_its_own_basis(world):
    caw = membership_of("worker_caw")
    services.enrolment_create(
        actor=caw.user,
        membership=caw,
        person=world.person_referred,
        programme=Programme.objects.get(code="caw"),
        legal_basis=LegalBasis.LEGAL_TASK,
        basis_note="Decreet algemeen welzijnswerk",
    )
    services.consent_withdraw(
        actor=user_of("worker_kortrijk"), consent=world.person_referred.consents.get()
    )
    assert visible("worker_caw", world.person_referred)


def test_a_refused_or_closed_referral_no_longer_opens_the_file(world):
    referral = Referral.objects.get(person=world.person_referred)
    services.referral_answer(
        actor=user_of("worker_caw"), referral=referral, accept=False, note="Geen capaciteit"
    )
    assert not visible("worker_caw", world.person_referred)


def test_a_refusal_needs_a_reason(world):
    referral = Referral.objects.get(person=world.person_referred)
    with pytest.raises(ValidationError) as exc:
        services.referral_answer(actor=user_of("worker_caw"), referral=referral, accept=False)
    assert "reden" in str(exc.value)


def test_only_the_receiver_answers_a_referral(world):
    referral = Referral.objects.get(person=world.person_referred)
    with pytest.raises(PermissionDenied):
        services.referral_answer(actor=user_of("worker_menen"), referral=referral, accept=True)


def test_a_referral_on_consent_must_rest_on_a_consent_for_that_receiver(world):
    consent = world.person_referred.consents.get()  # for the CAW
    with pytest.raises(ValidationError) as exc:
        refer_from_kortrijk(
            world.person_referred,
            world.meldpunt,
            "kracht_wonen",
            ["basic"],
            legal_basis=LegalBasis.CONSENT,
            consent=consent,
        )
    assert "ontvanger" in str(exc.value)
    with pytest.raises(ValidationError):  # categories beyond the consent
        refer_from_kortrijk(
            world.person_referred,
            world.caw,
            "caw",
            ["health"],
            legal_basis=LegalBasis.CONSENT,
            consent=consent,
        )


def test_a_team_member_sees_a_file_referred_to_the_team_on_a_legal_task(world):
    refer_from_kortrijk(world.person_kortrijk, world.meldpunt, "kracht_wonen", ["basic", "health"])
    file = selectors.person_file(user_of("meldpunt_member"), world.person_kortrijk.pk)
    assert {n.category for n in file.notes} == {"health"}


def test_break_the_glass_opens_the_file_for_a_while_and_lands_on_the_review_list(world):
    menen = user_of("worker_menen")
    with pytest.raises(ValidationError):
        access_services.break_glass_open(actor=menen, person=world.person_kortrijk, reason="kort")
    glass = access_services.break_glass_open(
        actor=menen,
        person=world.person_kortrijk,
        reason="Persoon in crisis aan het loket, na de kantooruren.",
    )
    assert visible("worker_menen", world.person_kortrijk)
    assert selectors.person_file(
        user_of("worker_menen"), world.person_kortrijk.pk
    ).access.break_glass
    from samen.access import selectors as access_selectors

    assert glass in access_selectors.break_glass_to_review()
    assert user_of("dpo").notifications.filter(kind="review_due").exists()
    BreakGlass.objects.filter(pk=glass.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert not visible("worker_menen", world.person_kortrijk)


def test_a_volunteer_cannot_break_the_glass(world):
    with pytest.raises(PermissionDenied):
        access_services.break_glass_open(
            actor=user_of("volunteer"),
            person=world.person_kortrijk,
            reason="Ik wil dit dossier graag inkijken nu.",
        )


def test_a_citizen_sees_their_own_file_and_nobody_elses(world):
    assert visible("citizen", world.person_citizen)
    assert not visible("citizen", world.person_kortrijk)
    file = selectors.person_file(user_of("citizen"), world.person_citizen.pk)
    assert file.access.own and file.notes == []


def test_an_ended_membership_ends_the_access(world):
    m = membership_of("worker_kortrijk")
    m.valid_to = timezone.localdate() - dt.timedelta(days=1)
    m.save()
    assert not visible("worker_kortrijk", world.person_kortrijk)


def test_a_closed_enrolment_closes_the_file(world):
    enrolment = Enrolment.objects.get(person=world.person_kortrijk)
    services.enrolment_close(actor=user_of("worker_kortrijk"), enrolment=enrolment)
    assert not visible("worker_kortrijk", world.person_kortrijk)


def test_a_note_in_a_category_the_role_may_not_use_is_refused(world):
    lead = membership_of("programme_lead")
    with pytest.raises(ValidationError):
        services.note_create(
            actor=lead.user,
            membership=lead,
            person=world.person_kortrijk,
            category="health",
            text="x",
        )
    assert not Note.objects.filter(text="x").exists()
