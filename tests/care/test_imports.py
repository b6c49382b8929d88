"""The gbo-intakes import: bad rows named, the figures of the imported year, undo."""

import datetime as dt

import pytest

from samen.care import selectors
from samen.care.models import Intake
from samen.imports import framework
from samen.registry import services as registry
from tests.conftest import user_of

pytestmark = pytest.mark.django_db
HEAD = "extern_id;onthaal;datum;vraag;recht;stand\n"


def run(tmp_path, text):
    path = tmp_path / "gbo.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run("gbo-intakes", path, actor=user_of("programme_lead"), source="gbo")


def test_gbo_intakes(tmp_path, world):
    registry.external_id_link(source="gbo", extern_id="G1", person=world.person_kortrijk)
    bad = run(tmp_path, HEAD + (
        "G9;OCMW Kortrijk;12/03/2018;Energie;;\n"
        "G1;Bakkerij Peeters;12/03/2018;Energie;;\n"
        "G1;OCMW Kortrijk;12/03/2018;Energie;vliegticket;gerealiseerd\n"
        "G1;OCMW Kortrijk;12/03/2018;Energie;leefloon;\n"
    ))  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {
        (2, "extern_id"), (3, "onthaal"), (4, "recht"), (5, "stand")}  # fmt: skip
    good = run(tmp_path, HEAD + (
        "G1;OCMW Kortrijk;12/03/2018;Energie;sociaal-tarief-energie;gerealiseerd\n"
        "G1;CAW Zuid-West-Vlaanderen;20/11/2018;Huur;huurpremie;aangevraagd\n"
        "G1;CAW Zuid-West-Vlaanderen;02/01/2019;Vraag;;\n"
    ))  # fmt: skip
    assert good.ok, good.errors
    figures = selectors.gbo_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (figures.intakes, figures.rights_realised) == (2, 1)
    framework.undo(good.batch.pk, actor=user_of("programme_lead"))
    assert not Intake.objects.exists()
