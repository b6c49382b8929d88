"""Browser test of the Wakosta?! budget app (issue 7) on a phone: a citizen builds a month,
imports a bank CSV, sees the warning and shares the budget; the counsellor sees it; after
the citizen revokes, the counsellor no longer does."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

PASSWORD = "Mijn-budget-in-zicht-2026"


def fits_the_phone(page) -> bool:
    """Nothing sticks out sideways at 360 px (tables scroll inside their own box)."""
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_citizen_keeps_a_budget_on_a_phone_and_shares_it(visit, tmp_path):
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 740})
    month = dt.date.today().replace(day=1)
    visit.goto("/aanmelden/")
    page.get_by_role("link", name="Nog geen account? Start je budget met Wakosta?!").click()
    page.get_by_label("E-mailadres").fill("lotte@voorbeeld.be")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Wachtwoord nog eens").fill(PASSWORD)
    visit.check("80-wakosta-registreren")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_text("Welkom bij Wakosta?!")).to_be_visible()

    page.get_by_role("link", name="Vaste bedragen").click()
    for description, category, amount in (("Loon", "loon", "1.650"),
                                          ("Huur", "huur of lening woning", "725")):  # fmt: skip
        page.get_by_label("Omschrijving").fill(description)
        page.get_by_role("combobox", name="Categorie").select_option(label=category)
        page.get_by_label("Bedrag (€)").fill(amount)
        page.get_by_label("Vanaf").fill(f"{month:%d/%m/%Y}")
        page.get_by_role("button", name="Toevoegen").click()
        expect(
            page.get_by_text("Het vaste bedrag staat in je plan van elke maand.")
        ).to_be_visible()
    page.get_by_role("link", name="Maand", exact=True).click()
    page.get_by_role("combobox", name="Categorie").select_option(label="voeding")
    page.get_by_label("Bedrag per maand (€)").fill("400")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Het plan is bewaard.")).to_be_visible()

    bank = tmp_path / "rekening.csv"
    bank.write_text(
        "Datum;Bedrag;Tegenpartij;Omschrijving\n"
        f"{month:%d/%m/%Y};1.650,00;Werkgever NV;Loon\n"
        f"{month:%d/%m/%Y};-725,00;Woonmaatschappij;Huur\n"
        f"{month:%d/%m/%Y};-1.212,40;Bouwmarkt;Wasmachine en droogkast\n",
        encoding="utf-8",
    )
    page.get_by_role("link", name="Bank inlezen").click()
    page.get_by_label("Export van je bank (CSV)").set_input_files(str(bank))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("3 lijnen ingelezen; 0 stonden er al.")).to_be_visible()
    # Real expenses 725 + 1.212,40 = 1.937,40 against 1.650 income: € 287,40 short.
    warning = page.get_by_role("alert").filter(has_text="tekort")
    expect(warning).to_contain_text("De uitgaven (echt) zijn hoger dan het inkomen: € 287,40")
    assert fits_the_phone(page)
    visit.check("81-wakosta-maand-gsm")

    page.get_by_role("link", name="Delen").click()
    page.get_by_label("Budgetbegeleider").select_option(label="Nadia Demo")
    page.get_by_role("button", name="Delen").click()
    expect(page.get_by_text("Je budget is gedeeld.")).to_be_visible()
    assert fits_the_phone(page)
    visit.check("82-wakosta-delen")
    visit.logout()

    page.set_viewport_size({"width": 1024, "height": 768})
    visit.login("biz.begeleider")
    page.get_by_role("link", name="Budget In Zicht").first.click()
    page.get_by_role("link", name="lotte@voorbeeld.be").click()
    expect(page.get_by_text("€ 287,40 tekort")).to_be_visible()
    shared = urlparse(page.url).path
    visit.check("83-gedeeld-budget")
    visit.logout()

    visit.goto("/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill("lotte@voorbeeld.be")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("link", name="Mijn budget").first.click()
    page.get_by_role("link", name="Delen").click()
    expect(page.get_by_role("listitem").filter(has_text=re.compile("Demo$"))).to_be_visible()
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("Het delen is ingetrokken")).to_be_visible()
    visit.logout()

    visit.login("biz.begeleider")
    page.get_by_role("link", name="Budget In Zicht").first.click()
    expect(page.get_by_role("link", name="wakosta@voorbeeld.be")).to_be_visible()  # the demo's
    expect(page.get_by_role("link", name="lotte@voorbeeld.be")).to_have_count(0)
    response = visit.goto(shared)
    assert response.status == 404
