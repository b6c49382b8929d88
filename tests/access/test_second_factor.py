"""Second factor: nobody with a role gets past the password alone; the authenticator is
set up once, with recovery codes; codes are not replayed; the DPO sees who has one."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from samen.access.models import AuditEntry
from tests.conftest import PASSWORD, PERSONAS, user_of

pytestmark = pytest.mark.django_db


def password_only(client, persona: str):
    response = client.post(
        reverse("login"), {"username": PERSONAS[persona][0], "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def code(device, step_offset: int = 0) -> str:
    return f"{hotp(device.bin_key, int(time.time()) // 30 + step_offset):06d}"


@pytest.mark.parametrize("persona", [p for p, (_u, role, _unit) in PERSONAS.items() if role])
def test_no_page_opens_with_only_a_password_for_any_role(client, persona):
    assert password_only(client, persona)["Location"].startswith(reverse("second_factor"))
    for name in ("dashboard", "person_search", "notifications"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("second_factor") + "?next=")


def test_citizens_sign_in_with_their_password(client):
    assert password_only(client, "citizen")["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_code_opens_the_platform_once_and_a_wrong_code_is_named(client):
    device = TOTPDevice.objects.get(user=user_of("dpo"))
    password_only(client, "dpo")
    response = client.post(reverse("second_factor") + "?next=/dpo/logboek/", {"token": "000000"})
    assert "Deze code klopt niet of is al gebruikt." in response.content.decode()
    assert client.get(reverse("dpo_audit")).status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows down after a failure
    device.save()
    token = code(device)
    response = client.post(reverse("second_factor") + "?next=/dpo/logboek/", {"token": token})
    assert response["Location"] == "/dpo/logboek/"
    assert client.get(reverse("dpo_audit")).status_code == 200
    # The same code again, in another session: refused (no replay).
    client.logout()
    password_only(client, "dpo")
    response = client.post(reverse("second_factor"), {"token": token})
    assert response.status_code == 200 and client.get(reverse("dashboard")).status_code == 302
    actions = list(
        AuditEntry.objects.filter(user_id=device.user_id).values_list("action", flat=True)
    )
    assert {"second_factor_passed", "second_factor_failed"} <= set(actions)


def test_first_sign_in_sets_up_the_authenticator_and_gives_recovery_codes(client):
    user = user_of("worker_menen")
    TOTPDevice.objects.filter(user=user).delete()
    password_only(client, "worker_menen")
    response = client.get(reverse("second_factor"))
    assert response["Location"].startswith(reverse("second_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in page and "Sleutel" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("second_factor_setup"), {"token": "12345"})
    assert "Deze code klopt niet." in response.content.decode()
    response = client.post(reverse("second_factor_setup"), {"token": code(device)})
    page = response.content.decode()
    codes = list(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(codes) == 10 and all(c in page for c in codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("dashboard")).status_code == 200
    # A recovery code works once.
    client.logout()
    password_only(client, "worker_menen")
    assert client.post(reverse("second_factor"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.logout()
    password_only(client, "worker_menen")
    client.post(reverse("second_factor"), {"token": codes[0]})
    assert client.get(reverse("dashboard")).status_code == 302
    assert StaticDevice.objects.get(user=user).token_set.count() == 9


def test_a_password_alone_cannot_replace_an_existing_authenticator(client):
    password_only(client, "worker_kortrijk")
    assert client.get(reverse("second_factor_setup")).status_code == 403
    assert client.post(reverse("second_factor_setup"), {"token": "123456"}).status_code == 403
    response = client.post(reverse("recovery_codes_renew"))
    assert response["Location"].startswith(reverse("second_factor"))
    assert not TOTPDevice.objects.filter(user=user_of("worker_kortrijk"), confirmed=False).exists()


def test_the_dpo_sees_who_has_a_second_factor(persona_client):
    TOTPDevice.objects.filter(user=user_of("worker_menen")).delete()
    page = persona_client("dpo").get(reverse("dpo_second_factor")).content.decode()
    assert "1 gebruiker met een rol heeft nog geen authenticator ingesteld" in page
    row = page.split("(t.menen)")[1].split("</tr>")[0]
    assert "nog niet" in row
    assert "ingesteld" in page.split("(t.kortrijk)")[1].split("</tr>")[0]
    assert AuditEntry.objects.filter(action="second_factor_overview").exists()


def test_an_organisation_administrator_resets_a_lost_second_factor(persona_client):
    client = persona_client("org_admin")
    worker, other = user_of("worker_kortrijk"), user_of("worker_menen")
    response = client.post(reverse("second_factor_reset", args=[worker.pk]))
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=worker).exists()
    # Not for someone of another organisation.
    assert client.post(reverse("second_factor_reset", args=[other.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=other).exists()
    assert AuditEntry.objects.filter(action="second_factor_reset").count() == 1


def test_a_session_left_alone_ends(persona_client, settings):
    client = persona_client("worker_kortrijk")
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session["samen_seen"] = int(time.time()) - settings.SAMEN_IDLE_SECONDS - 1
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_new_recovery_codes_replace_the_old_ones(persona_client):
    client = persona_client("worker_kortrijk")
    user = user_of("worker_kortrijk")
    page = client.get(reverse("second_factor_setup")).content.decode()
    assert "Nieuwe herstelcodes maken" in page
    first = client.post(reverse("recovery_codes_renew")).content.decode()
    old = list(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert all(code in first for code in old)
    client.post(reverse("recovery_codes_renew"))
    new = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
