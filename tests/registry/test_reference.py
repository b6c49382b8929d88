import csv

import pytest

from samen.registry.models import Municipality, Programme, Section
from samen.registry.reference import MUNICIPALITIES_CSV
from tests.conftest import SHARED


def test_the_packaged_municipalities_are_the_reference_file():
    shared = SHARED / "data" / "municipalities.csv"
    if not shared.exists():
        pytest.fail(f"reference file missing: {shared}")
    assert MUNICIPALITIES_CSV.read_bytes() == shared.read_bytes()


@pytest.mark.django_db
def test_the_fixture_holds_every_municipality_and_section_of_the_file():
    with (SHARED / "data" / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    expected_municipalities = {(r["nis_code"], r["municipality"]) for r in rows}
    assert set(Municipality.objects.values_list("nis_code", "name")) == expected_municipalities
    assert len(expected_municipalities) == 14
    expected_sections = {(r["municipality"], r["section"], r["postcode"]) for r in rows}
    stored = set(Section.objects.values_list("municipality__name", "name", "postcode"))
    assert stored == expected_sections


@pytest.mark.django_db
def test_section_and_postcode_are_separate_fields():
    heule = Section.objects.get(name="Heule")
    bissegem = Section.objects.get(name="Bissegem")
    assert heule.postcode == bissegem.postcode == "8501"
    assert heule.municipality.name == "Kortrijk"


@pytest.mark.django_db
def test_every_programme_is_in_the_register_of_processing_activities():
    for programme in Programme.objects.all():
        assert programme.purpose and programme.legal_basis and programme.retention_years
        assert programme.categories
