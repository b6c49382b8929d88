"""Budget In Zicht's imports: bad rows named, the figures of the imported year, undo."""

import datetime as dt

import pytest

from samen.budget import selectors
from samen.budget.models import EducationActivity, GroupSeries, GroupSession
from samen.imports import framework
from samen.registry import services as registry
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def run(tmp_path, kind, text, persona, source=""):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run(kind, path, actor=user_of(persona), source=source)


def test_education_activities(tmp_path, world):
    head = "soort;datum;school;gemeente;graad;leerlingen\n"
    bad = run(tmp_path, "education-activities", head + (
        "beurs;16/10/2018;VTI;Kortrijk;3e graad;120\n"
        "toolbox;16/10/2018;School;Atlantis;;0\n"
    ), "coordinator")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "soort"), (3, "gemeente")}
    good = run(tmp_path, "education-activities", head + (
        "budgetbeurs;16/10/2018;VTI;Kortrijk;3e graad;657\n"
        "toolbox;07/05/2018;Basisschool;Kuurne;6e leerjaar;135\n"
    ), "coordinator")  # fmt: skip
    assert good.ok, good.errors
    figures = selectors.biz_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert figures.pupils_by_activity == {"budget_fair": 657, "toolbox": 135, "other": 0}
    framework.undo(good.batch.pk, actor=user_of("coordinator"))
    assert not EducationActivity.objects.exists()


def test_groupwork_attendance_counts_distinct_persons(tmp_path, world):
    registry.external_id_link(source="biz", extern_id="B1", person=world.person_kortrijk)
    registry.external_id_link(source="biz", extern_id="B2", person=world.person_menen)
    head = "reeks;gemeente;datum;thema;extern_id;aanwezig\n"
    bad = run(tmp_path, "groupwork-attendance", head + (
        "Rond komen;Wevelgem;05/02/2018;Budget;B9;ja\n"
        "Rond komen;Wevelgem;05/02/2018;Budget;B1;misschien\n"
    ), "programme_lead", "biz")  # fmt: skip
    assert {(e.row, e.column) for e in bad.errors} == {(2, "extern_id"), (3, "aanwezig")}
    good = run(tmp_path, "groupwork-attendance", head + (
        "Rond komen;Wevelgem;05/02/2018;Budget;B1;ja\n"
        "Rond komen;Wevelgem;05/02/2018;Budget;B2;nee\n"
        "Rond komen;Wevelgem;19/02/2018;Energie;B1;ja\n"
        "Rond komen;Wevelgem;19/02/2018;Energie;B2;ja\n"
    ), "programme_lead", "biz")  # fmt: skip
    assert good.ok, good.errors
    f = selectors.biz_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (f.series, f.sessions, f.participants) == (1, 2, 2)
    assert GroupSeries.objects.get().participants.count() == 2
    framework.undo(good.batch.pk, actor=user_of("programme_lead"))
    assert not GroupSession.objects.exists() and not GroupSeries.objects.exists()
