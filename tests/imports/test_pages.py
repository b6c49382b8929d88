"""The import pages: check first (every bad row shown, nothing written), then confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from samen.imports.models import ImportBatch
from samen.registry.models import Person

pytestmark = pytest.mark.django_db

GOOD = "voornaam;achternaam;geboortedatum;programma\nNadia;Vermeulen;02/03/1988;woonclub\n"
BAD = "voornaam;achternaam;geboortedatum;programma\nNadia;;31/13/1988;woonclub\n"


def upload(client, text, name="register.csv", kind="persons", source="woonclub-2018"):
    return client.post(
        reverse("import_upload"),
        {
            "kind": kind,
            "source": source,
            "file": SimpleUploadedFile(name, text.encode("utf-8")),
        },
    )


def test_a_bad_file_shows_every_bad_row_and_writes_nothing(persona_client):
    client = persona_client("programme_lead")
    response = upload(client, BAD)
    assert response.status_code == 200
    page = response.content.decode()
    errors = {(e.row, e.column) for e in response.context["result"].errors}
    assert errors == {(2, "achternaam"), (2, "geboortedatum")}
    assert "er werd niets geïmporteerd" in page and response.context["token"] is None
    assert not Person.objects.filter(first_name="Nadia").exists()


def test_a_good_file_is_checked_then_imported_on_confirmation_and_undone(persona_client):
    client = persona_client("programme_lead")
    response = upload(client, GOOD)
    assert response.context["result"].ok
    assert not Person.objects.filter(first_name="Nadia").exists()  # only checked
    response = client.post(reverse("import_confirm"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Nadia", last_name="Vermeulen").exists()
    batch = ImportBatch.objects.get()
    assert batch.filename == "register.csv" and batch.source == "woonclub-2018"
    client.post(reverse("import_undo", args=[batch.pk]))
    assert not Person.objects.filter(first_name="Nadia").exists()


def test_a_confirmation_token_is_bound_to_its_user(persona_client, client):
    lead = persona_client("programme_lead")
    token = upload(lead, GOOD).context["token"]
    from tests.conftest import sign_in, user_of

    sign_in(client, user_of("coordinator"))
    response = client.post(reverse("import_confirm"), {"token": token})
    assert response.status_code == 403
    assert not Person.objects.filter(first_name="Nadia").exists()


def test_wrong_file_type_and_missing_source_are_named(persona_client):
    client = persona_client("programme_lead")
    response = upload(client, GOOD, name="register.pdf", source="")
    form = response.context["form"]
    assert form.errors["file"] == ["Kies een .xlsx- of .csv-bestand."]
    response = upload(client, GOOD, source="")
    assert response.context["form"].errors["source"] == ["Geef de bron van het bestand op."]


def test_a_coordinator_may_import_organisations_but_not_persons(persona_client):
    client = persona_client("coordinator")
    response = upload(client, GOOD)
    assert "persons" not in dict(response.context["form"].fields["kind"].choices)
    assert response.context["form"].errors["kind"]
    response = client.get(reverse("import_template", args=["organisations"]))
    from io import BytesIO

    headers = [c.value for c in load_workbook(BytesIO(response.content)).active[1]]
    assert headers[:2] == ["naam", "soort"]
    assert client.get(reverse("import_template", args=["persons"])).status_code == 403
