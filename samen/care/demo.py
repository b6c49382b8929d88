"""Demo data of care: a year of integrated broad intakes at the OCMWs' and the CAW's front
desks, for persons of their own files, with rights in every stage."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from samen.registry.models import Enrolment, Membership, Role

QUESTIONS = [
    "Kan mijn rekeningen niet meer betalen sinds de scheiding.",
    "Vraag naar hulp bij de energiefactuur.",
    "Huur te hoog voor het leefloon; zoekt een goedkopere woning.",
    "Schoolkosten voor drie kinderen: wat is mogelijk?",
    "Ziek geworden, inkomen gedaald; wie kan helpen met de papieren?",
]


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    from samen.care.models import CheckEvent, Intake, Right, RightCheck

    if Intake.objects.exists():
        return
    rng = random.Random(seed * 6007)
    rights = list(Right.objects.filter(active=True))
    today = timezone.localdate()
    desks = list(
        Membership.objects.filter(role=Role.SOCIAL_WORKER, organisation__isnull=False)
        .exclude(organisation__kind="association")
        .select_related("user", "organisation")
    )
    outcomes = ["realised"] * 5 + ["applied"] * 2 + ["probable"] * 2 + ["refused"]
    for desk in desks:
        persons = list(
            Enrolment.objects.filter(organisation=desk.organisation, status="active")
            .exclude(person__first_name__in=["Els", "Karim"])
            .values_list("person_id", flat=True)
            .distinct()[:12]
        )
        for person_id in persons:
            on = today - dt.timedelta(days=rng.randint(5, 360))
            intake = Intake.objects.create(
                person_id=person_id,
                desk=desk.organisation,
                on=on,
                question=rng.choice(QUESTIONS),
                by=desk.user,
            )
            for right in rng.sample(rights, rng.randint(1, 3)):
                status = rng.choice(outcomes)
                since = min(today, on + dt.timedelta(days=rng.randint(10, 90)))
                check = RightCheck.objects.create(
                    intake=intake,
                    right=right,
                    partner=desk.organisation,
                    status=status,
                    since=on if status == "probable" else since,
                )
                CheckEvent.objects.create(
                    right_check=check,
                    status="probable",
                    partner=desk.organisation,
                    on=on,
                    by=desk.user,
                )
                if status != "probable":
                    CheckEvent.objects.create(
                        right_check=check,
                        status=status,
                        on=since,
                        partner=desk.organisation,
                        by=desk.user,
                    )


@transaction.atomic
def build_volunteers(seed: int = 1, progress: bool = True) -> None:
    """Sixty volunteers, a year of requests (Woonclub sessions, the food hub, budget fairs)
    with assignments and hours; the demo volunteer's own profile."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from samen.care.models import Assignment, Skill, ThanksEvent, Volunteer, VolunteerRequest
    from samen.registry import demo as registry_demo
    from samen.registry.models import Municipality, Organisation

    if Volunteer.objects.exists():
        return
    rng = random.Random(seed * 7411)
    towns = list(Municipality.objects.order_by("name"))
    today = timezone.localdate()
    made = []
    for n in range(60):
        made.append(
            Volunteer.objects.create(
                first_name=rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
                last_name=rng.choice(registry_demo.LAST),
                birth_date=dt.date(
                    1950 + rng.randint(0, 50), rng.randint(1, 12), rng.randint(1, 28)
                ),
                municipality=rng.choice(towns),
                skills=rng.sample(Skill.values, rng.randint(1, 3)),
                weekdays=sorted(rng.sample(range(7), rng.randint(1, 4))),
                languages=rng.choice(
                    [
                        "Nederlands",
                        "Nederlands, Frans",
                        "Nederlands, Engels",
                        "Nederlands, Arabisch",
                    ]
                ),
                good_conduct_on=today - dt.timedelta(days=rng.randint(30, 900)) if n % 7 else None,
                insured_from=dt.date(today.year, 1, 1),
            )
        )
    vera = get_user_model().objects.filter(username="vera.vrijwilliger").first()
    if vera:
        made[0].first_name, made[0].last_name, made[0].account = "Vera", "Demo", vera
        made[0].save()
    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    asker = get_user_model().objects.filter(memberships__team__code="foodhub").first()
    kinds = [
        ("woonclub", "Woonclub-sessie", ["housing", "welcome"]),
        ("food", "Sorteren en leveren in de hub", ["logistics", "driving"]),
        ("budget_fair", "Budgetbeurs Wakosta?!", ["education", "welcome"]),
    ]
    for week in range(-40, 4):
        for kind, title, skills in kinds:
            on = today + dt.timedelta(weeks=week, days=rng.randint(0, 4))
            request = VolunteerRequest.objects.create(
                organisation=w13,
                kind=kind,
                title=title,
                municipality=rng.choice(towns),
                on=on,
                hours=Decimal(rng.choice([2, 3, 4])),
                needed=rng.randint(1, 3),
                skills=skills,
                asked_by=asker,
            )
            screened = [v for v in made if v.good_conduct_on]
            for volunteer in rng.sample(screened, request.needed):
                Assignment.objects.create(
                    request=request,
                    volunteer=volunteer,
                    hours=request.hours if on < today else None,
                )
    ThanksEvent.objects.create(
        title="Bedankavond voor de vrijwilligers", on=dt.date(today.year, 12, 12), invited=60
    )


@transaction.atomic
def build_solentra(seed: int = 1, progress: bool = True) -> None:
    """The report's Solentra period: 81 consultations from 1 September 2018 to 22 May 2019
    for refugee clients referred by OCMW Kortrijk."""
    from django.contrib.auth import get_user_model

    from samen.care.models import Consultation
    from samen.registry import services as registry
    from samen.registry.models import Organisation, Person, Programme

    if Consultation.objects.exists():
        return
    solentra = Organisation.objects.filter(name="Solentra").first()
    desk = Membership.objects.filter(user__username="sofie.kortrijk").first()
    if solentra is None or desk is None:
        return
    rng = random.Random(seed * 5003)
    therapist = get_user_model().objects.get(username="solentra.therapeut")
    programme = Programme.objects.get(code="solentra")
    clients = list(
        Enrolment.objects.filter(organisation=desk.organisation, status="active")
        .exclude(person__first_name__in=["Els", "Karim"])
        .values_list("person", flat=True)
        .distinct()[12:24]
    )
    start, end = dt.date(2018, 9, 1), dt.date(2019, 5, 22)
    referrals = []
    for person_id in clients:
        referrals.append(
            registry.referral_create(
                actor=desk.user,
                membership=desk,
                person=Person.objects.get(pk=person_id),
                receiver=solentra,
                programme=programme,
                reason="Traumabegeleiding na de vlucht",
                legal_basis="legal_task",
                categories=["basic"],
                justification="OCMW-begeleiding van erkende vluchtelingen",
            )
        )
    for n in range(81):
        referral = referrals[n % len(referrals)]
        Consultation.objects.create(
            person_id=referral.person_id,
            referral=referral,
            on=start + dt.timedelta(days=rng.randint(0, (end - start).days)),
            kind=rng.choice(["individual", "individual", "family", "group"]),
            note="Consultatie (verslag bij Solentra).",
            shared_summary="Begeleiding loopt." if n % 3 == 0 else "",
            by=therapist,
        )


@transaction.atomic
def build_konekti(seed: int = 1, progress: bool = True) -> None:
    """Konekti's first two months (40 families from 5 November 2018) and this year's
    families, registered on the website and taken up by the team; the psychologist is a
    member of both teams."""
    from django.contrib.auth import get_user_model

    from samen.care import services
    from samen.care.models import Application, Family
    from samen.registry import demo as registry_demo
    from samen.registry.models import Municipality, Team

    if Family.objects.exists():
        return
    User = get_user_model()
    connector = User.objects.filter(username="konekti.verbinder").first()
    psychologist = User.objects.filter(username="konekti.psycholoog").first()
    if connector is None:
        return
    if psychologist:
        Membership.objects.get_or_create(
            user=psychologist,
            role=Role.TEAM_MEMBER,
            team=Team.objects.get(code="konekti_psy"),
            defaults={"valid_from": dt.date(2018, 1, 1)},
        )
    membership = Membership.objects.get(user=connector, team__code="konekti")
    rng = random.Random(seed * 8111)
    towns = list(Municipality.objects.order_by("name"))
    today = timezone.localdate()
    days = [dt.date(2018, 11, 5) + dt.timedelta(days=rng.randint(0, 56)) for _n in range(40)]
    days += [today - dt.timedelta(days=rng.randint(3, 300)) for _n in range(20)]
    for n, day in enumerate(days):
        parent = rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M)
        last = rng.choice(registry_demo.LAST)
        children = "\n".join(f"{rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M)}; "
                             f"{dt.date(2008 + rng.randint(0, 12), rng.randint(1, 12), 1):%d/%m/%Y}"
                             for _c in range(rng.randint(1, 3)))  # fmt: skip
        application = Application.objects.create(
            parent_name=f"{parent} {last}",
            phone="056 00 00 00",
            municipality=rng.choice(towns),
            children=children,
            question="Ondersteuning bij de opvoeding.",
            consent=True,
            sent_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        )
        family = services.family_from_application(
            actor=connector, membership=membership, application=application
        )
        family.connector = connector
        family.first_contact_on = min(today, day + dt.timedelta(days=rng.choice([0, 1, 2, 3, 5])))
        if n < 40:
            family.closed_on, family.outcome = day + dt.timedelta(days=240), "Doelen bereikt."
        family.save()
