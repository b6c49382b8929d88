"""The Wakosta?! budget app: private by default, a month against hand computations, bank
import all or nothing, sharing by revocable consent with the audit shown to the citizen;
group work, education and their figures by definition."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samen.budget import bank, selectors, services
from samen.budget.models import (
    BizEvent,
    Budget,
    EducationActivity,
    Entry,
    FairLoan,
    GroupSeries,
)
from samen.registry import services as registry
from samen.registry.models import Municipality, Organisation, Programme
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db

BANK = (
    "Datum;Bedrag;Tegenpartij;Omschrijving\n"
    "01/11/2026;1.650,00;Werkgever NV;Loon oktober\n"
    "02/11/2026;-725,00;Woonmaatschappij Zuid-West;Huur november\n"
    "05/11/2026;-148,20;Luminus;Voorschot energie\n"
    "08/11/2026;-62,35;Colruyt Kortrijk;\n"
    "10/11/2026;-45,00;Proximus;Gsm en internet\n"
    "15/11/2026;-812,40;Bouwmarkt;Nieuwe wasmachine en droogkast\n"
)


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_registration_asks_a_strong_password_and_logs_in(client):
    response = client.post(reverse("budget_register"), {
        "email": "an@example.be", "password": "abc", "password_again": "abc"})  # fmt: skip
    assert "Wachtwoord" in response.content.decode() and not Budget.objects.filter(
        owner__username="an@example.be").exists()  # fmt: skip
    response = client.post(reverse("budget_register"), {
        "email": "an@example.be", "password": "Lang-genoeg-en-sterk-42",
        "password_again": "Lang-genoeg-en-sterk-42"})  # fmt: skip
    assert response.url == reverse("budget_month")
    assert Budget.objects.filter(owner__username="an@example.be").exists()
    response = client.post(reverse("budget_register"), {"email": "an@example.be"})
    assert response.status_code == 302  # already logged in: to the budget


def test_the_bank_file_is_read_with_its_columns_found_by_name():
    lines = bank.read(BANK.encode("utf-8-sig"))
    assert [line.amount for line in lines][:3] == [D("1650.00"), D("-725.00"), D("-148.20")]
    assert [bank.guess(line) for line in lines] == [
        "wage", "rent", "energy", "food", "telecom", "other"]  # fmt: skip
    with pytest.raises(bank.BankFileError) as error:
        bank.read(b"Datum;Bedrag\n31/02/2026;10\n01/03/2026;veel\n")
    assert error.value.problems == ["lijn 2, kolom datum: '31/02/2026' is geen datum (dd/mm/jjjj)",
                                    "lijn 3, kolom bedrag: 'veel' is geen bedrag"]  # fmt: skip
    with pytest.raises(bank.BankFileError, match="kolom 'bedrag' ontbreekt"):
        bank.read(b"Datum;Omschrijving\n01/03/2026;x\n")


def test_a_month_computed_by_hand_with_its_warnings(client):
    budget = Budget.objects.get(owner=user_of("budget_user"))
    login(client, "budget_user")
    client.post(reverse("budget_recurring"), {"description": "Loon", "category": "wage",
                                              "amount": "1.650", "day": "1",
                                              "start": "01/01/2026"})  # fmt: skip
    client.post(reverse("budget_recurring"), {"description": "Huur", "category": "rent",
                                              "amount": "725", "day": "2",
                                              "start": "01/01/2026"})  # fmt: skip
    month = "?m=2026-11"
    client.post(reverse("budget_plan") + month, {"p-category": "energy", "p-amount": "150"})
    client.post(reverse("budget_plan") + month, {"p-category": "telecom", "p-amount": "45"})
    client.post(reverse("budget_plan") + month, {"p-category": "food", "p-amount": "400"})
    response = client.post(reverse("budget_import"), {
        "file": SimpleUploadedFile("bank.csv", BANK.encode())}, follow=True)  # fmt: skip
    assert "6 lijnen ingelezen; 0 stonden er al." in messages_of(response)
    response = client.post(reverse("budget_import"), {
        "file": SimpleUploadedFile("bank.csv", BANK.encode())}, follow=True)  # fmt: skip
    assert "0 lijnen ingelezen; 6 stonden er al." in messages_of(response)
    client.post(reverse("budget_entry") + month, {"e-amount": "12,50", "e-category": "food",
                                                  "e-on": "20/11/2026"})  # fmt: skip
    overview = selectors.month_overview(budget, dt.date(2026, 11, 1))
    # Planned: income 1.650; expenses 725 + 150 + 45 + 400 = 1.320.
    # Real: income 1.650; expenses 725 + 148,20 + 62,35 + 12,50 + 45 + 812,40 = 1.805,45.
    assert (overview.planned_income, overview.planned_expenses) == (D("1650"), D("1320"))
    assert (overview.actual_income, overview.actual_expenses) == (D("1650"), D("1805.45"))
    # Fixed costs planned: 725 + 150 + 45 = 920 = 56 % of 1.650: below the 60 % warning.
    assert overview.warnings == [
        "De uitgaven (echt) zijn hoger dan het inkomen: € 155,45 tekort."]  # fmt: skip
    client.post(reverse("budget_plan") + month, {"p-category": "debt", "p-amount": "100"})
    warnings = selectors.month_overview(budget, dt.date(2026, 11, 1)).warnings
    assert any("De vaste kosten zijn 62 % van het inkomen" in w for w in warnings)
    page = client.get(reverse("budget_month") + month).content.decode()
    assert "€ 155,45 tekort" in page and "<svg" in page
    response = client.post(reverse("budget_import"), {
        "file": SimpleUploadedFile("bank.csv", b"Datum;Bedrag\n31/02/2026;10\n")})  # fmt: skip
    assert "lijn 2, kolom datum" in response.content.decode()
    assert Entry.objects.filter(budget=budget).count() == 7  # nothing half-saved
    # The citizen moves the washing machine (guessed "other expenses") to another category:
    # an expense stays an expense; an unknown category changes nothing.
    machine = Entry.objects.get(budget=budget, counterparty="Bouwmarkt")
    client.post(reverse("budget_entry_category", args=[machine.pk]), {"category": "leisure"})
    machine.refresh_from_db()
    assert (machine.category, machine.amount) == ("leisure", D("-812.40"))
    loon = Entry.objects.get(budget=budget, counterparty="Werkgever NV")
    client.post(reverse("budget_entry_category", args=[loon.pk]), {"category": "nothing"})
    loon.refresh_from_db()
    assert loon.category == "wage"


def test_sharing_is_the_citizens_to_give_and_take_back(client):
    budget = Budget.objects.get(owner=user_of("budget_user"))
    share = budget.shares.get()
    login(client, "counsellor")
    assert client.get(reverse("budget_shared_month", args=[budget.pk])).status_code == 200
    own = Budget.objects.get(owner=user_of("citizen"))  # not shared
    assert client.get(reverse("budget_shared_month", args=[own.pk])).status_code == 404
    login(client, "budget_user")
    page = client.get(reverse("budget_share")).content.decode()
    assert "— counsellor</li>" in page  # who looked: the counsellor (by name)
    assert len(selectors.who_looked(budget)) == 1
    client.post(reverse("budget_share_revoke", args=[share.pk]))
    login(client, "counsellor")
    assert client.get(reverse("budget_shared_month", args=[budget.pk])).status_code == 404
    # Someone who is no counsellor cannot be given a budget.
    with pytest.raises(ValidationError, match="Kies een budgetbegeleider"):
        services.share_grant(actor=user_of("budget_user"), budget=budget,
                             counsellor=user_of("worker_kortrijk"))  # fmt: skip
    # Staff accounts do not use the citizens' app.
    login(client, "worker_kortrijk")
    assert client.get(reverse("budget_month")).status_code == 403


def test_the_mobile_fair_is_never_lent_twice(client):
    login(client, "counsellor")
    menen = Municipality.objects.get(name="Menen").pk
    client.post(reverse("biz_education"), {"loan": "1", "l-borrower": "OCMW Menen",
                                           "l-municipality": menen, "l-start": "02/03/2026",
                                           "l-end": "06/03/2026"})  # fmt: skip
    response = client.post(reverse("biz_education"), {
        "loan": "1", "l-borrower": "CAW", "l-municipality": menen, "l-start": "06/03/2026",
        "l-end": "09/03/2026"})  # fmt: skip
    assert "al uitgeleend aan OCMW Menen (02/03/2026 – 06/03/2026)" in response.content.decode()
    client.post(reverse("biz_education"), {"loan": "1", "l-borrower": "CAW",
                                           "l-municipality": menen, "l-start": "07/03/2026",
                                           "l-end": "09/03/2026"})  # fmt: skip
    assert FairLoan.objects.count() == 2


def test_biz_figures_against_a_hand_computed_year(world):
    assert selectors.biz_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31)).pupils is None
    towns = {m.name: m for m in Municipality.objects.all()}
    for kind, on, town, pupils in (("budget_fair", dt.date(2026, 3, 1), "Kortrijk", 120),
                                   ("toolbox", dt.date(2026, 4, 1), "Menen", 25),
                                   ("budget_fair", dt.date(2026, 5, 1), "Menen", 80),
                                   ("toolbox", dt.date(2025, 12, 31), "Menen", 999)):  # fmt: skip
        EducationActivity.objects.create(kind=kind, on=on, school="School",
                                         municipality=towns[town], pupils=pupils)  # fmt: skip
    for kind, on, participants in (("inspiration_day", dt.date(2026, 2, 1), 60),
                                   ("intervision", dt.date(2026, 6, 1), 8),
                                   ("intervision", dt.date(2026, 9, 1), 7)):  # fmt: skip
        BizEvent.objects.create(kind=kind, title="x", on=on, participants=participants)
    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    old = GroupSeries.objects.create(title="Oud", municipality=towns["Menen"], organisation=w13)
    new = GroupSeries.objects.create(title="Nieuw", municipality=towns["Kortrijk"],
                                     organisation=w13)  # fmt: skip
    counsellor, member = user_of("counsellor"), membership_of("counsellor")
    people = [registry.person_create(
        actor=counsellor, membership=member, programme=Programme.objects.get(code="biz"),
        legal_basis="legal_task", basis_note="budgetbegeleiding",
        data={"first_name": f"P{i}", "last_name": "Groep"},
    ) for i in range(3)]  # fmt: skip
    for series in (old, new):
        for person in people:
            services.participant_add(actor=counsellor, series=series, person=person)
    services.session_hold(actor=counsellor, series=old, on=dt.date(2025, 11, 1), topic="a",
                          present=people)  # fmt: skip
    services.session_hold(actor=counsellor, series=old, on=dt.date(2026, 1, 10), topic="b",
                          present=people[:1])  # fmt: skip
    services.session_hold(actor=counsellor, series=new, on=dt.date(2026, 2, 10), topic="c",
                          present=people[:2])  # fmt: skip
    services.session_hold(actor=counsellor, series=new, on=dt.date(2026, 3, 10), topic="d",
                          present=people[1:2])  # fmt: skip
    f = selectors.biz_figures(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    # Pupils 120 + 25 + 80 (the 999 are 2025); Kortrijk 120, Menen 105.
    assert (f.pupils, f.pupils_by_municipality["Kortrijk"], f.pupils_by_municipality["Menen"],
            f.pupils_by_municipality["Anzegem"]) == (225, 120, 105, 0)  # fmt: skip
    assert f.pupils_by_activity == {"budget_fair": 200, "toolbox": 25, "other": 0}
    assert f.events_by_type == {"inspiration_day": 1, "learning_network": 0, "intervision": 2,
                                "other": 0}  # fmt: skip
    assert f.participants_by_type["intervision"] == 15
    # Series whose first session is in 2026: only "Nieuw"; sessions held in 2026: 3;
    # distinct persons present in 2026: P0 (b), P0 and P1 (c), P1 (d) → 2.
    assert (f.series, f.sessions, f.participants) == (1, 3, 2)
    with pytest.raises(ValidationError, match="Alleen deelnemers"):
        services.session_hold(actor=counsellor, series=new, on=dt.date(2026, 4, 1), topic="e",
                              present=[world.person_kortrijk])  # fmt: skip
