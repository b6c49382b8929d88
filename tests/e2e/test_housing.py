"""Browser tests of the housing services (issue 5)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_an_after_hours_admission_into_the_last_free_bed(visit):
    page = visit.page
    visit.login("sofie.kortrijk")
    page.get_by_role("link", name="Crisisbedden").click()
    visit.check("40-crisisbedden")
    free = page.get_by_role("link", name=re.compile("^Opnemen in "))
    assert free.count() == 2  # the demo's busy evening: two beds left
    for first, last in (("Jonas", "Nachtegaal"), ("Mira", "Dewulf")):
        page.get_by_role("link", name=re.compile("^Opnemen in ")).first.click()
        page.get_by_label("Voornaam").fill(first)
        page.get_by_label("Achternaam").fill(last)
        page.get_by_label("Reden van de opname").fill("Psychosociale crisis, geen netwerk.")
        page.get_by_label("Rechtsgrond").select_option("vital_interest")
        if first == "Jonas":
            visit.check("41-crisis-opnemen")
        page.get_by_role("button", name="Opname bevestigen").click()
        expect(page.get_by_text(f"{first} {last} is opgenomen in")).to_be_visible()
        page.get_by_role("link", name="Crisisbedden").click()
    expect(page.get_by_text("Er is vannacht geen vrij crisisbed in het netwerk.")).to_be_visible()
    visit.goto("/wonen/crisisbedden/opnames/")
    page.get_by_role("link", name="Mira Dewulf").click()
    visit.check("42-crisis-opname")
    page.get_by_label("Vervolg").select_option("kracht_wonen")
    page.get_by_role("button", name="Ontslag registreren").click()
    expect(page.get_by_text("Het ontslag is geregistreerd.")).to_be_visible()
    page.get_by_role("link", name="Crisisbedden").click()
    assert page.get_by_role("link", name=re.compile("^Opnemen in ")).count() == 1  # free again
    visit.logout()
    visit.login("crisis.caw")
    page.get_by_role("link", name="Crisisopnames").click()
    visit.check("43-crisis-partner")


def test_a_service_reports_and_the_meldpunt_decides(visit):
    page = visit.page
    visit.login("sofie.kortrijk")
    page.get_by_role("link", name="Personen", exact=True).click()
    page.get_by_label("Naam").fill("Declercq")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=re.compile("^Els Declercq")).first.click()
    page.get_by_role("link", name="Melden bij Kracht.Wonen").click()
    page.get_by_label("Huidige woonsituatie").select_option("sofa")
    page.get_by_label("Dak- of thuisloos sinds").fill("01/02/2025")
    page.get_by_label("Kwetsbaarheid").select_option("5")
    page.get_by_label("Urgentie").select_option("5")
    page.get_by_label("wonen").check()
    page.locator("#id_description").fill("Slaapt bij vrienden, moet er deze week weg.")
    page.get_by_label("Verantwoording").fill("OCMW-wet art. 1: maatschappelijke dienstverlening.")
    visit.check("44-meldpunt-melden")
    page.get_by_role("button", name="Melden", exact=True).click()
    expect(page.get_by_text("De situatie is gemeld bij het Kracht.Wonen-meldpunt.")).to_be_visible()
    visit.logout()
    visit.login("lies.meldpunt")
    page.get_by_role("link", name="Kracht.Wonen", exact=True).click()
    visit.check("45-meldpunt-prioriteiten")
    first = page.locator("tbody tr").first  # 5/5 urgent, 5/5 vulnerable: on top
    assert "Els Declercq" in first.inner_text() and "urgentie 5/5" in first.inner_text()
    first.get_by_role("link").click()
    page.get_by_label("Beslissing").select_option("kracht_wonen")
    page.get_by_label("Reden").fill("Past in de woningpool; het toegewijde team volgt op.")
    visit.check("46-meldpunt-situatie")
    page.get_by_role("button", name="Beslissing registreren").click()
    expect(page.get_by_text("De beslissing is geregistreerd.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Kracht.Wonen-traject aangeboden"))).to_be_visible()
    # Then a free dwelling of the pool is offered, accepted, and lived in.
    page.get_by_role("link", name="Naar de prioriteitenlijst").click()
    page.get_by_role("link", name="Woningpool").click()
    visit.check("47-woningpool")
    page.locator("tbody tr", has_text="vrij").first.get_by_role("link").click()
    page.get_by_role("button", name="Aanbieden Els Declercq").click()
    expect(page.get_by_text("De woning is aangeboden.")).to_be_visible()
    page.get_by_label("aanvaard").check()
    page.get_by_label("Begin van de bewoning").fill("01/12/2026")
    visit.check("48-woning-aanbod")
    page.get_by_role("button", name="Antwoord registreren").click()
    expect(page.get_by_text("Het antwoord is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Bewoning", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("^Els Declercq — sinds 01/12/2026"))).to_be_visible()


def test_an_eviction_report_reaches_the_tenants_ocmw(visit):
    page = visit.page
    visit.login("an.caw")
    page.get_by_role("link", name="Uithuiszetting").click()
    page.get_by_label("Ontvangen op").fill("27/11/2026")
    page.get_by_label("Bron").select_option("justice")
    page.get_by_label("Huurder").fill("Hilde Vercruysse")
    page.get_by_label("Adres").fill("Wervikstraat 8")
    page.get_by_label("Gemeente").select_option(label="Menen")
    visit.check("49-uithuiszetting-melden")
    page.get_by_role("button", name="Melden", exact=True).click()
    expect(page.get_by_text("Gemeld; doorgestuurd naar OCMW Menen.")).to_be_visible()
    visit.logout()
    visit.login("marc.menen")
    page.get_by_role("link", name="Uithuiszetting").click()
    page.get_by_role("link", name="Hilde Vercruysse").click()
    page.locator("#id_on").fill("28/11/2026")
    page.locator("#id_kind").select_option("visit")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("De actie is toegevoegd.")).to_be_visible()
    page.locator("#id_outcome").select_option("prevented")
    page.locator("#id_outcome_on").fill("29/11/2026")
    page.get_by_role("button", name="Afloop registreren").click()
    expect(page.get_by_text("De afloop is geregistreerd.")).to_be_visible()
    visit.check("50-uithuiszetting")
    # And an accelerated allocation for a family of Menen's own files.
    page.get_by_role("link", name="Personen", exact=True).click()
    page.get_by_label("Naam").fill("Callens")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=re.compile("^Chantal Callens")).first.click()
    page.get_by_role("link", name="Versnelde toewijzing aanvragen").click()
    page.get_by_label("Sociale huisvestingsmaatschappij").select_option(index=1)
    page.get_by_label("Motivering").fill("Uithuiszetting op 15/12; drie kinderen, geen netwerk.")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("De aanvraag voor versnelde toewijzing is ingediend.")).to_be_visible()
    card = page.locator("section.card", has_text="Chantal Callens")
    card.get_by_label("toegekend").check()
    card.get_by_label("Beslist op").fill("30/11/2026")
    visit.check("56-versnelde-toewijzing")
    card.get_by_role("button", name=re.compile("^Beslissing registreren")).click()
    expect(page.get_by_text("De beslissing is geregistreerd.")).to_be_visible()
    callens = page.locator("section.card", has_text="Chantal Callens")
    expect(callens.get_by_text(re.compile("toegekend")).first).to_be_visible()


def test_the_dedicated_team_logs_a_contact(visit):
    page = visit.page
    visit.login("jan.ubuntu")
    page.get_by_role("link", name="Dedicated team").click()
    visit.check("57-dedicated-team")
    page.locator("tbody").last.get_by_role("link").first.click()
    page.get_by_label("Datum").fill("30/11/2026")
    page.get_by_label("Soort contact").select_option("visit")
    page.get_by_label("Verslag").fill("Huisbezoek: huur betaald, afspraak met het OCMW.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Het contact is toegevoegd.")).to_be_visible()
    visit.check("58-traject")


def test_a_volunteer_adds_listings_without_seeing_any_client(visit):
    page = visit.page
    visit.login("vera.vrijwilliger")
    page.get_by_role("link", name="Huuraanbod").click()
    page.get_by_label("Gemeente").select_option(label="Wevelgem")
    page.get_by_label("Straat of buurt").fill("Kerkplein")
    page.get_by_label("Huur per maand (€)").fill("640")
    page.get_by_label("Slaapkamers").fill("2")
    page.get_by_label("EPC-label").select_option("C")
    page.get_by_label("Bron").fill("raambiljet")
    page.get_by_label("Gezien op").fill("27/11/2026")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Het huuraanbod is toegevoegd.")).to_be_visible()
    visit.check("51-huuraanbod")
    assert page.get_by_role("link", name="Personen", exact=True).count() == 0
    assert visit.goto("/wonen/woonclub/").status == 403  # no households for a volunteer
    visit.goto("/wonen/woonclub/huuraanbod/")
    visit.logout()
    visit.login("pieter.woonclub")
    page.get_by_role("link", name="Woonclub", exact=True).click()
    visit.check("52-woonclub")
    page.locator("tbody tr").first.get_by_role("link").click()
    visit.check("53-woonclub-gezin")
    # An intake from a person's file, then the listings that fit it.
    page.get_by_role("link", name="Personen", exact=True).click()
    page.get_by_label("Naam").fill("Vandamme")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=re.compile("^Inge Vandamme")).first.click()
    page.get_by_role("link", name="Woonclub-intake").click()
    page.get_by_label("Zitdag").select_option(label="Woonclub Wevelgem")
    page.get_by_label("Intake op").fill("27/11/2026")
    page.get_by_label("Kinderen").fill("1")
    page.get_by_label("Netto-inkomen per maand (€)").fill("1800")
    page.get_by_label("Woonsituatie").select_option("tenant")
    page.get_by_label("ongeschikte of slechte woning").check()
    page.get_by_label("Wevelgem").check()
    visit.check("54-woonclub-intake")
    page.get_by_role("button", name="Intake bewaren").click()
    expect(page.get_by_text("De intake is bewaard.")).to_be_visible()
    expect(page.get_by_role("cell", name="Kerkplein")).to_be_visible()  # the volunteer's listing
    page.get_by_role("link", name="Zitdagen", exact=True).click()
    visit.check("55-zitdagen")
