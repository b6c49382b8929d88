"""Bad input at the pages: oversized and wrong uploads are refused with a Dutch message and
nothing is saved; scripts typed into names and notes come back as text; a form posted
without its CSRF token is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samen.budget.models import Entry
from samen.imports.models import ImportBatch
from samen.registry.models import Note, Person
from tests.conftest import membership_of, sign_in, user_of
from tests.registry.test_persons import create_form

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def test_an_oversized_import_is_refused_before_reading(persona_client):
    client = persona_client("programme_lead")
    big = b"voornaam;achternaam;geboortedatum;programma\n" + b"A;B;01/01/1990;woonclub\n" * 450_000
    assert len(big) > 10 * 1024 * 1024
    response = client.post(reverse("import_upload"), {
        "kind": "persons", "source": "groot",
        "file": SimpleUploadedFile("groot.csv", big)})  # fmt: skip
    assert response.context["form"].errors["file"] == ["Het bestand is groter dan 10 MB."]
    assert not ImportBatch.objects.exists()


def test_a_file_that_only_claims_to_be_csv_or_xlsx_is_named(persona_client):
    client = persona_client("programme_lead")
    for name, body, message in (
        ("register.csv", b"\xff\xd8\xff\xe0 JFIF", "Het bestand is niet in UTF-8 opgeslagen."),
        ("register.xlsx", b"%PDF-1.7", "Het bestand is geen leesbaar Excel-bestand (.xlsx)."),
    ):
        response = client.post(reverse("import_upload"), {
            "kind": "persons", "source": "s", "file": SimpleUploadedFile(name, body)})  # fmt: skip
        assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_budget_app_refuses_big_or_other_files(client):
    sign_in(client, user_of("budget_user"))
    for name, body, message in (
        ("rekening.pdf", b"%PDF-1.7", "Kies het CSV-bestand dat je bank je gaf."),
        ("rekening.csv", b"datum;bedrag\n" + b"01/02/2024;-1,00\n" * 150_000,
         "Het bestand is groter dan 2 MB."),
        ("rekening.csv", b"datum;bedrag\n01/02/2024;NaN\n", "is geen bedrag"),
    ):  # fmt: skip
        response = client.post(reverse("budget_import"), {"file": SimpleUploadedFile(name, body)})
        assert response.status_code == 200 and message in response.content.decode()
    assert not Entry.objects.exists()


def test_scripts_in_names_and_notes_are_shown_as_text(persona_client, world):
    client = persona_client("worker_kortrijk")
    response = client.post(reverse("person_create"),
                           create_form(first_name=SCRIPT, last_name=IMAGE))  # fmt: skip
    person = Person.objects.get(first_name=SCRIPT)
    assert response.status_code == 302
    client.post(reverse("note_create", args=[person.pk]), {
        "category": "social", "text": f"Zei: {SCRIPT} {IMAGE}",
        "membership": membership_of("worker_kortrijk").pk})  # fmt: skip
    assert Note.objects.filter(person=person).count() == 1
    pages = [
        client.get(reverse("person_detail", args=[person.pk])).content.decode(),
        client.get(
            reverse("person_search"), {"name": "alert", "purpose": "social_assistance"}
        ).content.decode(),
    ]
    for page in pages:
        assert SCRIPT not in page and IMAGE not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in pages[0]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in pages[0]


def test_a_post_without_its_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, user_of("worker_kortrijk"))
    person = world.person_kortrijk
    notes = Note.objects.filter(person=person).count()
    response = client.post(reverse("note_create", args=[person.pk]), {
        "category": "social", "text": "Zonder token",
        "membership": membership_of("worker_kortrijk").pk})  # fmt: skip
    assert response.status_code == 403
    assert Note.objects.filter(person=person).count() == notes
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post(reverse("login"), {"username": "t.kortrijk", "password": "x"})
    assert response.status_code == 403
    # With the token the same post goes through: the refusal was the token's.
    page = client.get(reverse("person_detail", args=[person.pk]))
    token = (
        page.cookies["csrftoken"].value
        if "csrftoken" in page.cookies
        else client.cookies["csrftoken"].value
    )
    response = client.post(reverse("note_create", args=[person.pk]), {
        "category": "social", "text": "Met token", "csrfmiddlewaretoken": token,
        "membership": membership_of("worker_kortrijk").pk})  # fmt: skip
    assert Note.objects.filter(person=person).count() == notes + 1


def test_a_broken_request_gets_a_dutch_page_and_never_a_trace(rf):
    from django.db import OperationalError

    from samen.core.errors import server_error

    try:
        raise OperationalError("the connection is closed")
    except OperationalError:
        response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Even niet bereikbaar" in page and "niet (half) bewaard" in page
    assert "connection is closed" not in page
    try:
        raise KeyError("geheim")
    except KeyError:
        response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500 and "Er ging iets mis" in page and "geheim" not in page
