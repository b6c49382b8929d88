"""Issue 9: the 2018 demo reproduces the seed's key-figures table through `samen report`,
and a coordinator reads the annual report in the browser and takes the PDF for the board."""

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

# ../shared/domain.md, "Key figures": the 2018 values of the seed, by contract ID.
SEED_2018 = {
    "biz.education.pupils": 267 + 657 + 135 + 60,
    "biz.groupwork.series": 7,
    "biz.groupwork.sessions": 7 * 5,
    "biz.groupwork.participants": 70,
    "food.organisations_ordering": 45,
    "food.trainees_active": 14,
    "energy.loans.dossiers": 343,
    "energy.loans.by_rate": {"2": 190, "0": 153},
    "kw.meldpunt.situations": 117,
    "kw.meldpunt.persons": 186,
    "kw.meldpunt.offered": 66,
    "kw.dwellings": 26,
    "kw.occupations": 32,
    "kw.trajectories.dedicated_team": 39,
    "kw.trajectories.kracht_wonen": 5,
    "kw.crisis_consultations": 14,
    "kw.crisis_consultations.situations": 7,
    "crisis.admissions": 282,
    "crisis.persons": 118,
    "crisis.nights": 536,
    "woonclub.points": 11,
    "woonclub.new_households": 709,
    "woonclub.persons": 1716,
    "woonclub.singles": 519,
    "woonclub.by_situation": {"tenant": 337, "temporary": 291, "homeless": 48, "owner": 33,
                              "other": 0},
    "woonclub.housed": 214,
    "work.wijkwerk.cheques": 142_579,
    "work.wijkwerk.from_pwa": 380,
    "work.wijkwerk.referred": 155,
    "work.wijkwerk.started": 123,
    "work.activation.started": 2,
}  # fmt: skip


def report(server, *args) -> dict:
    command = [sys.executable, "-m", "samen.cli", "report", *args, "--format", "json"]
    done = subprocess.run(command, env=server["env"], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def test_samen_report_2018_reproduces_the_seed(server):
    data = report(server, "2018")
    assert (data["year"], data["from"], data["to"]) == (2018, "2018-01-01", "2018-12-31")
    figures = data["figures"]
    for key, value in SEED_2018.items():
        assert figures[key] == value, key
    by_town, by_kind = figures["biz.education.pupils_by_municipality"], figures[
        "biz.education.pupils_by_activity"]  # fmt: skip
    assert (by_town["Waregem"], by_town["Kortrijk"]) == (267, 657)  # the budget fair
    assert (by_town["Kuurne"], by_town["Harelbeke"]) == (135, 60)  # the toolbox
    assert (by_kind["budget_fair"], by_kind["toolbox"]) == (267 + 657, 135 + 60)
    assert figures["biz.events.count_by_type"]["inspiration_day"] == 1
    assert figures["biz.events.participants_by_type"]["inspiration_day"] == 170
    assert figures["biz.events.count_by_type"]["learning_network"] == 3
    assert figures["biz.events.count_by_type"]["intervision"] == 2
    assert figures["biz.events.participants_by_type"]["intervision"] == 20
    assert abs(figures["food.collected_kg_per_day"] - 1200) <= 12  # within 1 %
    outflow = figures["kw.outflow"]
    assert (outflow["social_rental"], outflow["private_rental"], outflow["facility"]) == (5, 2, 2)
    assert figures["kw.waiting_accelerated_allocation"] == 2
    reasons = figures["woonclub.reasons_pct"]
    assert (reasons["independence"], reasons["unsuitable_home"], reasons["relationship"]) == (
        33.15, 18.76, 14.39)  # fmt: skip
    assert 90 <= figures["woonclub.search_days_avg"] <= 120  # "3 à 4 maanden"


def test_the_seeds_periods_through_from_and_to(server):
    konekti = report(server, "--from", "05/11/2018", "--to", "04/01/2019")
    assert konekti["year"] is None
    assert konekti["figures"]["care.konekti.families"] == 40
    solentra = report(server, "--from", "01/09/2018", "--to", "22/05/2019")
    assert solentra["figures"]["care.solentra.consultations"] == 81


def test_a_municipality_report_counts_its_own_records(server):
    kortrijk = report(server, "2018", "--municipality", "Kortrijk")["figures"]
    assert kortrijk["biz.education.pupils"] == 657
    assert 0 < kortrijk["crisis.admissions"] < 282  # the beds in Kortrijk, not Menen's
    assert 0 < kortrijk["woonclub.new_households"] < 709


def test_the_coordinator_reads_the_annual_report_and_takes_the_pdf(visit):
    page = visit.page
    visit.login("kim.coordinator")
    page.get_by_role("link", name="Jaarverslag", exact=True).click()
    page.get_by_label("Jaar", exact=True).fill("2018")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="Jaarverslag 2018 — W13", level=1)).to_be_visible()
    crisis = page.get_by_role("row", name="Opnames in een crisisbed")
    expect(crisis.get_by_role("cell").first).to_have_text("282")
    expect(page.get_by_role("row", name="Nieuwe gezinnen").get_by_role("cell").first
           ).to_have_text("709")  # fmt: skip
    expect(page.get_by_role("img", name="Overnachtingen in crisisbedden per maand")).to_be_visible()
    visit.check("90-jaarverslag-2018")
    with page.expect_download() as download:
        page.evaluate(
            "() => { const a = document.querySelector('a[href*=\"/pdf/\"]');"
            " a.setAttribute('download', 'jaarverslag.pdf'); a.click(); }"
        )
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    page.get_by_label("Gemeente", exact=True).select_option(label="Menen")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="Jaarverslag 2018 — Menen", level=1)).to_be_visible()
    page.get_by_role("link", name="Dashboards", exact=True).click()
    page.get_by_role("link", name="Woonclub", exact=True).click()
    expect(page.get_by_text("de cijfers vernieuwen zichzelf")).to_be_visible()
    visit.check("91-dashboard-woonclub")


def test_anyone_reads_a_municipalitys_published_figures(visit):
    page = visit.page
    visit.goto("/cijfers/openbaar/2018/")
    page.get_by_role("link", name="Spiere-Helkijn").click()
    expect(page.get_by_role("heading", name="Jaarverslag 2018 — Spiere-Helkijn")).to_be_visible()
    expect(
        page.get_by_text("Aantallen personen of gezinnen van 1 tot 4 staan als <5")
    ).to_be_visible()
    visit.check("92-openbaar-spiere-helkijn")
