"""Browser test of wijk-werken (issue 6): a user buys cheques and asks for a service, the
coach matches it, hours are registered and cheques redeemed, and an entry that would break
the monthly limit is refused with the limit named."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_the_wijkwerk_cycle_and_the_monthly_limit(visit):
    page = visit.page
    visit.login("school.vlinder")
    page.get_by_role("link", name="Mijn wijk-werken").first.click()
    before = int(re.search(r"Nog (\d+) cheques", page.content()).group(1))
    page.get_by_label("Aantal cheques").fill("10")
    page.get_by_role("button", name="Kopen").click()
    expect(page.get_by_text("Je kocht 10 cheques aan € 7,45 per cheque.")).to_be_visible()
    expect(page.get_by_text(f"Nog {before + 10} cheques")).to_be_visible()
    page.get_by_label("Activiteit").fill("Toezicht op de speelplaats")
    page.get_by_label("Plaats").fill("Basisschool De Vlinder, Wevelgem")
    page.get_by_label("Gewenste uren per maand").fill("6")
    visit.check("60-mijn-wijk-werken")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_text("Je vraag is verstuurd naar de wijk-werkcoach.")).to_be_visible()
    visit.logout()

    visit.login("wijkwerk.coach")
    page.get_by_role("link", name="Wijk-werken", exact=True).click()
    visit.check("61-wijk-werken-coach")
    row = page.get_by_role("row").filter(has_text="Toezicht op de speelplaats")
    row.get_by_role("link", name="Basisschool De Vlinder").click()
    page.get_by_label("Wijk-werker").select_option(label="Rudy Verhaeghe")
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_text("De vraag is gekoppeld aan Rudy Verhaeghe.")).to_be_visible()

    page.get_by_label("Zoek een wijk-werker").fill("Verhaeghe")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Rudy Verhaeghe").first.click()
    expect(page.get_by_role("heading", name="Wijk-werker: Rudy Verhaeghe")).to_be_visible()
    today = f"{dt.date.today():%d/%m/%Y}"

    def register(hours: str) -> None:
        page.get_by_label("Gebruiker").select_option(label="Basisschool De Vlinder")
        page.get_by_label("Activiteit").fill("Toezicht op de speelplaats")
        page.get_by_label("Datum").fill(today)
        page.get_by_label("Uren").fill(hours)
        page.get_by_role("button", name="Registreren").click()

    register("3")  # 56 h this month in the demo: 59 after this one
    expect(page.get_by_text("3 uur geregistreerd; 3 cheques ingewisseld.")).to_be_visible()
    register("1,5")  # 60,5 h: refused
    refusal = page.get_by_text(re.compile("maximaal 60 uur per maand"))
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("al 59 uur deze maand, deze prestatie zou 60,5 uur maken")
    visit.check("62-maandgrens-geweigerd")
    register("1")  # exactly 60: allowed
    expect(page.get_by_text("1 uur geregistreerd; 1 cheque ingewisseld.")).to_be_visible()
    visit.logout()

    visit.login("school.vlinder")
    page.get_by_role("link", name="Mijn wijk-werken").first.click()
    expect(page.get_by_text(f"Nog {before + 10 - 4} cheques")).to_be_visible()
    expect(page.get_by_role("cell", name="gekoppeld: Rudy Verhaeghe")).to_be_visible()
