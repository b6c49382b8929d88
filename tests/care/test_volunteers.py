"""The volunteer database: screening before any assignment, suggestions scored by hand,
hours, the insurer's spreadsheet, a volunteer's own page and nothing more, the figure."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samen.care import selectors
from samen.care.models import Assignment, Volunteer, VolunteerRequest
from samen.registry.models import Municipality
from tests.conftest import sign_in, user_of

pytestmark = pytest.mark.django_db
SATURDAY = dt.date(2026, 12, 5)


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def people(world):
    towns = {m.name: m for m in Municipality.objects.all()}

    def make(first, town, skills=(), weekdays=(), screened=True, **extra):
        return Volunteer.objects.create(
            first_name=first, last_name="Vrijwilliger", birth_date=dt.date(1960, 12, 1),
            municipality=towns[town], skills=list(skills), weekdays=list(weekdays),
            good_conduct_on=dt.date(2025, 1, 10) if screened else None,
            insured_from=dt.date(2025, 1, 1) if screened else None, **extra,
        )  # fmt: skip

    return {
        "ann": make("Ann", "Kuurne", ["logistics", "driving"], [5]),  # 3+3+2+1 = 9
        "bert": make("Bert", "Kortrijk", ["logistics"], [5]),  # 3+1 = 4
        "cas": make("Cas", "Kuurne"),  # 2
        "dirk": make("Dirk", "Kuurne", ["logistics", "driving"], screened=False),
        "eva": make("Eva", "Kuurne", ["logistics"], account=user_of("volunteer")),  # 5
    }


def test_coordinators_keep_the_database_and_bad_input_is_named(client, world):
    login(client, "coordinator")
    response = client.post(reverse("volunteer_new"), {
        "first_name": "Fien", "last_name": "", "birth_date": "31/02/1970",
        "municipality": Municipality.objects.get(name="Menen").pk, "active": "on",
    })  # fmt: skip
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    assert not Volunteer.objects.exists()
    client.post(reverse("volunteer_new"), {
        "first_name": "Fien", "last_name": "Claes", "birth_date": "03/12/1970",
        "municipality": Municipality.objects.get(name="Menen").pk, "active": "on",
        "skills": ["cooking"], "weekdays": ["2"], "languages": "Nederlands, Frans",
    })  # fmt: skip
    fien = Volunteer.objects.get()
    assert (fien.skills, fien.weekdays) == (["cooking"], [2])
    assert list(selectors.birthdays(12)) == [fien]


def test_suggestions_screening_assignments_hours_and_the_figure(client, people):
    login(client, "hub_coordinator")
    client.post(reverse("volunteer_requests"), {
        "kind": "food", "title": "Sorteren in de hub",
        "municipality": Municipality.objects.get(name="Kuurne").pk, "on": "05/12/2026",
        "hours": "3", "needed": "2", "skills": ["logistics", "driving"],
    })  # fmt: skip
    asked = VolunteerRequest.objects.get()
    assert asked.organisation.name == "W13 welzijnsvereniging"  # the hub team asks for W13
    found = [(v.first_name, score) for v, score, _reasons in selectors.suggestions(asked)]
    # Dirk is not screened; the rest by score, then name.
    assert found == [("Ann", 9), ("Eva", 5), ("Bert", 4), ("Cas", 2)]
    login(client, "coordinator")
    url = reverse("volunteer_request", args=[asked.pk])
    response = client.post(url, {"volunteer": people["dirk"].pk}, follow=True)
    assert "Dirk Vrijwilliger is niet gescreend of niet verzekerd op die dag." in messages_of(
        response)  # fmt: skip
    client.post(url, {"volunteer": people["ann"].pk})
    client.post(url, {"volunteer": people["eva"].pk})
    response = client.post(url, {"volunteer": people["bert"].pk}, follow=True)
    assert "Er zijn al 2 vrijwilligers voor deze vraag." in messages_of(response)
    login(client, "hub_coordinator")  # the organisation that asked logs the hours
    ann = Assignment.objects.get(volunteer=people["ann"])
    response = client.post(url, {"assignment": ann.pk, "hours": "25"}, follow=True)
    assert any(m.startswith("Gepresteerde uren:") for m in messages_of(response))
    client.post(url, {"assignment": ann.pk, "hours": "3,5"})
    ann.refresh_from_db()
    assert ann.hours == D("3.5")
    assert selectors.volunteers_active(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 2
    assert selectors.volunteers_active(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 0
    login(client, "coordinator")
    response = client.get(reverse("volunteer_export"), {"start": "01/01/2026",
                                                        "end": "31/12/2026"})  # fmt: skip
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]
    # Ann: 3,5 hours logged; Eva: 3 planned (no hours logged yet).
    assert [(r[1], r[5], float(r[6])) for r in rows] == [("Ann", 1, 3.5), ("Eva", 1, 3.0)]


def test_a_volunteer_sees_and_keeps_only_their_own_profile(client, people):
    login(client, "volunteer")
    assert client.get(reverse("volunteers")).status_code == 403
    client.post(reverse("volunteer_me"), {"phone": "0470 12 34 56", "languages": "Nederlands",
                                          "skills": ["cooking"], "weekdays": ["6"],
                                          "good_conduct_on": "01/01/2026"})  # fmt: skip
    eva = Volunteer.objects.get(first_name="Eva")
    assert (eva.phone, eva.skills, eva.weekdays) == ("0470 12 34 56", ["cooking"], [6])
    assert eva.good_conduct_on == dt.date(2025, 1, 10)  # screening stays the coordinator's
    page = client.get(reverse("volunteer_me")).content.decode()
    assert "Ann" not in page


def test_the_volunteers_import(tmp_path, world):
    from samen.imports import framework

    head = ("voornaam;achternaam;geboortedatum;gemeente;email;telefoon;vaardigheden;talen;"
            "uittreksel_strafregister;verzekerd_vanaf\n")  # fmt: skip
    path = tmp_path / "vrijwilligers.csv"
    path.write_text(head + (
        "Fien;Claes;03/12/1970;Menen;fien@;;jongleren;;;\n"
        "Gert;Desmet;31/02/1980;Atlantis;;;;;;\n"
    ), encoding="utf-8")  # fmt: skip
    bad = framework.run("volunteers", path, actor=user_of("coordinator"))
    assert {(e.row, e.column) for e in bad.errors} == {
        (2, "email"), (2, "vaardigheden"), (3, "geboortedatum"), (3, "gemeente")}  # fmt: skip
    path.write_text(head + (
        "Fien;Claes;03/12/1970;Menen;fien@voorbeeld.be;;cooking, welcome;Nederlands;10/01/2025;"
        "01/01/2025\n"
        "Gert;Desmet;01/02/1980;Kuurne;;;;;;\n"
    ), encoding="utf-8")  # fmt: skip
    good = framework.run("volunteers", path, actor=user_of("coordinator"))
    assert good.ok, good.errors
    fien = Volunteer.objects.get(first_name="Fien")
    assert fien.skills == ["cooking", "welcome"] and selectors.screened(fien, SATURDAY)
    assert not selectors.screened(Volunteer.objects.get(first_name="Gert"), SATURDAY)
    framework.undo(good.batch.pk, actor=user_of("coordinator"))
    assert not Volunteer.objects.exists()


def test_a_bad_request_for_volunteers_is_named(client, world):
    login(client, "hub_coordinator")
    response = client.post(reverse("volunteer_requests"), {
        "kind": "food", "title": "", "municipality": Municipality.objects.get(name="Kuurne").pk,
        "on": "32/12/2026", "hours": "3", "needed": "1"})  # fmt: skip
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    assert not VolunteerRequest.objects.exists()


def test_a_name_that_looks_like_a_formula_stays_text_in_the_insurers_sheet(client, people):
    from samen.registry.models import Organisation

    ann = people["ann"]
    ann.last_name = '=HYPERLINK("http://aanval.example","klik")'
    ann.first_name = "@SUM(A1:A9)"
    ann.save()
    asked = VolunteerRequest.objects.create(
        organisation=Organisation.objects.get(name="W13 welzijnsvereniging"), kind="food",
        title="Sorteren", municipality=ann.municipality, on=dt.date(2026, 3, 3), hours=D(2),
        asked_by=user_of("coordinator"),
    )  # fmt: skip
    Assignment.objects.create(request=asked, volunteer=ann, hours=D(2))
    login(client, "coordinator")
    response = client.get(reverse("volunteer_export"), {"start": "01/01/2026",
                                                        "end": "31/12/2026"})  # fmt: skip
    row = next(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2))
    assert row[0].value == "'" + ann.last_name and row[0].data_type == "s"
    assert row[1].value == "'@SUM(A1:A9)"
    assert row[5].value == 1  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+32 470", "'+32 470"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("Anna", "Anna"),
        (-2, -2),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    from samen.core.spreadsheets import safe_cell

    assert safe_cell(value) == written
