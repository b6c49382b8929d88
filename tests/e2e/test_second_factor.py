"""In the browser: a password alone opens nothing for staff; a new member sets up the
authenticator app at the first sign-in and keeps recovery codes; the DPO sees who has it."""

import base64
import re
import time

import pytest
from django_otp.oath import hotp
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, fresh_code

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_staff_need_the_second_step_and_a_new_member_sets_it_up(visit):
    page = visit.page
    visit.goto("/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill("dpo")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Tweede stap")).to_be_visible()
    visit.check("95-tweede-stap")
    visit.goto("/personen/")  # nothing opens before the code
    expect(page.get_by_role("heading", name="Tweede stap")).to_be_visible()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Deze code klopt niet of is al gebruikt.")).to_be_visible()
    time.sleep(1.1)  # django-otp waits a second after a wrong code
    page.get_by_label("Code").fill(fresh_code("dpo"))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/personen/$"))
    page.get_by_role("link", name="Tweede factor").click()
    expect(page.get_by_role("heading", name="Tweede factor")).to_be_visible()
    visit.check("96-dpo-tweede-factor")
    visit.logout()

    visit.login("beheer.kortrijk")
    page.get_by_role("link", name="Gebruikers", exact=True).click()
    page.get_by_role("link", name="Nieuwe gebruiker").click()
    page.get_by_label("Gebruikersnaam").fill("nieuw.kortrijk")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("Rol").select_option(label="maatschappelijk werker")
    page.get_by_label("Eerste wachtwoord").fill("een-goed-wachtwoord-42")
    page.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_text("Gebruiker aangemaakt.")).to_be_visible()
    visit.logout()

    visit.goto("/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill("nieuw.kortrijk")
    page.get_by_label("Wachtwoord").fill("een-goed-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    visit.check("97-authenticator-instellen")
    key = page.locator("code").inner_text().replace(" ", "")
    secret = base64.b32decode(key)
    page.get_by_label("Code").fill(f"{hotp(secret, int(time.time()) // 30):06d}")
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    expect(page.locator("ul.codes li")).to_have_count(10)
    visit.check("98-herstelcodes")
    page.get_by_role("link", name="Ik heb ze bewaard — verder").click()
    expect(page.get_by_role("link", name="Personen", exact=True)).to_be_visible()
