"""The annual report's pages: the coordinator's report (exact) in HTML and as PDF, the
dashboards, and the published pages and API (suppressed, no login)."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse

from samen.housing.models import CrisisAdmission, CrisisBed
from samen.registry.models import Municipality, Organisation, Person
from tests.conftest import user_of

pytestmark = pytest.mark.django_db
BXL = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture
def admissions(world):
    """Three admissions in Menen's bed in 2018 (3 persons), one in 2017."""
    bed = CrisisBed.objects.create(partner=Organisation.objects.get(name="OCMW Menen"), label="1")
    for n, day in enumerate((dt.date(2017, 5, 1), dt.date(2018, 2, 1), dt.date(2018, 3, 1),
                             dt.date(2018, 4, 1))):  # fmt: skip
        start = dt.datetime.combine(day, dt.time(22), tzinfo=BXL)
        CrisisAdmission.objects.create(
            bed=bed, person=Person.objects.create(first_name=f"P{n}", last_name="X"),
            organisation=bed.partner, admitted_by=user_of("worker_menen"), admitted_at=start,
            discharged_at=start + dt.timedelta(hours=11), reason="x",
            legal_basis="vital_interest",
        )  # fmt: skip


def test_the_annual_report_shows_the_year_beside_the_year_before(persona_client, admissions):
    response = persona_client("coordinator").get(reverse("report_annual"), {"jaar": 2018})
    html = response.content.decode()
    assert "Jaarverslag 2018 — W13" in html
    row = html[html.index("Opnames in een crisisbed") :][:200]
    assert '<td class="num">3</td><td class="num">1</td>' in row
    assert 'aria-label="Overnachtingen in crisisbedden per maand"' in html


def test_bad_period_input_is_named_in_dutch(persona_client, world):
    client = persona_client("coordinator")
    html = client.get(reverse("report_annual"), {"van": "31/02/2018", "tot": "01/03/2018"}
                      ).content.decode()  # fmt: skip
    assert "Van: " in html and "geldige datum" in html
    html = client.get(reverse("report_annual"), {"van": "01/03/2018", "tot": "01/02/2018"}
                      ).content.decode()  # fmt: skip
    assert "Deze dag ligt vóór het begin van de periode." in html
    html = client.get(reverse("report_annual"), {"jaar": "2018", "van": "01/03/2018",
                                                 "tot": "01/04/2018"}).content.decode()  # fmt: skip
    assert "Kies een jaar óf een periode" in html


def test_the_pdf_for_the_board(persona_client, admissions):
    from pypdf import PdfReader

    response = persona_client("coordinator").get(reverse("report_annual_pdf"), {"jaar": 2018})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    pages = len(reader.pages)
    assert pages >= 6
    assert "Jaarverslag 2018 — W13" in text and "Inhoud" in text
    assert f"2 / {pages}" in text  # page numbers
    assert "Crisisnetwerk" in text and "Opnames in een crisisbed" in text


def test_a_municipality_pdf(persona_client, admissions):
    menen = Municipality.objects.get(name="Menen")
    response = persona_client("coordinator").get(
        reverse("report_annual_pdf"), {"jaar": 2018, "gemeente": menen.nis_code}
    )
    assert response["Content-Disposition"].endswith(f'-{menen.nis_code}.pdf"')


def test_the_dashboard_refreshes_itself(persona_client, admissions):
    client = persona_client("programme_lead")
    page = client.get(reverse("report_dashboard", args=["crisisnetwerk"])).content.decode()
    assert 'hx-trigger="every 300s"' in page and "<nav" in page
    partial = client.get(reverse("report_dashboard", args=["crisisnetwerk"]),
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert "<nav" not in partial and "Opnames in een crisisbed" in partial
    assert client.get(reverse("report_dashboard", args=["onbekend"])).status_code == 404


def test_a_municipalitys_public_report_hides_small_people_counts(client, admissions):
    menen = Municipality.objects.get(name="Menen")
    html = client.get(reverse("public_municipality_report", args=[2018, menen.nis_code])
                      ).content.decode()  # fmt: skip
    row = html[html.index("Verschillende personen opgenomen") :]
    row = row[: row.index("</tr>")]
    assert "&lt;5" in row and '<td class="num">3</td>' not in row
    nights = html[html.index("Overnachtingen") :][:120]
    assert '<td class="num">3</td>' in nights  # nights are not people
    assert client.get(reverse("public_reports", args=[2100])).status_code == 404


def test_the_open_data_api_matches_the_file(client, admissions):
    data = client.get("/api/v1/open-data/2018").json()
    menen = next(r for r in data["rows"] if r["municipality"] == "Menen")
    assert (data["year"], data["suppressed"]) == (2018, "<5")
    assert menen["figures"]["crisis.persons"] == "<5"
    assert menen["figures"]["crisis.nights"] == 3
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/open-data/{year}" in schema["paths"]
    assert client.get("/api/v1/open-data/1999").status_code == 404
