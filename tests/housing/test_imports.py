"""Housing's import kinds: every bad row named by row and column, nothing half-written,
historic records counted in the figures, undo."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from samen.housing import selectors
from samen.housing.models import (
    CrisisAdmission,
    CrisisBed,
    Dwelling,
    RentalListing,
    Situation,
    WalkInPoint,
    WoonclubHousehold,
)
from samen.imports import framework
from samen.registry import services as registry
from samen.registry.models import Municipality, Organisation
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def run(tmp_path, kind, text, persona="programme_lead", source=""):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run(kind, path, actor=user_of(persona), source=source)


def test_dwellings_good_bad_and_undo(tmp_path, world):
    head = (
        "beherend_ocmw;adres;postcode;gemeente;soort;slaapkamers;rolstoeltoegankelijk;huur;sinds\n"
    )
    rows = ("Kortrijk;Budastraat 1;8500;Kortrijk;kasteel;veel;ja;450,00;01/03/2017\n"
            "Atlantis;Zee 1;9999;Atlantis;studio;0;nee;300;\n")  # fmt: skip
    bad = run(tmp_path, "dwellings", head + rows, persona="coordinator")
    assert {(e.row, e.column) for e in bad.errors} >= {
        (2, "soort"), (2, "slaapkamers"), (3, "gemeente"), (3, "beherend_ocmw")}  # fmt: skip
    assert not Dwelling.objects.exists()
    rows = ("Kortrijk;Budastraat 1;8500;Kortrijk;appartement;1;ja;450,00;01/03/2017\n"
            "Menen;Rijselstraat 4;8930;Menen;studio;0;nee;380;\n")  # fmt: skip
    good = run(tmp_path, "dwellings", head + rows, persona="coordinator")
    assert good.ok, good.errors
    assert Dwelling.objects.get(street="Budastraat 1").manager.name == "OCMW Kortrijk"
    assert selectors.pool_figures(dt.date(2017, 1, 1), dt.date(2017, 12, 31)).dwellings == 1
    framework.undo(good.batch.pk, actor=user_of("coordinator"))
    assert not Dwelling.objects.exists()


def test_rental_listings_by_a_volunteer(tmp_path, world):
    head = "gemeente;straat_of_buurt;huur;slaapkamers;epc;bron;gezien_op\n"
    bad = run(tmp_path, "rental-listings", head + "Menen;Centrum;veel;2;Z;krant;31/02/2018\n",
              persona="volunteer")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "huur"), (2, "epc"), (2, "gezien_op")}
    good = run(tmp_path, "rental-listings", head + "Menen;Centrum;650,00;2;C;krant;20/11/2018\n",
               persona="volunteer")  # fmt: skip
    assert good.ok and RentalListing.objects.get().rent == 650
    with pytest.raises(PermissionDenied):
        run(tmp_path, "rental-listings", head, persona="worker_kortrijk")


@pytest.fixture
def known(world):
    """Two persons known in the source register 'caw-register'."""
    registry.external_id_link(source="caw-register", extern_id="C1", person=world.person_kortrijk)
    registry.external_id_link(source="caw-register", extern_id="C2", person=world.person_menen)
    return world


def test_crisis_admissions_never_double_book_a_bed(tmp_path, known):
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    bed = CrisisBed.objects.create(partner=caw, label="Bed 1")
    head = "extern_id;partner;bed;opname;ontslag;reden;vervolg\n"
    bad = run(tmp_path, "crisis-admissions", head
              + "C9;CAW Zuid-West-Vlaanderen;Bed 1;31/12/2018 22:15;;crisis;opvang\n"
              + "C1;CAW Zuid-West-Vlaanderen;Bed 7;31/12/2018 22:15;;crisis;opvang\n"
              + "C1;CAW Zuid-West-Vlaanderen;Bed 1;31/12/2018 22:15;30/12/2018 10:00;crisis;\n",
              source="caw-register")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "extern_id"), (3, "bed"), (4, "ontslag")}
    row = "C1;CAW Zuid-West-Vlaanderen;Bed 1;31/12/2018 22:15;02/01/2019 10:00;crisis;opvang\n"
    good = run(tmp_path, "crisis-admissions", head + row, source="caw-register")
    assert good.ok, good.errors
    assert selectors.crisis_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).nights == 1
    overlap = run(tmp_path, "crisis-admissions", head
                  + "C2;CAW Zuid-West-Vlaanderen;Bed 1;01/01/2019 20:00;03/01/2019 09:00;x;\n",
                  source="caw-register")  # fmt: skip
    assert [str(e) for e in overlap.errors] == ["rij 0: rij 2: Dit bed was toen al bezet."]
    assert CrisisAdmission.objects.filter(bed=bed).count() == 1
    with pytest.raises(PermissionDenied):
        run(tmp_path, "crisis-admissions", head, persona="coordinator", source="caw-register")


def test_meldpunt_situations_and_woonclub_intakes(tmp_path, known):
    head = ("extern_id;gemeld_op;woonsituatie;thuisloos_sinds;kwetsbaarheid;urgentie;noden;"
            "toelichting;beslissing;reden_beslissing\n")  # fmt: skip
    bad = run(tmp_path, "meldpunt-situations", head
              + "C1;15/03/2018;straat;01/09/2017;7;3;housing,dromen;x;kracht_wonen;\n",
              source="caw-register")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "kwetsbaarheid"), (2, "noden")}
    good = run(tmp_path, "meldpunt-situations", head
               + "C1;15/03/2018;straat;01/09/2017;4;3;housing,income;Auto;kracht_wonen;Past\n"
               + "C2;20/04/2018;nachtopvang;01/01/2018;2;2;housing;Opvang;;\n",
               source="caw-register")  # fmt: skip
    assert good.ok, good.errors
    figures = selectors.meldpunt_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (figures.situations, figures.persons, figures.offered) == (2, 2, 1)
    assert Situation.objects.get(decision="kracht_wonen").persons.get() == known.person_kortrijk

    menen = Municipality.objects.get(name="Menen")
    WalkInPoint.objects.create(
        name="Woonclub Menen",
        municipality=menen,
        address="x",
        schedule="weekly",
        hours="di",
        active_from=dt.date(2016, 1, 1),
    )
    head = ("extern_id;zitdag;intake_op;volwassenen;kinderen;inkomen;woonsituatie;redenen;"
            "gehuisvest_op;gehuisvest_in\n")  # fmt: skip
    bad = run(tmp_path, "woonclub-intakes", head
              + "C1;Woonclub Nergens;06/02/2018;1;2;1650;huurder;affordability;30/05/2018;\n",
              source="caw-register")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "zitdag")}
    bad = run(tmp_path, "woonclub-intakes", head
              + "C1;Woonclub Menen;06/02/2018;1;2;1650;huurder;affordability;30/05/2018;\n",
              source="caw-register")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "gehuisvest_in")}
    row = "C1;Woonclub Menen;06/02/2018;1;2;1650,00;huurder;affordability;16/05/2018;privaat\n"
    good = run(tmp_path, "woonclub-intakes", head + row, source="caw-register")
    assert good.ok, good.errors
    assert WoonclubHousehold.objects.get().children == 2
    figures = selectors.woonclub_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (figures.new_households, figures.persons, figures.search_days_avg) == (1, 3, 99.0)
