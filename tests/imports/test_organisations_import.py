import pytest

from samen.imports import framework
from samen.registry.models import Organisation
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def run(tmp_path, text, persona="coordinator"):
    path = tmp_path / "organisaties.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run("organisations", path, actor=user_of(persona))


def test_a_good_file_creates_and_updates(tmp_path):
    result = run(
        tmp_path,
        "naam;soort;gemeente;email\n"
        "Vzw De Zonnebloem;voedselverdeelorganisatie;Menen;info@zb.be\n"
        "CAW Zuid-West-Vlaanderen;caw;Kortrijk;onthaal@caw.be\n",
    )
    assert result.ok, result.errors
    assert Organisation.objects.get(name="Vzw De Zonnebloem").municipality.name == "Menen"
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    assert caw.email == "onthaal@caw.be"
    assert result.summary["registry.organisation"] == {"aangemaakt": 1, "bijgewerkt": 1}
    framework.undo(result.batch.pk, actor=user_of("coordinator"))
    caw.refresh_from_db()
    assert caw.email == "" and not Organisation.objects.filter(name="Vzw De Zonnebloem").exists()


def test_bad_rows_are_reported_and_nothing_is_written(tmp_path):
    before = Organisation.objects.count()
    result = run(
        tmp_path,
        "naam;soort;gemeente;email\n"
        "Vzw A;voedselverdeelorganisatie;Menen;geen-mail\n"
        "Vzw B;bakkerij;Menen;\n"
        "Vzw A;partner;Menen;\n",
    )
    assert {(e.row, e.column) for e in result.errors} == {(2, "email"), (3, "soort"), (4, "naam")}
    assert Organisation.objects.count() == before


def test_a_wrong_header(tmp_path):
    result = run(tmp_path, "naam;type\nA;ocmw\n")
    assert {(e.column, e.reason) for e in result.errors} == {
        ("type", "onbekende kolom"),
        ("soort", "verplichte kolom ontbreekt"),
    }


def test_a_social_worker_may_not_import_organisations(tmp_path):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(tmp_path, "naam;soort\nA;ocmw\n", persona="worker_kortrijk")
