"""Demo data of the Energiehuis: the 2018 Energielening year of the annual report (343
dossiers: 153 at 0 % for the priority group, 190 at 2 %) and this year's Mijn
VerbouwLening dossiers in every step, filed by the OCMWs' housing desks with the technical
adviser as partner."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samen.registry import demo as registry_demo
from samen.registry.models import Membership, Organisation, Person, Programme, Role

WORKS = ["Dakisolatie", "Hoogrendementsglas", "Condensatieketel", "Spouwmuurisolatie",
         "Warmtepomp", "Zonneboiler", "Vloerisolatie"]  # fmt: skip
PRIORITY_2018, STANDARD_2018 = 153, 190


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    from samen.energy.models import LoanDossier

    if LoanDossier.objects.exists():
        return
    rng = random.Random(seed * 4243)
    desks = list(Membership.objects.filter(role=Role.SOCIAL_WORKER,
                                           organisation__kind="ocmw")
                 .select_related("user", "organisation__municipality"))  # fmt: skip
    adviser = Organisation.objects.filter(name="Renovatiecoach Zuid-West").first()
    programme = Programme.objects.get(code="energy")
    for n in range(PRIORITY_2018 + STANDARD_2018):
        priority = n < PRIORITY_2018
        applied = dt.date(2018, 1, 2) + dt.timedelta(days=rng.randint(0, 360))
        _dossier(rng, rng.choice(desks), adviser, programme, applied, "energielening",
                 "priority" if priority else "standard", Decimal(0 if priority else 2),
                 "closed" if n % 5 == 0 else "contracted")  # fmt: skip
    _rolling_fund(rng, desks, programme)
    today = timezone.localdate()
    steps = ["applied", "eligible", "visited", "offered", "contracted", "refused"]
    for n in range(36):
        applied = today - dt.timedelta(days=5 + 9 * n)
        status = steps[n % len(steps)]
        rate = Decimal("2.75") if status not in ("applied", "refused") else None
        _dossier(rng, desks[n % len(desks)], adviser, programme, applied, "verbouwlening", "all",
                 rate, status)  # fmt: skip


def _dossier(rng, desk, adviser, programme, applied, product, target, rate, status) -> None:
    from samen.energy import rules
    from samen.energy.models import Disbursement, DossierEvent, LoanDossier
    from samen.registry.models import Enrolment

    person = Person.objects.create(
        first_name=rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
        last_name=rng.choice(registry_demo.LAST),
        birth_date=dt.date(1950 + rng.randint(0, 45), rng.randint(1, 12), rng.randint(1, 28)),
        municipality=desk.organisation.municipality,
    )  # fmt: skip
    Enrolment.objects.create(person=person, programme=programme, organisation=desk.organisation,
                             legal_basis="legal_task", basis_note="woonloket: energielening",
                             start_date=applied, created_by=desk.user)  # fmt: skip
    amount = Decimal(rng.choice([3500, 6000, 8500, 12000, 15000] if product == "energielening"
                                else [18000, 25000, 32000, 45000, 60000]))  # fmt: skip
    months = 120 if product == "energielening" else rng.choice([180, 240, 300])
    contracted = status in ("contracted", "closed")
    dossier = LoanDossier.objects.create(
        person=person, desk=desk.organisation, product=product, applied_on=applied,
        amount=amount, months=months, works=", ".join(rng.sample(WORKS, 2)),
        municipality=desk.organisation.municipality, home_built=rng.randint(1930, 2000),
        household=rng.choice(["single", "couple"]), dependants=rng.randint(0, 3),
        taxable_income=Decimal(rng.randint(18000, 60000)), status=status,
        target=target if status != "refused" and status != "applied" else "", rate=rate,
        offer_amount=amount if status in ("offered", "contracted", "closed") else None,
        offer_months=months if status in ("offered", "contracted", "closed") else None,
        contract_on=applied + dt.timedelta(days=45) if contracted else None,
        first_due=(applied + dt.timedelta(days=90)).replace(day=1) if contracted else None,
    )  # fmt: skip
    dossier.partners.set([p for p in (desk.organisation, adviser) if p])
    for name in rules.DOCUMENTS[product]:
        dossier.documents.create(name=name, received_on=applied + dt.timedelta(days=20)
                                 if contracted or status == "offered" else None)  # fmt: skip
    DossierEvent.objects.create(
        dossier=dossier,
        by=desk.user,
        organisation=desk.organisation,
        kind="status",
        at=timezone.make_aware(dt.datetime.combine(applied, dt.time(10))),
        text=f"Aanvraag ingediend: {rules.PRODUCTS[product].name}.",
    )
    if contracted:
        Disbursement.objects.create(dossier=dossier, invoice=f"F-{dossier.pk:05d}",
                                    amount=amount, paid_on=dossier.contract_on
                                    + dt.timedelta(days=30))  # fmt: skip


def _rolling_fund(rng, desks, programme) -> None:
    """The pilot with Kortrijk, Harelbeke and Menen: capital in 2019, three homes that
    year, one sold again, and two homes since."""
    from samen.energy.models import FundHome, FundMovement
    from samen.registry.models import Enrolment

    pilot = [d for d in desks if d.organisation.municipality.name in ("Kortrijk", "Harelbeke",
                                                                      "Menen")]  # fmt: skip
    if not pilot:
        return
    coordinator = pilot[0].user
    FundMovement.objects.create(kind="capital", on=dt.date(2019, 1, 15), amount=Decimal(160000),
                                note="Inbreng pilootsteden en W13", by=coordinator)  # fmt: skip
    homes = [(dt.date(2019, 3, 1), 42000, dt.date(2022, 6, 30)),
             (dt.date(2019, 5, 1), 38000, None), (dt.date(2019, 9, 1), 45000, None),
             (dt.date(2023, 2, 1), 40000, None), (dt.date(2025, 4, 1), 25000, None)]  # fmt: skip
    for n, (start, budget, sold) in enumerate(homes):
        desk = pilot[n % len(pilot)]
        owner = Person.objects.create(
            first_name=rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
            last_name=rng.choice(registry_demo.LAST), birth_date=dt.date(1958 + n, 3, 1),
            municipality=desk.organisation.municipality,
        )  # fmt: skip
        Enrolment.objects.create(person=owner, programme=programme, organisation=desk.organisation,
                                 legal_basis="legal_task", basis_note="rollend fonds noodkopers",
                                 start_date=start, created_by=desk.user)  # fmt: skip
        home = FundHome.objects.create(
            owner=owner, desk=desk.organisation, municipality=desk.organisation.municipality,
            address=f"{rng.choice(registry_demo.STREETS)} {rng.randint(1, 120)}",
            assessment="Slechte staat: vocht, enkel glas, geen dakisolatie.",
            works="Dakisolatie, ramen, verwarming", budget=Decimal(budget),
            selected_on=start, works_started_on=start + dt.timedelta(days=30),
            status="repaid" if sold else "works",
        )  # fmt: skip
        FundMovement.objects.create(kind="prefinance", on=start + dt.timedelta(days=30),
                                    amount=-Decimal(budget), home=home, note="Werken",
                                    by=desk.user)  # fmt: skip
        if sold:
            FundMovement.objects.create(kind="repayment", on=sold, amount=Decimal(budget),
                                        home=home, note="Verkoop", by=desk.user)  # fmt: skip
