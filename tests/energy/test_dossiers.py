"""An energy dossier shared by its partners, from application to repayments: rules and
rates of the day of application, one timeline, the checklist before the contract, the
figures by their definitions."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from samen.energy import selectors
from samen.energy.models import Document, LoanDossier, LoanRate, Status
from samen.registry.models import Municipality, Organisation
from tests.conftest import membership_of, sign_in, user_of

pytestmark = pytest.mark.django_db


def login(client, persona):
    sign_in(client, user_of(persona))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def file_dossier(client, world, **extra):
    login(client, "worker_kortrijk")
    data = {
        "membership": membership_of("worker_kortrijk").pk, "applied_on": "01/06/2018",
        "amount": "8000", "months": "120", "works": "Dakisolatie en hoogrendementsglas",
        "municipality": Municipality.objects.get(name="Kortrijk").pk, "household": "single",
        "dependants": "2", "taxable_income": "35040", "owner_occupier": "on",
        "partners": [Organisation.objects.get(name="Renovatiecoach Zuid-West").pk],
    } | extra  # fmt: skip
    return client.post(reverse("energy_dossier_new", args=[world.person_kortrijk.pk]), data)


def test_from_application_to_repayment(client, world):
    assert selectors.energy_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).dossiers is None
    file_dossier(client, world)
    dossier = LoanDossier.objects.get()
    assert dossier.product == "energielening" and dossier.documents.count() == 4
    url = reverse("energy_dossier", args=[dossier.pk])
    client.post(reverse("energy_assess", args=[dossier.pk]))
    dossier.refresh_from_db()
    # 31.520 + 2 × 1.760 = 35.040: at the limit, so the priority group at 0 %.
    assert (dossier.status, dossier.target, dossier.rate) == ("eligible", "priority", D("0"))
    page = client.get(url).content.decode()
    assert "gezamenlijk belastbaar inkomen onder de grens van het jaar" in page
    assert "Wacht op het bezoek" in page

    login(client, "adviser")  # the technical adviser, a partner on the dossier
    client.post(reverse("energy_visit", args=[dossier.pk]),
                {"advice": "Dak eerst isoleren; glas daarna."})  # fmt: skip
    client.post(reverse("energy_note", args=[dossier.pk]), {"text": "Bezoek op 12/06 gedaan."})
    login(client, "worker_kortrijk")
    client.post(reverse("energy_offer", args=[dossier.pk]), {"amount": "1200", "months": "12"})
    response = client.post(reverse("energy_offer", args=[dossier.pk]),
                           {"amount": "6000", "months": "12"}, follow=True)  # fmt: skip
    assert "Het aanbod is bewaard." in messages_of(response)
    contract = {"signed_on": "01/07/2018", "first_due": "01/08/2018",
                "repayment_iban": "BE71 0961 2345 6769"}  # fmt: skip
    response = client.post(reverse("energy_contract", args=[dossier.pk]), contract, follow=True)
    assert any(m.startswith("Nog niet ontvangen: identiteitskaart") for m in messages_of(response))
    for document in Document.objects.filter(dossier=dossier):
        client.post(reverse("energy_document", args=[document.pk]), {"on": "20/06/2018"})
    wrong = contract | {"repayment_iban": "BE71 0961 2345 6768"}  # one digit off
    response = client.post(reverse("energy_contract", args=[dossier.pk]), wrong, follow=True)
    assert "Dit is geen geldig IBAN-rekeningnummer" in response.content.decode()
    client.post(reverse("energy_contract", args=[dossier.pk]), contract)
    dossier.refresh_from_db()
    assert dossier.status == Status.CONTRACTED and dossier.repayment_iban == "BE71096123456769"
    schedule = selectors.schedule_of(dossier)
    assert len(schedule) == 12 and all(i.payment == D("500.00") for i in schedule)
    response = client.post(reverse("energy_disburse", args=[dossier.pk]), {
        "invoice": "F-1", "amount": "6000,01", "paid_on": "15/07/2018"}, follow=True)  # fmt: skip
    assert any("Nog uit te betalen: € 6.000,00" in m for m in messages_of(response))
    client.post(reverse("energy_disburse", args=[dossier.pk]), {
        "invoice": "F-1", "amount": "4.250,50", "paid_on": "15/07/2018"})  # fmt: skip
    assert selectors.disbursed(dossier) == D("4250.50")
    for _ in range(12):
        client.post(reverse("energy_repay", args=[dossier.pk]),
                    {"amount": "500", "on": "01/08/2018"})  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.status == Status.CLOSED
    page = client.get(url).content.decode()  # one timeline: the adviser's words are there
    assert "Dak eerst isoleren; glas daarna." in page and "Bezoek op 12/06 gedaan." in page
    figures = selectors.energy_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (figures.dossiers, figures.by_rate) == (1, {"0": 1})


def test_the_rate_is_the_one_of_the_day_of_application(client, world):
    for day in ("23/02/2024", "24/02/2024"):
        file_dossier(client, world, applied_on=day, amount="20000", months="240",
                     home_built="1970", taxable_income="30000", dependants="0")  # fmt: skip
    for dossier in LoanDossier.objects.order_by("applied_on"):
        client.post(reverse("energy_assess", args=[dossier.pk]))
    assert [d.rate for d in LoanDossier.objects.order_by("applied_on")] == [D("2.25"), D("2.75")]
    # A new rate is data: the coordinator adds it, a later application gets it.
    login(client, "coordinator")
    client.post(reverse("energy_rates"), {
        "rate": "1", "r-product": "verbouwlening", "r-target": "all", "r-valid_from": "01/01/2025",
        "r-rate": "3,10", "r-source": "VEKA, persbericht",
    })  # fmt: skip
    assert LoanRate.objects.filter(valid_from=dt.date(2025, 1, 1), rate=D("3.10")).exists()
    file_dossier(client, world, applied_on="02/01/2025", amount="20000", months="240",
                 home_built="1970", taxable_income="30000", dependants="0")  # fmt: skip
    latest = LoanDossier.objects.order_by("-applied_on").first()
    client.post(reverse("energy_assess", args=[latest.pk]))
    latest.refresh_from_db()
    assert latest.rate == D("3.10")
    figures = selectors.energy_figures(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (figures.dossiers, figures.by_rate) == (2, {"2.25": 1, "2.75": 1})


def test_a_refusal_explains_itself_and_bad_input_is_named(client, world):
    response = file_dossier(client, world, amount="", months="0", applied_on="31/02/2018")
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    assert not LoanDossier.objects.exists()
    file_dossier(client, world, applied_on="01/03/2024", amount="60000", months="300",
                 home_built="2015", taxable_income="80000", dependants="0")  # fmt: skip
    dossier = LoanDossier.objects.get()
    client.post(reverse("energy_assess", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.status == Status.REFUSED and dossier.rate is None
    page = client.get(reverse("energy_dossier", args=[dossier.pk])).content.decode()
    assert "De woning is 9 jaar oud; minstens 15." in page
    assert "Belastbaar inkomen € 80.000,00; grens € 43.460,00" in page


def test_only_the_partners_on_a_dossier_see_it(client, world):
    file_dossier(client, world, partners=[])
    dossier = LoanDossier.objects.get()
    for persona in ("worker_menen", "adviser"):  # the adviser is not on this one
        login(client, persona)
        assert client.get(reverse("energy_dossier", args=[dossier.pk])).status_code == 404
        assert str(dossier.person) not in client.get(reverse("energy")).content.decode()
    login(client, "worker_kortrijk")
    assert client.get(reverse("energy_dossier", args=[dossier.pk])).status_code == 200


def test_bad_rates_and_fund_homes_are_named_and_nothing_is_saved(client, world):
    from samen.energy.models import FundHome

    login(client, "coordinator")
    before = LoanRate.objects.count()
    response = client.post(reverse("energy_rates"), {
        "rate": "1", "r-product": "verbouwlening", "r-target": "all", "r-valid_from": "2025",
        "r-rate": "veel", "r-source": ""})  # fmt: skip
    page = response.content.decode()
    assert "Geef een datum als dd/mm/jjjj." in page and "Dit veld is verplicht." in page
    assert LoanRate.objects.count() == before
    login(client, "worker_kortrijk")
    response = client.post(reverse("fund_home_new", args=[world.person_kortrijk.pk]), {
        "membership": membership_of("worker_kortrijk").pk, "address": "Kerkstraat 1",
        "assessment": "", "works": "Dak", "budget": "veel", "selected_on": "01/02/2026",
        "municipality": Municipality.objects.get(name="Kortrijk").pk})  # fmt: skip
    page = response.content.decode()
    assert "Dit veld is verplicht." in page and "Voer een getal in." in page
    assert not FundHome.objects.exists()
