"""The work pages: what users, coaches and wijk-werkers see and may do, bad input named per
field with nothing saved, the statements and certificates computed by hand."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone

from samen.access.models import AuditEntry
from samen.registry.models import Municipality
from samen.work import selectors
from samen.work.models import (
    ActivationTrajectory,
    ChequePurchase,
    EconomyEvent,
    Enterprise,
    Performance,
    ServiceRequest,
    SittingDay,
    WijkwerkUser,
    Worker,
)
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_user_buys_cheques_and_asks_for_a_service_on_its_own_page(client):
    login(client, "wijkwerk_user")
    response = client.post(reverse("wijkwerk_buy"), {"cheques": "0"}, follow=True)
    assert any("Aantal cheques" in m for m in messages_of(response))
    response = client.post(reverse("wijkwerk_buy"), {"cheques": "20"}, follow=True)
    assert "Je kocht 20 cheques aan € 7,45 per cheque." in messages_of(response)
    school = WijkwerkUser.objects.get(number="S-1")
    assert selectors.cheque_balance(school) == 20
    response = client.post(reverse("wijkwerk_ask"), {"activity": "Toezicht speelplaats",
                                                     "place": "", "hours_wanted": "6,5"},
                           follow=True)  # fmt: skip
    assert any(m.startswith("Plaats:") for m in messages_of(response))
    assert not ServiceRequest.objects.filter(user=school).exists()
    client.post(reverse("wijkwerk_ask"), {"activity": "Toezicht speelplaats",
                                          "place": "Wevelgem", "hours_wanted": "6,5"})  # fmt: skip
    request = ServiceRequest.objects.get(user=school)
    assert request.hours_wanted == D("6.5")
    page = client.get(reverse("wijkwerk_mine")).content.decode()
    assert "Nog 20 cheques" in page and "Toezicht speelplaats" in page
    # The private user (the citizen) sees its own cheques, not the school's.
    login(client, "citizen")
    page = client.get(reverse("wijkwerk_mine")).content.decode()
    assert "Toezicht speelplaats" not in page and "Mijn uren" in page


def _coach_sells(client, cheques=100):
    school = WijkwerkUser.objects.get(number="S-1")
    login(client, "wijkwerk_coach")
    client.post(reverse("wijkwerk_user", args=[school.pk]), {"cheques": cheques})
    return school


def test_the_coach_registers_hours_and_a_registration_over_the_month_limit_is_refused(client):
    school = _coach_sells(client)
    worker = Worker.objects.get(person__first_name="Karim")
    url = reverse("wijkwerk_worker", args=[worker.pk])
    for day in range(2, 21):  # 19 × 3 h = 57 h in November 2026
        client.post(url, {"user": school.pk, "activity": "Speelplaats",
                          "on": f"{day:02d}/11/2026", "hours": "3"})  # fmt: skip
    response = client.post(url, {"user": school.pk, "activity": "Speelplaats",
                                 "on": "23/11/2026", "hours": "3,5"})  # fmt: skip
    assert response.status_code == 200
    assert "maximaal 60 uur per maand" in response.content.decode()
    assert Performance.objects.filter(worker=worker).count() == 19
    response = client.post(url, {"user": school.pk, "activity": "Speelplaats",
                                 "on": "23/11/2026", "hours": "2,5"}, follow=True)  # fmt: skip
    assert "2,5 uur geregistreerd; 3 cheques ingewisseld." in messages_of(response)
    assert selectors.cheque_balance(school) == 100 - 57 - 3
    response = client.post(url, {"user": school.pk, "activity": "", "on": "31/02/2026",
                                 "hours": "x"})  # fmt: skip
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page


def test_the_monthly_statement_computed_by_hand(client):
    school = _coach_sells(client)
    worker = Worker.objects.get(person__first_name="Karim")
    url = reverse("wijkwerk_worker", args=[worker.pk])
    client.post(url, {"user": school.pk, "activity": "Tuin", "on": "03/10/2026", "hours": "3"})
    client.post(url, {"user": school.pk, "activity": "Tuin", "on": "10/10/2026", "hours": "2,5",
                      "round_trip_km": "12"})  # fmt: skip
    client.post(url, {"user": school.pk, "activity": "Tuin", "on": "11/10/2026", "hours": "1",
                      "round_trip_km": "10"})  # 10 km: not more than 10, no km part  # fmt: skip
    # 3 h → € 12,30; 2,5 h → € 10,25 + 12 km × € 0,15 = € 1,80; 1 h → € 4,10.
    # Hours 6,5 → € 26,65; km € 1,80; total € 28,45.
    login(client, "citizen")  # the wijk-werker's own statement
    response = client.get(reverse("wijkwerk_statement", args=[worker.pk, 2026, 10]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "€ 26,65" in text and "€ 1,80" in text and "€ 28,45" in text and "6,5" in text
    assert AuditEntry.objects.filter(action="export", person_id=worker.person_id).exists()
    login(client, "wijkwerk_user")  # a user never sees a wijk-werker's statement
    assert client.get(reverse("wijkwerk_statement", args=[worker.pk, 2026, 10])).status_code == 404


def test_the_fiscal_certificate_of_a_private_user(client):
    private = WijkwerkUser.objects.get(number="P-1")
    ChequePurchase.objects.create(user=private, bought_on=dt.date(2019, 12, 31), cheques=10,
                                  price=D("7.45"))  # fmt: skip
    ChequePurchase.objects.create(user=private, bought_on=dt.date(2020, 1, 2), cheques=10,
                                  price=D("7.45"))  # fmt: skip
    login(client, "citizen")
    text19 = pdf_text(client.get(reverse("wijkwerk_certificate", args=[private.pk, 2019])).content)
    text20 = pdf_text(client.get(reverse("wijkwerk_certificate", args=[private.pk, 2020])).content)
    # € 74,50 each year: 30 % up to 2019 = € 22,35; 20 % from 2020 = € 14,90.
    assert "€ 74,50" in text19 and "€ 22,35" in text19
    assert "€ 74,50" in text20 and "€ 14,90" in text20
    school = WijkwerkUser.objects.get(number="S-1")
    login(client, "wijkwerk_user")  # organisations get no fiscal certificate
    assert client.get(reverse("wijkwerk_certificate", args=[school.pk, 2020])).status_code == 404


def test_referral_intake_and_matching_through_the_pages(client):
    login(client, "wijkwerk_coach")
    response = client.post(reverse("wijkwerk_refer"), {
        "first_name": "Ria", "last_name": "Peeters", "birth_date": "12/03/1988",
        "insz": "12345", "referred_by": "vdab", "referred_on": "02/11/2026",
    })  # fmt: skip
    assert "Dit is geen geldig rijksregister- of BIS-nummer." in response.content.decode()
    assert not Worker.objects.filter(person__last_name="Peeters").exists()
    response = client.post(reverse("wijkwerk_refer"), {
        "first_name": "Ria", "last_name": "Peeters", "birth_date": "12/03/1988",
        "referred_by": "vdab", "referred_on": "02/11/2026",
    })  # fmt: skip
    worker = Worker.objects.get(person__last_name="Peeters")
    assert response.url == reverse("wijkwerk_worker", args=[worker.pk])
    response = client.post(reverse("wijkwerk_intake", args=[worker.pk]),
                           {"intake_on": "05/11/2026", "starts": "1"}, follow=True)  # fmt: skip
    assert "Start op: Geef de dag waarop de wijk-werker start." in messages_of(response)
    client.post(reverse("wijkwerk_intake", args=[worker.pk]),
                {"intake_on": "05/11/2026", "starts": "1", "started_on": "09/11/2026"})  # fmt: skip
    worker.refresh_from_db()
    assert worker.started_on == dt.date(2026, 11, 9)
    school = WijkwerkUser.objects.get(number="S-1")
    request = ServiceRequest.objects.create(user=school, activity="Tuin", place="Wevelgem",
                                            hours_wanted=4)  # fmt: skip
    page = client.get(reverse("wijkwerk")).content.decode()
    assert "Ria Peeters" in page and "Tuin" in page
    client.post(reverse("wijkwerk_request", args=[request.pk]), {"worker": worker.pk})
    request.refresh_from_db()
    assert (request.status, request.worker) == ("matched", worker)


def test_sitting_days_are_planned_by_a_coach_and_seen_by_everyone(client):
    login(client, "wijkwerk_coach")
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(reverse("sitting_days"), {
        "municipality": Municipality.objects.get(name="Menen").pk, "on": f"{day:%d/%m/%Y}",
        "start": "14:00", "end": "09:00", "place": "Sociaal huis",
    })  # fmt: skip
    assert "De zitdag eindigt voor hij begint." in response.content.decode()
    assert not SittingDay.objects.exists()
    client.post(reverse("sitting_days"), {
        "municipality": Municipality.objects.get(name="Menen").pk, "on": f"{day:%d/%m/%Y}",
        "start": "09:00", "end": "12:00", "place": "Sociaal huis",
    })  # fmt: skip
    login(client, "citizen")
    page = client.get(reverse("sitting_days")).content.decode()
    assert "Sociaal huis" in page and "Menen" in page and "Zitdag plannen" not in page
    assert client.post(reverse("sitting_days"), {}).status_code == 404


def test_an_activation_trajectory_from_referral_to_start(client, world):
    login(client, "worker_kortrijk")
    url = reverse("activation_start", args=[world.person_kortrijk.pk])
    response = client.post(url, {"referred_by": "gtb", "referred_on": "01/10/2026",
                                 "goals": ""})  # fmt: skip
    page = response.content.decode()
    assert "Dit veld is verplicht." in page and not ActivationTrajectory.objects.exists()
    member = membership_of("worker_kortrijk").pk
    client.post(url, {"referred_by": "gtb", "referred_on": "01/10/2026", "goals": "Arbeidszorg",
                      "barriers": ["psychiatric", "social"], "membership": member})  # fmt: skip
    trajectory = ActivationTrajectory.objects.get()
    move = reverse("activation_move", args=[trajectory.pk])
    response = client.post(move, {"status": "work", "on": "02/10/2026"}, follow=True)
    assert "Van 'doorverwezen' kan het traject niet naar" in " ".join(messages_of(response))
    response = client.post(move, {"status": "running", "on": "30/09/2026"}, follow=True)
    assert "voor de vorige stap (01/10/2026)" in " ".join(messages_of(response))
    client.post(move, {"status": "running", "on": "15/10/2026"})
    client.post(reverse("activation_step", args=[trajectory.pk]), {
        "kind": "care", "title": "Traject bij het CGG", "start": "15/10/2026",
    })  # fmt: skip
    trajectory.refresh_from_db()
    assert trajectory.started_on == dt.date(2026, 10, 15)
    assert [e.status for e in trajectory.timeline.all()] == ["referred", "running"]
    page = client.get(reverse("activation_trajectory", args=[trajectory.pk])).content.decode()
    assert "Traject bij het CGG" in page and "psychiatrisch" in page
    # A second one for the same person while this one runs: refused.
    response = client.post(url, {"referred_by": "vdab", "referred_on": "20/10/2026",
                                 "goals": "x", "barriers": ["social"],
                                 "membership": member})  # fmt: skip
    assert "al een lopend activeringstraject" in response.content.decode()
    assert selectors.activation_started(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    assert selectors.activation_started(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 0
    login(client, "worker_menen")  # not in Menen's files
    assert client.get(reverse("activation_trajectory", args=[trajectory.pk])).status_code == 404


def test_capacity_against_starts(client):
    login(client, "coordinator")
    response = client.post(reverse("activation_capacity"), {
        "year": timezone.localdate().year, "planned_min": 73, "planned_max": 55,
    }, follow=True)  # fmt: skip
    assert any("Gepland maximum" in m for m in messages_of(response))
    client.post(reverse("activation_capacity"), {
        "year": timezone.localdate().year, "planned_min": 55, "planned_max": 73,
    })  # fmt: skip
    page = client.get(reverse("activation")).content.decode()
    assert "55–73" in page


def test_the_social_economy_directory_and_its_events(client):
    assert selectors.economy_events(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) is None
    login(client, "coordinator")
    kortrijk = Municipality.objects.get(name="Kortrijk")
    client.post(reverse("economy_enterprise"), {"name": "Mariasteen", "kind": "custom",
                                                "municipality": kortrijk.pk})  # fmt: skip
    enterprise = Enterprise.objects.get(name="Mariasteen")
    response = client.post(reverse("economy_event"), {
        "kind": "mobility", "title": "Samen Slimmer Naar Het Werk", "on": "32/05/2026",
        "municipality": kortrijk.pk, "participants": "120", "enterprises": [enterprise.pk],
    })  # fmt: skip
    assert "Geef een datum als dd/mm/jjjj." in response.content.decode()
    client.post(reverse("economy_event"), {
        "kind": "mobility", "title": "Samen Slimmer Naar Het Werk", "on": "22/05/2026",
        "municipality": kortrijk.pk, "participants": "120", "enterprises": [enterprise.pk],
    })  # fmt: skip
    assert list(EconomyEvent.objects.get().enterprises.all()) == [enterprise]
    assert selectors.economy_events(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    assert selectors.economy_events(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 0
    login(client, "worker_menen")
    assert "Samen Slimmer Naar Het Werk" in client.get(reverse("economy")).content.decode()


def test_dashboards_show_counts_to_the_coach_and_the_balance_to_the_user(client):
    ServiceRequest.objects.create(user=WijkwerkUser.objects.get(number="S-1"), activity="Tuin",
                                  place="Menen", hours_wanted=2)  # fmt: skip
    login(client, "wijkwerk_coach")
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 open vraag om te koppelen" in page and "1 wijk-werker aan het werk" in page
    assert "Karim" not in page  # counts only on the dashboard
    ChequePurchase.objects.create(user=WijkwerkUser.objects.get(number="S-1"), cheques=12,
                                  price=D("7.45"))  # fmt: skip
    login(client, "wijkwerk_user")
    assert "Nog 12 cheques" in client.get(reverse("dashboard")).content.decode()


def test_the_yearly_fee_is_paid_with_the_first_purchase_and_paper_serials_run_on(client):
    from samen.work.models import ChequePrice, RegistrationFee

    ChequePrice.objects.create(organiser=WijkwerkUser.objects.get(number="S-1").organiser,
                               effective_from=dt.date(2026, 1, 1), price=D("7.45"),
                               annual_fee=D("10"))  # fmt: skip
    school = _coach_sells(client, cheques=10)
    client.post(reverse("wijkwerk_user", args=[school.pk]),
                {"cheques": 25, "paper_first": "WW-000991"})  # fmt: skip
    fees = RegistrationFee.objects.filter(user=school)
    assert [(f.year, f.amount) for f in fees] == [(timezone.localdate().year, D("10"))]
    page = client.get(reverse("wijkwerk_user", args=[school.pk])).content.decode()
    assert "papier, nr. WW-000991 tot WW-001015" in page and "Inschrijvingsgeld" in page
    assert selectors.cheque_balance(school) == 35


def test_an_agreement_ends_only_after_its_last_performance(client):
    school = _coach_sells(client)
    worker = Worker.objects.get(person__first_name="Karim")
    client.post(reverse("wijkwerk_worker", args=[worker.pk]), {
        "user": school.pk, "activity": "Tuin", "on": "10/11/2026", "hours": "2"})  # fmt: skip
    response = client.post(reverse("wijkwerk_end", args=[worker.pk]), {"ended_on": "09/11/2026"},
                           follow=True)  # fmt: skip
    assert any("Er zijn al prestaties na die dag." in m for m in messages_of(response))
    client.post(reverse("wijkwerk_end", args=[worker.pk]), {"ended_on": "10/11/2026"})
    worker.refresh_from_db()
    assert worker.ended_on == dt.date(2026, 11, 10)
    response = client.post(reverse("wijkwerk_worker", args=[worker.pk]), {
        "user": school.pk, "activity": "Tuin", "on": "11/11/2026", "hours": "2"})  # fmt: skip
    assert "De overeenkomst liep toen niet meer." in response.content.decode()


def test_the_coach_finds_a_wijk_werker_by_name(client):
    login(client, "wijkwerk_coach")
    found = client.get(reverse("wijkwerk"), {"q": "el amr"}).content.decode()
    assert "Karim El Amrani" in found
    assert (
        "Karim El Amrani" not in client.get(reverse("wijkwerk"), {"q": "Peeters"}).content.decode()
    )


def test_a_directory_entry_without_a_name_is_refused(client):
    login(client, "coordinator")
    response = client.post(reverse("economy_enterprise"), {"name": "", "kind": "custom"})
    page = response.content.decode()
    assert page.count("Dit veld is verplicht.") == 2  # the name and the municipality
    assert not Enterprise.objects.exists()
