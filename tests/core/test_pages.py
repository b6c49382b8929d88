"""Log-in, language, notifications, the administrator's and the DPO's pages."""

import pytest
from django.urls import reverse

from samen.access.models import AuditEntry, BreakGlass, LoginFailure
from samen.core.models import Notification
from samen.core.templatetags.samen import euro
from samen.registry.models import Membership
from tests.conftest import PASSWORD, PERSONAS, user_of

pytestmark = pytest.mark.django_db


def test_login_and_lock_out_after_repeated_failures(client, settings):
    username = PERSONAS["worker_kortrijk"][0]
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("second_factor") + "?next=%2F"
    client.logout()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": username, "password": "fout"})
        assert "Gebruikersnaam of wachtwoord klopt niet." in response.content.decode()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    LoginFailure.objects.all().delete()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_login_never_redirects_off_site(client):
    response = client.post(
        reverse("login") + "?next=https://elders.example/",
        {"username": PERSONAS["citizen"][0], "password": PASSWORD},
    )
    assert response["Location"] == reverse("dashboard")
    response = client.post(
        reverse("login") + "?next=https://elders.example/",
        {"username": PERSONAS["dpo"][0], "password": PASSWORD},
    )
    assert response["Location"] == reverse("second_factor") + "?next=%2F"


def test_pages_are_dutch_by_default_and_french_or_english_on_request(persona_client):
    client = persona_client("worker_kortrijk")
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in page and "Personen zoeken" in page
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="fr">' in page and "Rechercher des personnes" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Search people" in client.get(reverse("dashboard")).content.decode()


def test_dates_and_amounts_are_belgian(world, persona_client):
    page = (
        persona_client("worker_kortrijk")
        .get(reverse("person_detail", args=[world.person_kortrijk.pk]))
        .content.decode()
    )
    assert "12/05/1984" in page
    assert euro("1234.5") == "€ 1.234,50" and euro(-7.45) == "-€ 7,45"


def test_a_referral_received_appears_as_a_notification(world, persona_client):
    client = persona_client("worker_caw")
    page = client.get(reverse("dashboard")).content.decode()
    assert "Nieuwe doorverwijzing van OCMW Kortrijk" in page
    note = Notification.objects.get(user=user_of("worker_caw"), kind="referral_received")
    response = client.post(reverse("notification_read", args=[note.pk]))
    assert response["Location"] == note.url
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_reads_or_marks_another_users_notification(world, persona_client):
    note = Notification.objects.get(user=user_of("worker_caw"), kind="referral_received")
    persona_client("worker_menen").post(reverse("notification_read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is None


def test_an_organisation_administrator_creates_users_in_their_own_organisation(persona_client):
    client = persona_client("org_admin")
    response = client.post(
        reverse("organisation_user_create"),
        {
            "username": "nieuw.kortrijk",
            "first_name": "Nieuw",
            "last_name": "Lid",
            "role": "social_worker",
            "password": "kort",
        },
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort." in " ".join(response.context["form"].errors["password"])
    response = client.post(
        reverse("organisation_user_create"),
        {
            "username": "nieuw.kortrijk",
            "first_name": "Nieuw",
            "last_name": "Lid",
            "role": "social_worker",
            "password": "een-lang-genoeg-wachtwoord",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="nieuw.kortrijk")
    assert membership.organisation.name == "OCMW Kortrijk"
    assert AuditEntry.objects.filter(action="membership_create").exists()


def test_an_organisation_administrator_cannot_end_another_organisations_membership(persona_client):
    menen = Membership.objects.get(user__username=PERSONAS["worker_menen"][0])
    response = persona_client("org_admin").post(reverse("membership_end", args=[menen.pk]))
    assert response.status_code == 404
    menen.refresh_from_db()
    assert menen.valid_to is None


def test_break_the_glass_through_the_page_and_the_dpo_review(world, persona_client):
    client = persona_client("worker_menen")
    response = client.post(
        reverse("break_glass"), {"insz": world.person_kortrijk.insz, "reason": "kort"}
    )
    assert "minstens 15 tekens" in response.content.decode()
    response = client.post(
        reverse("break_glass"),
        {"insz": world.person_kortrijk.insz, "reason": "Crisis aan het onthaal, buiten de uren."},
    )
    assert response["Location"] == reverse("person_detail", args=[world.person_kortrijk.pk])
    page = client.get(response["Location"]).content.decode()
    assert "noodtoegang" in page
    dpo = persona_client("dpo")
    glass = BreakGlass.objects.get()
    assert "Crisis aan het onthaal" in dpo.get(reverse("dpo_break_glass")).content.decode()
    response = dpo.post(reverse("dpo_break_glass_review", args=[glass.pk]), {"justified": "nee"})
    glass.refresh_from_db()
    assert glass.reviewed_at is None  # "not justified" needs an explanation
    dpo.post(
        reverse("dpo_break_glass_review", args=[glass.pk]),
        {"justified": "nee", "review_note": "Geen noodsituatie."},
    )
    glass.refresh_from_db()
    assert glass.justified is False and glass.reviewed_by == user_of("dpo")


def test_the_dpo_searches_the_trail_by_person_user_and_period(world, persona_client):
    persona_client("worker_kortrijk").get(reverse("person_detail", args=[world.person_kortrijk.pk]))
    dpo = persona_client("dpo")
    response = dpo.get(
        reverse("dpo_audit"),
        {"person_id": world.person_kortrijk.pk, "username": PERSONAS["worker_kortrijk"][0]},
    )
    entries = response.context["entries"]
    assert entries and all(e.person_id == world.person_kortrijk.pk for e in entries)
    assert "view" in {e.action for e in entries}
    response = dpo.get(reverse("dpo_audit"), {"date_from": "10/05/2025", "date_to": "01/05/2025"})
    assert "'Tot en met' ligt voor 'van'." in response.context["form"].errors["date_to"]
    assert response.context["entries"] is None


def test_person_search_asks_for_something_to_search_and_a_purpose(persona_client):
    client = persona_client("worker_kortrijk")
    response = client.get(reverse("person_search"), {"purpose": "onthaal"})
    assert "Vul een naam, geboortedatum of rijksregisternummer in." in response.content.decode()
    response = client.get(reverse("person_search"), {"name": "Els"})
    assert response.context["form"].errors["purpose"]


def test_the_coordinator_sees_aggregates_with_small_cells_suppressed(persona_client):
    page = persona_client("coordinator").get(reverse("dashboard")).content.decode()
    assert "Maatschappelijke dienstverlening (OCMW)" in page
    assert "&lt; 5" in page  # the hand-made world has fewer than 5 persons per municipality
    assert "Declercq" not in page


def test_notifications_are_mailed_when_configured_and_only_after_the_commit(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.conftest import refer_from_kortrijk

    settings.SAMEN_NOTIFY_BY_MAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meldpunt = user_of("meldpunt_member")
    meldpunt.email = "lies@meldpunt.example"
    meldpunt.save()
    with django_capture_on_commit_callbacks(execute=True):
        refer_from_kortrijk(world.person_kortrijk, world.meldpunt, "kracht_wonen", ["basic"])
    assert [m.to for m in mailoutbox] == [["lies@meldpunt.example"]]
    assert "Declercq" not in mailoutbox[0].subject + mailoutbox[0].body
    assert f"/personen/{world.person_kortrijk.pk}/" in mailoutbox[0].body
