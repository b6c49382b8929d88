"""The `persons` import: good files, bad rows, wrong headers and the matching rules."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from samen.imports import framework
from samen.imports.models import ImportBatch
from samen.registry import demo
from samen.registry.models import Consent, Enrolment, ExternalId, Person
from tests.conftest import user_of

pytestmark = pytest.mark.django_db

HEADER = (
    "voornaam;achternaam;geboortedatum;insz;extern_id;gemeente;programma;rechtsgrond;"
    "toestemming_datum"
)
INSZ_A = demo.demo_insz(dt.date(1980, 1, 15), 11)
INSZ_B = demo.demo_insz(dt.date(1980, 1, 15), 12)


def write_csv(tmp_path, *lines, name="register.csv", bom=True):
    path = tmp_path / name
    text = "\n".join([HEADER, *lines]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


def run(path, source="woonclub-excel", dry_run=False, persona="programme_lead"):
    return framework.run("persons", path, actor=user_of(persona), source=source, dry_run=dry_run)


def test_a_good_file_imports_every_row_with_its_enrolment(tmp_path):
    path = write_csv(
        tmp_path,
        "Sofie;Van den Bossche;14/03/1987;;W-1;Kuurne;woonclub;toestemming;02/01/2018",
        f"Jan;Peeters;1980-01-15;{INSZ_A};W-2;8501;woonclub;wettelijke_opdracht;",
    )
    result = run(path)
    assert result.ok, result.errors
    sofie = Person.objects.get(last_name="Van den Bossche")
    assert sofie.municipality.name == "Kuurne" and sofie.birth_date == dt.date(1987, 3, 14)
    jan = Person.objects.get(last_name="Peeters")
    assert jan.municipality.name == "Kortrijk" and jan.insz == INSZ_A  # 8501 → Kortrijk
    assert Enrolment.objects.filter(
        person=sofie, programme__code="woonclub", team__code="woonclub", legal_basis="consent"
    ).exists()
    consent = Consent.objects.get(person=sofie)
    assert timezone.localtime(consent.given_at).date() == dt.date(2018, 1, 2)
    assert ExternalId.objects.get(source="woonclub-excel", extern_id="W-2").person == jan
    assert result.batch.rows == 2 and len(result.batch.checksum) == 64


def test_bad_rows_are_all_reported_and_nothing_is_imported(tmp_path):
    path = write_csv(
        tmp_path,
        "Sofie;Van den Bossche;14/03/1987;;W-1;Kuurne;woonclub;toestemming;02/01/2018",
        "Jan;;31/02/1980;12345678901;W-2;Gent;woonclub;misschien;",
        "Piet;Claeys;01/01/1990;;W-3;Menen;onbekend;;",
        "Ann;Maes;01/01/1991;;W-4;Menen;woonclub;toestemming;",
    )
    before = Person.objects.count()
    result = run(path)
    reported = {(e.row, e.column) for e in result.errors}
    assert reported == {
        (3, "achternaam"),
        (3, "geboortedatum"),
        (3, "insz"),
        (3, "gemeente"),
        (3, "rechtsgrond"),
        (4, "programma"),
        (5, "toestemming_datum"),
    }
    messages = {str(e) for e in result.errors}
    assert "rij 3, kolom geboortedatum: '31/02/1980' is geen datum (dd/mm/jjjj)" in messages
    assert "rij 3, kolom gemeente: 'Gent' is geen gemeente of postcode van de regio" in messages
    assert Person.objects.count() == before and not ImportBatch.objects.exists()


def test_a_wrong_header_is_refused_up_front(tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text("voornaam;familienaam;geboortedatum;programma\nA;B;01/01/1990;woonclub\n")
    result = run(path)
    assert {(e.row, e.column, e.reason) for e in result.errors} == {
        (1, "familienaam", "onbekende kolom"),
        (1, "achternaam", "verplichte kolom ontbreekt"),
    }


def test_a_dry_run_writes_nothing(tmp_path):
    path = write_csv(tmp_path, "Sofie;Declercq;14/03/1987;;;Kuurne;woonclub;;")
    result = run(path, dry_run=True)
    assert result.ok and result.summary["registry.person"]["aangemaakt"] == 1
    assert not Person.objects.filter(first_name="Sofie", last_name="Declercq").exists()
    assert not ImportBatch.objects.exists()


def test_the_same_insz_on_two_rows_is_one_person(tmp_path):
    path = write_csv(
        tmp_path,
        f"Jan;Peeters;15/01/1980;{INSZ_A};;Kortrijk;woonclub;;",
        f"Jan;Peeters;15/01/1980;{INSZ_A};;Kortrijk;woonclub;;",
    )
    assert run(path).ok
    assert Person.objects.filter(last_name="Peeters").count() == 1


def test_extern_id_is_kept_per_source(tmp_path):
    path = write_csv(tmp_path, "Jan;Peeters;15/01/1980;;K-1;Kortrijk;woonclub;;")
    assert run(path, source="register-a").ok
    # The same key in another register is another key; the name + birth date still match.
    assert run(path, source="register-b").ok
    assert Person.objects.filter(last_name="Peeters").count() == 1
    jan = Person.objects.get(last_name="Peeters")
    assert set(jan.external_ids.values_list("source", flat=True)) == {"register-a", "register-b"}
    # In register-a, K-1 now names Jan whatever the name on the row says.
    renamed = write_csv(
        tmp_path, "Johan;Peeters-De Smet;15/01/1980;;K-1;Kortrijk;woonclub;;", name="b.csv"
    )
    assert run(renamed, source="register-a").ok
    assert Person.objects.filter(last_name__startswith="Peeters").count() == 1


def test_name_and_birth_date_match_across_accents_spaces_and_hyphens(world, tmp_path):
    path = write_csv(tmp_path, "ÉLS;de clercq;12/05/1984;;;Kortrijk;woonclub;;")
    assert run(path).ok
    assert Person.objects.filter(birth_date=dt.date(1984, 5, 12)).count() == 1
    assert Enrolment.objects.filter(
        person=world.person_kortrijk, programme__code="woonclub"
    ).exists()


def test_two_people_with_the_same_name_and_birth_date_make_the_row_an_error(world, tmp_path):
    Person.objects.create(first_name="Els", last_name="Declercq", birth_date=dt.date(1984, 5, 12))
    path = write_csv(tmp_path, "Els;Declercq;12/05/1984;;;Kortrijk;woonclub;;")
    result = run(path)
    assert [(e.row, e.column) for e in result.errors] == [(2, "achternaam")]
    assert "meer dan één persoon" in result.errors[0].reason


def test_same_name_with_another_insz_is_another_person(world, tmp_path):
    other = demo.demo_insz(dt.date(1984, 5, 12), 333)
    path = write_csv(tmp_path, f"Els;Declercq;12/05/1984;{other};;Kortrijk;woonclub;;")
    assert run(path).ok
    assert Person.objects.filter(first_name="Els", last_name="Declercq").count() == 2


def test_conflicting_keys_make_the_row_an_error(tmp_path):
    first = write_csv(
        tmp_path,
        f"Jan;Peeters;15/01/1980;{INSZ_A};K-1;Kortrijk;woonclub;;",
        f"Piet;Peeters;15/01/1980;{INSZ_B};K-2;Kortrijk;woonclub;;",
    )
    assert run(first).ok
    conflicting = write_csv(
        tmp_path, f"Jan;Peeters;15/01/1980;{INSZ_A};K-2;Kortrijk;woonclub;;", name="c.csv"
    )
    result = run(conflicting)
    assert [(e.row, e.column) for e in result.errors] == [(2, "extern_id")]
    assert "verschillende personen" in result.errors[0].reason


def test_a_match_outside_the_importers_scope_is_linked_without_revealing_it(world, tmp_path):
    path = write_csv(tmp_path, f"X;Y;12/05/1984;{world.person_kortrijk.insz};;Kortrijk;woonclub;;")
    result = run(path)
    assert result.ok
    world.person_kortrijk.refresh_from_db()
    assert world.person_kortrijk.first_name == "Els"  # an import never overwrites
    assert Person.objects.filter(first_name="X").count() == 0


def test_only_a_programme_lead_or_administrator_imports_person_data(tmp_path):
    from django.core.exceptions import PermissionDenied

    path = write_csv(tmp_path, "A;B;01/01/1990;;;Kortrijk;woonclub;;")
    with pytest.raises(PermissionDenied):
        run(path, persona="worker_kortrijk")


def test_an_import_is_undone_as_a_whole(world, tmp_path):
    path = write_csv(
        tmp_path,
        "Sofie;Van den Bossche;14/03/1987;;W-1;Kuurne;woonclub;toestemming;02/01/2018",
        "Els;Declercq;12/05/1984;;;Kortrijk;woonclub;;",
    )
    result = run(path)
    persons_before = Person.objects.count()
    framework.undo(result.batch.pk, actor=user_of("programme_lead"))
    assert Person.objects.count() == persons_before - 1
    assert not Person.objects.filter(last_name="Van den Bossche").exists()
    assert not Enrolment.objects.filter(programme__code="woonclub").exists()
    assert Person.objects.filter(pk=world.person_kortrijk.pk).exists()
    with pytest.raises(Exception, match="al ongedaan"):
        framework.undo(result.batch.pk, actor=user_of("programme_lead"))


def test_xlsx_files_and_the_template(tmp_path):
    template = tmp_path / "sjabloon.xlsx"
    framework.write_template("persons", template)
    sheet = load_workbook(template).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["voornaam", "achternaam", "geboortedatum"]
    workbook = Workbook()
    ws = workbook.active
    ws.append(["voornaam", "achternaam", "geboortedatum", "programma", "gemeente"])
    ws.append(["Fatima", "Yilmaz", dt.datetime(1992, 6, 1), "woonclub", 8930])
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    assert run(path).ok
    fatima = Person.objects.get(first_name="Fatima")
    assert fatima.birth_date == dt.date(1992, 6, 1) and fatima.municipality.name == "Menen"


def test_comma_separated_files_are_read_too(tmp_path):
    path = tmp_path / "komma.csv"
    path.write_text("voornaam,achternaam,geboortedatum,programma\nAnn,Maes,01/02/1991,woonclub\n")
    assert run(path).ok


def test_the_command_line_reports_bad_rows_and_exits_non_zero(tmp_path, capsys):
    path = write_csv(tmp_path, "Jan;;01/01/1990;;;Kortrijk;woonclub;;")
    with pytest.raises(SystemExit) as exc:
        call_command("import", "persons", str(path), "--user", "t.lead", "--source", "x")
    assert exc.value.code == 1
    assert "rij 2, kolom achternaam: verplicht veld is leeg" in capsys.readouterr().err
    call_command("import", "--list")
    assert "persons" in capsys.readouterr().out
