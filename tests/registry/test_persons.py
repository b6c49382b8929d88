import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from samen.access.models import AuditEntry
from samen.core.models import Notification
from samen.registry import demo, insz, selectors, services
from samen.registry.models import (
    Consent,
    Enrolment,
    Note,
    Person,
    PersonRevision,
    Programme,
    Referral,
)
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db


def create_form(**overrides):
    data = {
        "first_name": "Jan",
        "last_name": "Peeters",
        "birth_date": "03/02/1975",
        "sex": "m",
        "language": "nl",
        "address_kind": "home",
        "street": "Kerkstraat",
        "house_number": "5",
        "postcode": "8500",
        "city": "Kortrijk",
        "programme": Programme.objects.get(code="social_assistance").pk,
        "legal_basis": "legal_task",
        "basis_note": "OCMW-wet art. 1",
        "membership": membership_of("worker_kortrijk").pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "number",
    [
        "85073003328",  # national register number, born in 1985
        "17051420191",  # born in 2017: checksum with the 2000 rule
        "85.47.30-003.47",  # BIS number (month + 40), with the usual punctuation
    ],
)
def test_valid_insz_numbers(number):
    assert len(insz.validate(number)) == 11


@pytest.mark.parametrize("number", ["85073003329", "123", "8507300332A", ""])
def test_invalid_insz_numbers_get_a_dutch_message(number):
    with pytest.raises(ValidationError) as exc:
        insz.validate(number)
    assert "rijksregister" in exc.value.messages[0]


def test_insz_is_encrypted_at_rest_searchable_by_keyed_hash_and_shown_masked(world):
    person = world.person_kortrijk
    number = person.insz
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT insz_encrypted, insz_hash FROM registry_person WHERE id = %s", [person.pk]
        )
        encrypted, digest = cursor.fetchone()
    assert number not in encrypted and number not in digest
    assert person.insz_masked.endswith(number[-2:]) and number[:6] not in person.insz_masked
    found = selectors.persons_search(user_of("worker_kortrijk"), insz=number, purpose="onthaal")
    assert found == [person]


def test_a_person_created_through_the_page_is_enrolled_in_the_creators_organisation(persona_client):
    client = persona_client("worker_kortrijk")
    response = client.post(reverse("person_create"), create_form(insz="75020312345"[:0]))
    person = Person.objects.get(first_name="Jan", last_name="Peeters")
    assert response.status_code == 302 and response["Location"].endswith(f"/{person.pk}/")
    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.organisation.name == "OCMW Kortrijk" and enrolment.legal_basis == "legal_task"


def test_bad_input_names_the_field_in_dutch_and_saves_nothing(persona_client):
    client = persona_client("worker_kortrijk")
    before = Person.objects.count()
    response = client.post(
        reverse("person_create"),
        create_form(birth_date="31/02/1975", insz="12345678901", email="geen-mail", first_name=""),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Geef een datum als dd/mm/jjjj." in form.errors["birth_date"]
    assert "rijksregister" in form.errors["insz"][0]
    assert form.errors["email"] and form.errors["first_name"]
    assert Person.objects.count() == before


def test_a_future_birth_date_is_refused(persona_client):
    response = persona_client("worker_kortrijk").post(
        reverse("person_create"), create_form(birth_date="01/01/2999")
    )
    assert "De geboortedatum ligt in de toekomst." in response.context["form"].errors["birth_date"]


def test_a_known_insz_creates_no_duplicate_and_reveals_nothing(world, persona_client):
    client = persona_client("worker_menen")
    before = Person.objects.count()
    response = client.post(
        reverse("person_create"),
        create_form(
            insz=world.person_kortrijk.insz,
            membership=membership_of("worker_menen").pk,
            first_name="Elsie",
            last_name="Anders",
        ),
    )
    assert response.status_code == 409
    assert Person.objects.count() == before
    page = response.content.decode()
    for secret in ("Declercq", "Budastraat", "1984", "Kortrijk"):
        assert secret not in page.split("<main")[1], secret
    # Asking for a referral notifies the holders, still without telling the asker who.
    token = response.context["request_form"].initial["token"]
    response = client.post(
        reverse("person_known_request"),
        {"token": token, "membership": membership_of("worker_menen").pk},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(
        user=user_of("worker_kortrijk"), kind="referral_requested"
    ).exists()


def test_a_known_insz_of_a_person_in_scope_opens_the_existing_file(world, persona_client):
    response = persona_client("worker_kortrijk").post(
        reverse("person_create"), create_form(insz=world.person_kortrijk.insz)
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{world.person_kortrijk.pk}/")


def test_a_forged_known_in_region_token_is_refused(world, persona_client):
    client = persona_client("worker_menen")
    response = client.post(
        reverse("person_known_request"),
        {"token": "x:y:z", "membership": membership_of("worker_menen").pk},
    )
    assert response.status_code == 403


def test_rectification_keeps_the_history(world, persona_client):
    client = persona_client("worker_kortrijk")
    person = world.person_kortrijk
    response = client.post(
        reverse("person_edit", args=[person.pk]),
        {
            "first_name": "Els",
            "last_name": "Declercq",
            "birth_date": "12/05/1984",
            "sex": "f",
            "language": "fr",
            "address_kind": "home",
            "street": "Nieuwstraat",
            "house_number": "9",
            "postcode": "8500",
            "city": "Kortrijk",
            "phone": "056 11 22 33",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "fr" and person.street == "Nieuwstraat"
    revision = PersonRevision.objects.get(person=person)
    assert revision.changes["street"] == ["Budastraat", "Nieuwstraat"]
    assert revision.changes["language"] == ["nl", "fr"]
    assert revision.changed_by == user_of("worker_kortrijk")


def test_a_restricted_file_cannot_be_changed_until_lifted(world):
    actor = user_of("worker_kortrijk")
    services.person_restrict(actor=actor, person=world.person_kortrijk, reason="Bezwaar art. 18")
    with pytest.raises(ValidationError):
        services.person_update(actor=actor, person=world.person_kortrijk, data={"phone": "1"})
    with pytest.raises(ValidationError):
        services.note_create(
            actor=actor,
            membership=membership_of("worker_kortrijk"),
            person=world.person_kortrijk,
            category="social",
            text="x",
        )
    services.person_lift_restriction(actor=actor, person=world.person_kortrijk)
    services.person_update(actor=actor, person=world.person_kortrijk, data={"phone": "1"})


def test_a_consent_is_never_edited_only_withdrawn(world):
    consent = Consent.objects.get(person=world.person_referred)
    consent.categories = ["basic", "health"]
    with pytest.raises(ValidationError):
        consent.save()
    consent.refresh_from_db()
    services.consent_withdraw(actor=user_of("worker_caw"), consent=consent)
    consent.refresh_from_db()
    consent.withdrawn_at = None
    with pytest.raises(ValidationError):
        consent.save()


def test_a_consent_given_by_a_guardian_names_the_guardian(world):
    k = membership_of("worker_kortrijk")
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=k.user,
            membership=k,
            person=world.person_kortrijk,
            purpose=Programme.objects.get(code="konekti"),
            recipient=world.caw,
            categories=["basic"],
            given_by_guardian=True,
        )
    assert "guardian_name" in exc.value.error_dict


def test_possible_duplicates_are_merged_and_the_merge_is_undone(world):
    k = membership_of("worker_kortrijk")
    twin = services.person_create(
        actor=k.user,
        membership=k,
        programme=Programme.objects.get(code="social_assistance"),
        legal_basis="legal_task",
        basis_note="x",
        data={"first_name": "Els ", "last_name": "De-clercq", "birth_date": dt.date(1984, 5, 12)},
    )
    services.note_create(actor=k.user, membership=k, person=twin, category="social", text="tw")
    lead = user_of("programme_lead")
    groups = selectors.possible_duplicates(lead)
    assert [{p.pk for p in g} for g in groups] == [{world.person_kortrijk.pk, twin.pk}]
    merge = services.person_merge(actor=lead, kept=world.person_kortrijk, merged=twin)
    assert Note.objects.get(text="tw").person == world.person_kortrijk
    assert Enrolment.objects.filter(person=world.person_kortrijk).count() == 2
    assert selectors.possible_duplicates(lead) == []
    assert AuditEntry.objects.filter(action="merge", person_id=world.person_kortrijk.pk).exists()
    services.person_merge_undo(actor=lead, merge=merge)
    assert Note.objects.get(text="tw").person == twin
    assert Enrolment.objects.filter(person=world.person_kortrijk).count() == 1
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_a_merge_moves_the_insz_when_only_the_merged_person_had_one(world):
    k = membership_of("worker_kortrijk")
    twin = services.person_create(
        actor=k.user,
        membership=k,
        programme=Programme.objects.get(code="social_assistance"),
        legal_basis="legal_task",
        basis_note="x",
        insz=demo.demo_insz(dt.date(1990, 7, 7), 55),
        data={"first_name": "Lotte", "last_name": "Maes", "birth_date": dt.date(1990, 7, 7)},
    )
    number = twin.insz
    lead = user_of("programme_lead")
    merge = services.person_merge(actor=lead, kept=world.person_referred, merged=twin)
    world.person_referred.refresh_from_db()
    assert world.person_referred.insz == number
    services.person_merge_undo(actor=lead, merge=merge)
    twin.refresh_from_db()
    world.person_referred.refresh_from_db()
    assert twin.insz == number and not world.person_referred.insz_hash


def test_referral_notifies_the_receiving_unit(world):
    assert Notification.objects.filter(
        user=user_of("worker_caw"), kind="referral_received"
    ).exists()
    assert Referral.objects.filter(person=world.person_referred).count() == 1


def test_only_the_owning_unit_closes_an_enrolment(world, persona_client):
    enrolment = Enrolment.objects.get(person=world.person_referred)
    caw = persona_client("worker_caw")  # sees the file through the referral, owns nothing
    assert caw.post(reverse("enrolment_close", args=[enrolment.pk])).status_code == 403
    kortrijk = persona_client("worker_kortrijk")
    assert kortrijk.post(reverse("enrolment_close", args=[enrolment.pk])).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "closed" and enrolment.end_date is not None


def test_a_household_member_moves_out(world):
    actor = user_of("worker_kortrijk")
    household = services.household_add_member(
        actor=actor, person=world.person_kortrijk, member=world.person_citizen, relation="child"
    )
    with pytest.raises(ValidationError):
        services.household_add_member(
            actor=actor, person=world.person_kortrijk, member=world.person_citizen, relation="child"
        )
    link = household.members.get(person=world.person_citizen)
    services.household_end_member(actor=actor, link=link)
    assert [m.person for m in selectors.household_of(world.person_kortrijk)] == [
        world.person_kortrijk
    ]


def test_a_worker_refers_only_on_a_consent_their_own_unit_holds(world, persona_client):
    page = persona_client("worker_caw").get(
        reverse("referral_create", args=[world.person_referred.pk])
    )
    assert list(page.context["form"].fields["consent"].queryset) == []  # Kortrijk's consent
    page = persona_client("worker_kortrijk").get(
        reverse("referral_create", args=[world.person_referred.pk])
    )
    assert list(page.context["form"].fields["consent"].queryset) == list(
        world.person_referred.consents.all()
    )


def test_a_referral_shows_only_the_shared_categories_of_the_person(world, persona_client):
    services.person_update(
        actor=user_of("worker_kortrijk"),
        person=world.person_referred,
        data={},
        insz=demo.demo_insz(dt.date(1990, 7, 7), 77),
    )
    caw = persona_client("worker_caw")
    page = caw.get(reverse("person_detail", args=[world.person_referred.pk])).content.decode()
    assert "Lotte Maes" in page
    assert "Rijksregisternummer" not in page and "Budastraat" not in page  # basic + social
    # No identity shared, so no art. 15 export by the CAW: Kortrijk answers for its file.
    assert caw.get(reverse("person_export", args=[world.person_referred.pk])).status_code == 403


def test_the_export_holds_what_the_workers_unit_sees_and_the_citizen_everything_but_notes(
    world, persona_client
):
    import json

    persona_client("worker_caw").get(reverse("person_detail", args=[world.person_referred.pk]))
    kortrijk = persona_client("worker_kortrijk")
    bundle = json.loads(
        kortrijk.get(reverse("person_export", args=[world.person_referred.pk])).content
    )
    texts = {n["tekst"] for n in bundle["notities"]}
    assert texts == {"Sociale notitie voor het CAW.", "Schulden bij de energieleverancier."}
    kortrijk_unit = f"organisation:{world.ocmw_kortrijk.pk}"
    assert {a["eenheid"] for a in bundle["toegangen"]} == {kortrijk_unit}  # not the CAW's view
    citizen = persona_client("citizen")
    bundle = json.loads(
        citizen.get(reverse("person_export", args=[world.person_citizen.pk])).content
    )
    assert bundle["persoon"]["first_name"] == "Karim"
    assert bundle["notities"] == [] and bundle["inschrijvingen"]
    assert "create" in {a["actie"] for a in bundle["toegangen"]}


def test_the_timeline_tells_what_happened_newest_first(world):
    file = selectors.person_file(user_of("worker_kortrijk"), world.person_referred.pk)
    kinds = [e["kind"] for e in file.timeline()]
    assert set(kinds) == {"note", "enrolment", "referral", "consent"}
    times = [e["at"] for e in file.timeline()]
    assert times == sorted(times, reverse=True)
    services.consent_withdraw(
        actor=user_of("worker_kortrijk"), consent=world.person_referred.consents.get()
    )
    file = selectors.person_file(user_of("worker_kortrijk"), world.person_referred.pk)
    assert file.timeline()[0]["kind"] == "withdrawal"


def test_only_a_unit_that_follows_the_person_restricts_the_file(world, persona_client):
    url = reverse("person_restrict", args=[world.person_referred.pk])
    assert persona_client("worker_caw").post(url, {"reason": "Bezwaar"}).status_code == 403
    world.person_referred.refresh_from_db()
    assert world.person_referred.restricted_at is None
    assert persona_client("worker_kortrijk").post(url, {"reason": "Bezwaar"}).status_code == 302
    world.person_referred.refresh_from_db()
    assert world.person_referred.restricted_at is not None


def test_the_note_form_offers_only_the_categories_of_the_role(world, persona_client):
    page = persona_client("programme_lead").get(reverse("duplicates"))
    assert page.status_code == 200
    from samen.registry.forms import NoteForm

    form = NoteForm(user=user_of("programme_lead"))
    assert "health" not in dict(form.fields["category"].choices)
    assert "psychiatric" in dict(
        NoteForm(user=user_of("meldpunt_member")).fields["category"].choices
    )


def test_fields_outside_the_shared_categories_never_leave_the_selectors(world):
    """A referral sharing identification and identity but not contact: the file and the
    export carry no address, phone or e-mail — whatever a template would do."""
    services.person_update(
        actor=user_of("worker_kortrijk"),
        person=world.person_referred,
        data={},
        insz=demo.demo_insz(dt.date(1990, 7, 7), 78),
    )
    k = membership_of("worker_kortrijk")
    consent = services.consent_record(
        actor=k.user,
        membership=k,
        person=world.person_referred,
        purpose=Programme.objects.get(code="caw"),
        recipient=world.meldpunt,
        categories=["basic", "identity"],
    )
    services.referral_create(
        actor=k.user,
        membership=k,
        person=world.person_referred,
        receiver=world.meldpunt,
        programme=Programme.objects.get(code="caw"),
        reason="x",
        legal_basis="consent",
        consent=consent,
        categories=["basic", "identity"],
    )
    team = user_of("meldpunt_member")
    file = selectors.person_file(team, world.person_referred.pk)
    assert file.person.street == "" and file.person.phone == "" and file.person.insz
    bundle = selectors.person_export(team, world.person_referred.pk)
    assert bundle["persoon"]["street"] == "" and bundle["persoon"]["phone"] == ""
    assert bundle["persoon"]["gemeente"] == "" and bundle["persoon"]["rijksregisternummer"]
