"""The energy-loans import: every bad row named, the rate checked against the dated data,
nothing half-written, the figures of the imported year."""

import datetime as dt

import pytest

from samen.energy import selectors
from samen.energy.models import LoanDossier
from samen.imports import framework
from samen.registry import services as registry
from tests.conftest import user_of

pytestmark = pytest.mark.django_db

HEAD = ("extern_id;woonloket;aanvraag_op;bedrag;looptijd;werken;gemeente;status;doelgroep;"
        "rentevoet;contract_op\n")  # fmt: skip


def run(tmp_path, text):
    path = tmp_path / "loans.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run("energy-loans", path, actor=user_of("programme_lead"), source="eh")


def test_a_year_of_energy_loans(tmp_path, world):
    registry.external_id_link(source="eh", extern_id="EH-1", person=world.person_kortrijk)
    registry.external_id_link(source="eh", extern_id="EH-2", person=world.person_menen)
    bad = run(tmp_path, HEAD + (
        "EH-1;Kortrijk;14/03/2018;8000;120;Dak;Kortrijk;contract;voorrang;2;02/05/2018\n"
        "EH-9;Kortrijk;14/03/2018;8000;120;Dak;Kortrijk;aanvraag;;;\n"
        "EH-2;Menen;01/06/2018;20000;120;Ramen;Menen;aanvraag;;;\n"
        "EH-2;Menen;01/06/2018;9000;121;Ramen;Menen;aanvraag;;;\n"
        "EH-2;Menen;01/06/2018;9000;120;Ramen;Menen;contract;gewoon;2;\n"
        "EH-2;Atlantis;01/06/2018;9000;120;Ramen;Menen;misschien;;;\n"
    ))  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {
        (2, "rentevoet"), (3, "extern_id"), (4, "bedrag"), (5, "looptijd"), (6, "contract_op"),
        (7, "woonloket"), (7, "status")}  # fmt: skip
    assert "2 %, maar op 14/03/2018 gold 0 % voor die doelgroep" in bad.errors[0].reason
    assert not LoanDossier.objects.exists()
    good = run(tmp_path, HEAD + (
        "EH-1;Kortrijk;14/03/2018;8000;120;Dak;Kortrijk;contract;voorrang;0;02/05/2018\n"
        "EH-2;Menen;01/06/2018;9000;120;Ramen;Menen;afgelost;gewoon;2;01/07/2018\n"
        "EH-2;Menen;03/01/2019;5000;60;Ketel;Menen;aanvraag;;;\n"
    ))  # fmt: skip
    assert good.ok, good.errors
    figures = selectors.energy_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (figures.dossiers, figures.by_rate) == (2, {"0": 1, "2": 1})
    assert LoanDossier.objects.get(applied_on=dt.date(2018, 3, 14)).desk.name == "OCMW Kortrijk"
    framework.undo(good.batch.pk, actor=user_of("programme_lead"))
    assert not LoanDossier.objects.exists()
