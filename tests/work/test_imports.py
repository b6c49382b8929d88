"""Wijk-werken's import kinds: every bad row named by row and column, the legal limits
checked across the rows of one file and against what is already registered, nothing
half-written, the figures from the imported year, undo."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from samen.imports import framework
from samen.work import selectors
from samen.work.models import ChequePurchase, Performance, WijkwerkUser, Worker
from tests.conftest import user_of

pytestmark = pytest.mark.django_db

WORKERS = (
    "extern_id;voornaam;achternaam;geboortedatum;rijksregisternummer;doorverwezen_door;"
    "doorverwezen_op;intake_op;gestart_op;reden_niet_gestart;einde;pwa\n"
)
USERS = (
    "gebruikersnummer;soort;naam;voornaam;achternaam;geboortedatum;gemeente;ingeschreven_op;"
    "cheques;gekocht_op\n"
)
PERFORMANCES = "datum;wijkwerker;gebruiker;activiteit;uren;km\n"


def run(tmp_path, kind, text, persona="wijkwerk_coach", source="wwreg"):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run(kind, path, actor=user_of(persona), source=source)


def errors(result):
    return {(e.row, e.column) for e in result.errors}


@pytest.fixture
def register(tmp_path, world):
    """Two wijk-werkers (one from the PWA system) and two users with cheques."""
    Worker.objects.all().delete()  # the world's wijk-werker is not in these hand counts
    result = run(tmp_path, "wijkwerk-workers", WORKERS + (
        "W1;Ria;Peeters;12/03/1988;;vdab;02/01/2018;08/01/2018;15/01/2018;;;nee\n"
        "W2;Jos;Claeys;01/05/1961;;ocmw;02/01/2018;03/01/2018;04/01/2018;;;ja\n"
        "W3;An;Devos;09/09/1990;;vdab;20/11/2018;22/11/2018;;Vond werk.;;nee\n"
    ))  # fmt: skip
    assert result.ok, result.errors
    result = run(tmp_path, "wijkwerk-users", USERS + (
        "G-1;school;GO! Atheneum Menen;;;;Menen;05/01/2018;100;05/01/2018\n"
        "G-2;particulier;;Mieke;Vos;04/04/1950;Kortrijk;05/01/2018;3;06/01/2018\n"
    ))  # fmt: skip
    assert result.ok, result.errors


def test_workers_and_users_bad_rows_are_named_and_nothing_is_written(tmp_path, world):
    Worker.objects.all().delete()
    bad = run(tmp_path, "wijkwerk-workers", WORKERS + (
        "W1;Ria;Peeters;12/03/1988;123;pwa;02/01/2018;01/01/2018;;;;nee\n"
        "W2;Jos;Claeys;01/05/1961;;ocmw;02/01/2018;03/01/2018;04/01/2018;Ziek;;ja\n"
        "W2;Jos;Claeys;01/05/1961;;ocmw;02/01/2018;;;;;misschien\n"
    ))  # fmt: skip
    assert errors(bad) == {(2, "rijksregisternummer"), (2, "doorverwezen_door"),
                           (3, "reden_niet_gestart"), (4, "extern_id"), (4, "pwa")}  # fmt: skip
    assert not Worker.objects.exists()
    bad = run(tmp_path, "wijkwerk-users", USERS + (
        "G-1;school;;;;;Menen;05/01/2018;;\n"
        "G-2;particulier;;Mieke;;04/04/1950;Atlantis;05/01/2018;3;\n"
        "S-1;vzw;Vzw Het Anker;;;;Menen;05/01/2017;10;05/01/2017\n"
    ))  # fmt: skip
    assert errors(bad) == {(2, "naam"), (3, "gemeente"), (4, "gebruikersnummer")}
    bad = run(tmp_path, "wijkwerk-users", USERS + (
        "G-2;particulier;;Mieke;Vos;04/04/1950;Kortrijk;05/01/2018;3;\n"
        "G-3;vzw;Vzw Het Anker;;;;Menen;05/01/2017;10;05/01/2017\n"
    ))  # fmt: skip
    assert errors(bad) == {(2, "gekocht_op"), (3, "gekocht_op")}  # no price in 2017 yet
    assert not WijkwerkUser.objects.exclude(number__in=["S-1", "P-1"]).exists()
    with pytest.raises(PermissionDenied):
        run(tmp_path, "wijkwerk-users", USERS, persona="worker_kortrijk")


def test_performances_with_the_limits_across_the_file(tmp_path, register):
    rows = "".join(f"{day:02d}/03/2018;W1;G-1;Speelplaats;3;\n" for day in range(1, 20))  # 57 h
    text = PERFORMANCES + rows + (
        "25/03/2018;W1;G-1;Speelplaats;3,5;\n"   # row 21: 60,5 h in March
        "10/03/2018;W9;G-1;Speelplaats;1;\n"     # row 22: unknown wijk-werker
        "10/03/2018;W2;G-9;Speelplaats;1;\n"     # row 23: unknown user
        "10/03/2018;W2;G-2;Tuin;2,5;12\n"        # row 24: 3 cheques, all Mieke has
        "11/03/2018;W2;G-2;Tuin;0,5;\n"          # row 25: no cheque left
        "16/01/2019;W1;G-1;Speelplaats;1;\n"     # row 26: past Ria's 12 months
        "01/12/2018;W3;G-1;Speelplaats;1;\n"     # row 27: An never started
        "01/04/2018;W1;G-1;Speelplaats;0;\n"     # row 28: no hours
    )  # fmt: skip
    bad = run(tmp_path, "wijkwerk-performances", text)
    assert errors(bad) == {(21, "uren"), (22, "wijkwerker"), (23, "gebruiker"),
                           (25, "gebruiker"), (26, "datum"), (27, "datum"),
                           (28, "uren")}  # fmt: skip
    month = next(e for e in bad.errors if e.row == 21).reason
    assert "maximaal 60 uur per maand" in month and "zou 60,5 uur maken" in month
    assert "maximaal 12 maanden" in next(e for e in bad.errors if e.row == 26).reason
    assert not Performance.objects.exists()
    good = run(tmp_path, "wijkwerk-performances", PERFORMANCES + rows + (
        "25/03/2018;W1;G-1;Speelplaats;2,5;\n"
        "10/03/2018;W2;G-2;Tuin;2,5;12\n"
        "02/01/2019;W2;G-1;Speelplaats;4;\n"
    ))  # fmt: skip
    assert good.ok, good.errors
    year = selectors.work_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    # 2018: 57 + 2,5 (3 cheques) + 2,5 (3 cheques) hours; Jos from the PWA system; three
    # referred, Ria and Jos started.
    assert (year.cheques, year.hours, year.from_pwa, year.referred, year.started) == (
        57 + 3 + 3, D("62"), 1, 3, 2)  # fmt: skip
    assert selectors.cheque_balance(WijkwerkUser.objects.get(number="G-2")) == 0
    # A second file is checked against what is registered: Ria has 59,5 h in March.
    again = run(tmp_path, "wijkwerk-performances",
                PERFORMANCES + "31/03/2018;W1;G-1;Speelplaats;1;\n")  # fmt: skip
    assert errors(again) == {(2, "uren")}
    framework.undo(good.batch.pk, actor=user_of("wijkwerk_coach"))
    assert not Performance.objects.exists()
    assert ChequePurchase.objects.filter(user__number="G-1").get().cheques == 100
