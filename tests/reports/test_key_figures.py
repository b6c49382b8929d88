"""The report contract: every ID of ../shared/key-figures.md in `samen report`'s JSON,
in its shape; a municipality's figures counted from its own records (hand-computed);
bad arguments named in Dutch."""

import datetime as dt
import json
import re
import zoneinfo
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samen.housing.models import CrisisAdmission, CrisisBed, WalkInPoint, WoonclubHousehold
from samen.registry.models import Municipality, Organisation, Person
from samen.reports.contract import IDS
from samen.reports.selectors import key_figures
from tests.conftest import SHARED, user_of

pytestmark = pytest.mark.django_db
BXL = zoneinfo.ZoneInfo("Europe/Brussels")
YEAR = (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def contract_ids() -> list[str]:
    text = (SHARED / "key-figures.md").read_text()
    return re.findall(r"^\| `([a-z0-9_.]+)` \|", text, flags=re.M)


def report_json(*args) -> dict:
    out = StringIO()
    call_command("report", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_contract_is_what_the_code_knows():
    assert contract_ids() == IDS
    assert len(IDS) == 57


def test_every_id_of_the_contract_is_in_the_output(world):
    data = report_json("2018")
    assert list(data) == ["year", "from", "to", "municipality", "figures"]
    assert (data["year"], data["from"], data["to"], data["municipality"]) == (
        2018, "2018-01-01", "2018-12-31", None)  # fmt: skip
    assert list(data["figures"]) == contract_ids()
    for key, value in data["figures"].items():
        assert value is None or isinstance(value, int | float | dict), key
        if isinstance(value, dict):
            assert all(isinstance(v, int | float) for v in value.values()), key


def test_null_without_records_and_zero_when_none_match(world):
    figures = report_json("2018")["figures"]
    assert figures["crisis.admissions"] is None  # the network has no admissions at all
    bed = CrisisBed.objects.create(partner=Organisation.objects.get(name="OCMW Menen"), label="1")
    CrisisAdmission.objects.create(
        bed=bed, person=Person.objects.create(first_name="A", last_name="B"),
        organisation=bed.partner, admitted_by=user_of("worker_menen"), reason="x",
        admitted_at=dt.datetime(2019, 3, 1, 21, tzinfo=BXL),
        discharged_at=dt.datetime(2019, 3, 2, 9, tzinfo=BXL), legal_basis="vital_interest",
    )  # fmt: skip
    figures = report_json("2018")["figures"]
    assert (figures["crisis.admissions"], figures["crisis.nights"]) == (0, 0)
    assert report_json("2019")["figures"]["crisis.nights"] == 1


def test_a_period_with_from_and_to(world):
    data = report_json("--from", "01/09/2018", "--to", "2019-05-22")
    assert (data["year"], data["from"], data["to"]) == (None, "2018-09-01", "2019-05-22")
    assert list(data["figures"]) == IDS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "31/02/2018", "--to", "01/03/2018"], "--from: '31/02/2018' is geen datum"),
        (["--from", "01/03/2018", "--to", "01/02/2018"], "--to ligt vóór --from"),
        (["--from", "01/03/2018"], "Geef een jaar"),
        (["2018", "--from", "01/03/2018"], "Geef een jaar óf --from en --to"),
        (["2018", "--municipality", "Brugge"], "--municipality: 'Brugge' is geen gemeente"),
        (["2018", "--format", "pdf"], "geef --output"),
        (["99"], "jaar: 99 is geen geldig jaar"),
    ],
)
def test_bad_arguments_are_named_in_dutch(world, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("report", *args, stdout=StringIO())


def test_the_table_and_html_formats(world, tmp_path):
    out = StringIO()
    call_command("report", "2018", stdout=out)
    assert "crisis.admissions" in out.getvalue() and "Woonclub" in out.getvalue()
    target = tmp_path / "r.html"
    call_command("report", "2018", "--format", "html", "--output", str(target), stdout=StringIO())
    html = target.read_text()
    assert "Jaarverslag 2018 — W13" in html and "Crisisnetwerk" in html
    call_command("report", "2018", "--format", "html", "--language", "fr", "--output",
                 str(target), stdout=StringIO())  # fmt: skip
    assert "Rapport annuel 2018" in target.read_text()


# --- one municipality: each record counted where it belongs -------------------------------


@pytest.fixture
def two_towns(world):
    kortrijk, menen = (Municipality.objects.get(name=n) for n in ("Kortrijk", "Menen"))
    partner_k = Organisation.objects.get(name="OCMW Kortrijk")
    partner_m = Organisation.objects.get(name="OCMW Menen")
    beds = {"K": CrisisBed.objects.create(partner=partner_k, label="K1"),
            "M": CrisisBed.objects.create(partner=partner_m, label="M1")}  # fmt: skip
    people = {
        name: Person.objects.create(first_name=name, last_name="Test", municipality=town)
        for name, town in (("k1", kortrijk), ("k2", kortrijk), ("m1", menen))
    }
    worker = user_of("worker_kortrijk")

    def stay(bed, person, day, nights):
        start = dt.datetime.combine(day, dt.time(21), tzinfo=BXL)
        CrisisAdmission.objects.create(
            bed=beds[bed], person=people[person], organisation=partner_k, admitted_by=worker,
            admitted_at=start, discharged_at=start + dt.timedelta(days=nights - 1, hours=12),
            reason="x", legal_basis="vital_interest",
        )  # fmt: skip

    # The bed's location decides: Kortrijk's bed 3 admissions of 2 persons, 1 + 2 + 1
    # nights; Menen's bed 1 admission (of a Kortrijk resident) of 3 nights.
    stay("K", "k1", dt.date(2018, 2, 1), 1)
    stay("K", "k1", dt.date(2018, 3, 1), 2)
    stay("K", "m1", dt.date(2018, 4, 1), 1)
    stay("M", "k2", dt.date(2018, 5, 1), 3)
    point = WalkInPoint.objects.create(name="Woonclub Menen", municipality=menen,
                                       schedule="weekly", address="x", hours="x",
                                       active_from=dt.date(2017, 1, 1))  # fmt: skip
    lead = user_of("programme_lead")
    # The household's municipality decides: Kortrijk 2 households (1 + 3 persons), Menen 1.
    for person, adults, children in (("k1", 1, 0), ("k2", 2, 1), ("m1", 1, 2)):
        WoonclubHousehold.objects.create(
            person=people[person], point=point, intake_on=dt.date(2018, 6, 1), adults=adults,
            children=children, income=Decimal(1500), situation="tenant", reasons=["other"],
            created_by=lead,
        )  # fmt: skip
    return kortrijk, menen


def test_a_municipality_counts_its_own_records(two_towns):
    kortrijk, menen = two_towns
    region, k, m = (key_figures(*YEAR, town) for town in (None, kortrijk, menen))
    assert (region["crisis.admissions"], region["crisis.persons"], region["crisis.nights"]) == (
        4, 3, 7)  # fmt: skip
    assert (k["crisis.admissions"], k["crisis.persons"], k["crisis.nights"]) == (3, 2, 4)
    assert (m["crisis.admissions"], m["crisis.persons"], m["crisis.nights"]) == (1, 1, 3)
    assert (k["woonclub.points"], m["woonclub.points"]) == (0, 1)
    assert (k["woonclub.new_households"], k["woonclub.persons"], k["woonclub.singles"]) == (
        2, 4, 1)  # fmt: skip
    assert (m["woonclub.new_households"], m["woonclub.persons"], m["woonclub.singles"]) == (
        1, 3, 1)  # fmt: skip
    assert region["woonclub.new_households"] == 3
    other = Municipality.objects.get(name="Avelgem")
    assert key_figures(*YEAR, other)["crisis.admissions"] == 0  # records, none there


def test_the_command_takes_the_municipality_by_name(two_towns):
    data = report_json("2018", "--municipality", "menen")
    assert data["municipality"] == "Menen"
    assert data["figures"]["crisis.nights"] == 3
