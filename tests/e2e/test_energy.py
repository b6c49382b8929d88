"""Browser test of the Energiehuis (issue 7): a dossier from application to contract, shared
by the housing desk and the technical adviser, with a correct repayment schedule."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def annuity(amount: float, yearly_percent: float, months: int) -> str:
    """The monthly payment by the textbook formula (floats, independent of the app's
    Decimal code), in Belgian notation."""
    rate = (1 + yearly_percent / 100) ** (1 / 12) - 1
    payment = amount * rate / (1 - (1 + rate) ** -months)
    whole, cents = f"{payment:.2f}".split(".")
    return f"€ {int(whole):,}".replace(",", ".") + f",{cents}"


def test_an_energy_dossier_from_application_to_contract(visit):
    page = visit.page
    today = dt.date.today()
    visit.login("sofie.kortrijk")
    page.get_by_role("link", name="Personen", exact=True).click()
    page.get_by_label("Naam").fill("Els Declercq")
    page.get_by_label("Doel van de opzoeking").select_option("social_assistance")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Els Declercq").click()
    page.get_by_role("link", name="Energielening aanvragen").click()
    page.get_by_label("Aanvraag op").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("Gevraagd bedrag (€)").fill("12.000")
    page.get_by_label("Looptijd (maanden)").fill("120")
    page.get_by_label("Werken").fill("Dakisolatie en hoogrendementsglas")
    page.get_by_label("Gemeente van de woning").select_option(label="Kortrijk")
    page.get_by_label("Bouwjaar van de woning").fill("1975")
    page.get_by_label("Gezamenlijk belastbaar inkomen (€)").fill("30.000")
    page.get_by_label("Renovatiecoach Zuid-West").check()
    visit.check("70-energielening-aanvragen")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("Het dossier is aangemaakt.")).to_be_visible()
    page.get_by_role("button", name="Ontvankelijkheid beoordelen").click()
    expect(page.get_by_text("ontvankelijk", exact=True)).to_be_visible()
    expect(
        page.get_by_role("cell", name=f"De woning is {today.year - 1975} jaar oud; minstens 15.")
    ).to_be_visible()
    dossier = urlparse(page.url).path
    visit.logout()

    visit.login("adviseur.energie")
    visit.goto(dossier)
    page.get_by_label("Advies na het bezoek").fill("Eerst het dak; het glas in dezelfde werf.")
    page.get_by_role("button", name="Advies bewaren").click()
    expect(page.get_by_text("Het advies is bewaard.")).to_be_visible()
    visit.logout()

    visit.login("sofie.kortrijk")
    visit.goto(dossier)
    expect(page.get_by_text("Eerst het dak; het glas in dezelfde werf.")).to_be_visible()
    page.get_by_role("button", name="Aanbod bewaren").click()
    expect(page.get_by_text("Het aanbod is bewaard.")).to_be_visible()
    while page.get_by_role("button", name="Ontvangen").count():
        page.get_by_role("textbox", name=re.compile("ontvangen op$")).first.fill(
            f"{today:%d/%m/%Y}")  # fmt: skip
        page.get_by_role("button", name="Ontvangen").first.click()
        expect(page.get_by_text("Het document is ontvangen.")).to_be_visible()
    first_due = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    page.get_by_label("Contract getekend op").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("Eerste aflossing op").fill(f"{first_due:%d/%m/%Y}")
    page.get_by_label("Rekening voor de aflossingen (IBAN)").fill("BE71 0961 2345 6769")
    page.get_by_role("button", name="Contract registreren").click()
    expect(page.get_by_text("Het contract is geregistreerd.")).to_be_visible()
    # Mijn VerbouwLening at 2,75 % (from 24/02/2024): € 12.000 over 120 months.
    caption = page.get_by_text(
        re.compile("^Aflossingstabel: € 12.000,00 over 120 maanden aan 2,75")
    )
    expect(caption).to_be_visible()
    first = page.get_by_role("row").filter(has_text=f"{first_due:%d/%m/%Y}")
    expect(first).to_contain_text(annuity(12000, 2.75, 120))
    visit.check("71-energiedossier-contract")
