"""Browser tests of the housing services (issue 5)."""

import re

import pytest

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
        assert page.get_by_text(f"{first} {last} is opgenomen in").is_visible()
        page.get_by_role("link", name="Crisisbedden").click()
    assert page.get_by_text("Er is vannacht geen vrij crisisbed in het netwerk.").is_visible()
    visit.goto("/wonen/crisisbedden/opnames/")
    page.get_by_role("link", name="Mira Dewulf").click()
    visit.check("42-crisis-opname")
    page.get_by_label("Vervolg").select_option("kracht_wonen")
    page.get_by_role("button", name="Ontslag registreren").click()
    assert page.get_by_text("Het ontslag is geregistreerd.").is_visible()
    page.get_by_role("link", name="Crisisbedden").click()
    assert page.get_by_role("link", name=re.compile("^Opnemen in ")).count() == 1  # free again
    visit.logout()
    visit.login("crisis.caw")
    page.get_by_role("link", name="Crisisopnames").click()
    visit.check("43-crisis-partner")
