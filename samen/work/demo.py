"""Demo data of the work module: a year of wijk-werken at the region's 2018 volume (380
wijk-werkers from the PWA system; 155 people referred this year, of whom 123 started;
about 140,000 cheques), the coaches' sitting days, activation trajectories and the
social-economy directory."""

import datetime as dt
import math
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samen.registry import demo as registry_demo
from samen.registry.models import Membership, Municipality, Organisation, Person, Role

PRICE = Decimal("7.45")
ACTIVITIES = ["Toezicht speelplaats", "Hulp in de schoolbibliotheek", "Onderhoud tuin",
              "Hulp bij een evenement", "Klusjes in het gemeentehuis", "Hulp op de boerderij",
              "Boodschappen voor senioren", "Onderhoud kerkhof"]  # fmt: skip
USERS = [  # organisations that use wijk-werkers: (name, kind, municipality)
    ("GO! Atheneum Menen", "school", "Menen"), ("Sint-Jozefsinstituut", "school", "Kortrijk"),
    ("Vrije Basisschool De Regenboog", "school", "Harelbeke"),
    ("Gemeente Kuurne", "municipality", "Kuurne"), ("Gemeente Lendelede", "municipality",
                                                    "Lendelede"),
    ("Stad Wevelgem", "municipality", "Wevelgem"), ("Vzw De Zonnebloem", "non_profit", "Menen"),
    ("Vzw Speelplein Heule", "non_profit", "Kortrijk"), ("Vzw Buurtwerking Anzegem",
                                                         "non_profit", "Anzegem"),
    ("Hoeve Vandewalle", "farmer", "Spiere-Helkijn"), ("Tuinbouw Desmet", "farmer", "Zwevegem"),
]  # fmt: skip
ENTERPRISES = [
    ("WAAK", "custom", "Kuurne", "Verpakking, montage, groenonderhoud"),
    ("Mariasteen", "custom", "Lendelede", "Onderaanneming, voeding"),
    ("De Witte Mol", "custom", "Zwevegem", "Kringwinkel, herstelling"),
    ("Vlotter", "custom", "Wevelgem", "Groen en schoonmaak"),
    ("VDAB Kortrijk", "vdab", "Kortrijk", "Bemiddeling en opleiding"),
    ("Leiedal", "local", "Kortrijk", "Intercommunale, mobiliteit"),
    ("'t Alternatief", "civil", "Kortrijk", "Arbeidszorg"),
    ("ZOWE", "civil", "Kortrijk", "Arbeidszorg"),
]  # fmt: skip
PWA_WORKERS, REFERRED, STARTED, NOT_STARTED = 380, 155, 123, 26  # the rest waits for an intake
PRIVATE_USERS = 1200
STORY_WORKER = ("Rudy", "Verhaeghe")  # 56 hours this month: the browser test passes 60


def _dates_of_month(year: int, month: int, until: dt.date) -> list[dt.date]:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return [first + dt.timedelta(days=n) for n in range((min(last, until) - first).days + 1)]


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    from samen.work.models import ChequePrice

    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    if ChequePrice.objects.filter(organiser=w13).exists():
        return
    rng = random.Random(seed * 7919)
    today = timezone.localdate()
    ChequePrice.objects.create(organiser=w13, effective_from=dt.date(2018, 1, 1), price=PRICE)
    coach = get_user_model().objects.get(username="wijkwerk.coach")
    towns = {m.name: m for m in Municipality.objects.all()}
    _sitting_days(coach, towns, today)
    users = _users(w13, towns, rng, today)
    workers = _workers(w13, rng, today)
    _performances(coach, workers, users, rng, today)
    _requests(users, workers, rng, today)
    _activation(rng, today)
    _economy(towns, today)


def _sitting_days(coach, towns, today) -> None:
    from samen.work.models import SittingDay

    monday = today - dt.timedelta(days=today.weekday())
    for week in range(5):
        for n, town in enumerate(sorted(towns)):
            day = monday + dt.timedelta(weeks=week, days=n % 5)
            SittingDay.objects.create(
                municipality=towns[town], on=day, start=dt.time(9 if n % 2 else 13, 30),
                end=dt.time(12 if n % 2 else 16, 0), place=f"Sociaal huis {town}", coach=coach,
            )  # fmt: skip


def _users(w13, towns, rng, today):
    from samen.work.models import WijkwerkUser

    start = dt.date(today.year, 1, 5)
    school = Organisation.objects.get(name="Basisschool De Vlinder")
    account = get_user_model().objects.get(username="school.vlinder")
    users = [WijkwerkUser.objects.create(organiser=w13, kind="school", organisation=school,
                                         account=account, number="G-0001",
                                         registered_on=start)]  # fmt: skip
    for n, (name, kind, town) in enumerate(USERS, start=2):
        organisation, _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": "school" if kind == "school" else "partner",
                                 "municipality": towns[town]},
        )  # fmt: skip
        users.append(WijkwerkUser.objects.create(organiser=w13, kind=kind,
                                                 organisation=organisation, number=f"G-{n:04d}",
                                                 registered_on=start))  # fmt: skip
    for n in range(PRIVATE_USERS):
        person = Person.objects.create(
            first_name=rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
            last_name=rng.choice(registry_demo.LAST),
            birth_date=dt.date(1935 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
            municipality=towns[rng.choice(sorted(towns))],
        )  # fmt: skip
        users.append(WijkwerkUser.objects.create(
            organiser=w13, kind="private", person=person, number=f"P-{n + 1:04d}",
            registered_on=start + dt.timedelta(days=rng.randint(0, 20)),
        ))  # fmt: skip
    return users


def _workers(w13, rng, today):
    from samen.work.models import Worker

    def person(first=None, last=None):
        return Person.objects.create(
            first_name=first or rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
            last_name=last or rng.choice(registry_demo.LAST),
            birth_date=dt.date(1962 + rng.randint(0, 38), rng.randint(1, 12), rng.randint(1, 28)),
        )  # fmt: skip

    workers = []
    for n in range(PWA_WORKERS):  # from the PWA system: no 12-month limit, since 2018
        started = dt.date(2018, 1, 2 + n % 5)
        workers.append(Worker.objects.create(
            organiser=w13, person=person(*(STORY_WORKER if n == 0 else (None, None))),
            referred_by="ocmw", referred_on=started, intake_on=started, started_on=started,
            ex_pwa=True,
        ))  # fmt: skip
    year_start = dt.date(today.year, 1, 1)
    span = (today - year_start).days
    for n in range(REFERRED):
        referred = year_start + dt.timedelta(days=int(span * n / REFERRED))
        kind = "started" if n < STARTED else "not" if n < STARTED + NOT_STARTED else "waiting"
        if kind == "waiting":
            referred = today - dt.timedelta(days=3 + n % 20)
        intake = referred + dt.timedelta(days=5) if kind != "waiting" else None
        worker = Worker(
            organiser=w13, person=person(), referred_by=rng.choice(["vdab", "ocmw"]),
            referred_on=referred, intake_on=intake,
            started_on=intake + dt.timedelta(days=7) if kind == "started" else None,
            not_started_reason="Vond een job via de interimdienst." if kind == "not" else "",
        )  # fmt: skip
        worker.save()
        workers.append(worker)
    karim = Person.objects.filter(first_name="Karim", last_name="El Amrani").first()
    if karim:  # the demo citizen is a wijk-werker too: his own hours and statements
        workers.append(Worker.objects.create(
            organiser=w13, person=karim, referred_by="ocmw", referred_on=year_start,
            intake_on=year_start + dt.timedelta(days=7),
            started_on=year_start + dt.timedelta(days=14),
        ))  # fmt: skip
    return workers


def _performances(coach, workers, users, rng, today) -> None:
    """About 21 hours a month per wijk-werker in tasks of 1 to 3 hours (two cheques on
    average: the region's 142,579 cheques a year); the story worker 56 hours this month.
    The users buy the cheques they need when they register (the school some more)."""
    from samen.work import rules, services
    from samen.work.models import ChequePurchase

    rows, need = [], {u.pk: 0 for u in users}
    hours_choice = [Decimal(h) for h in ("1", "1.5", "2", "2.5", "3")]
    for worker in workers:
        if worker.started_on is None:
            continue
        first = max(worker.started_on, dt.date(today.year, 1, 1))
        until = today
        end = rules.months_limit_ends(worker.started_on, ex_pwa=worker.ex_pwa)
        if end:
            until = min(until, end)
        month = dt.date(first.year, first.month, 1)
        while month <= until:
            days = [d for d in _dates_of_month(month.year, month.month, until) if d >= first]
            story = worker is workers[0] and (month.year, month.month) == (today.year, today.month)
            target = Decimal(56) if story else Decimal(rng.choice([14, 18, 22, 26, 30, 32]))
            hours = Decimal(0)
            while days and hours < target:
                spent = min(rng.choice(hours_choice), target - hours)
                user = users[0] if story else rng.choice(users)
                cheques = math.ceil(spent)
                rows.append((worker.pk, user.pk, rng.choice(ACTIVITIES), rng.choice(days), spent,
                             cheques, Decimal(rng.choice([0, 0, 4, 8, 14, 22]))))  # fmt: skip
                need[user.pk] += cheques
                hours += spent
            month = (month + dt.timedelta(days=32)).replace(day=1)
    services.performances_insert(rows, registered_by_id=coach.pk)
    ChequePurchase.objects.bulk_create(
        ChequePurchase(user=user, bought_on=user.registered_on, price=PRICE,
                       cheques=max(20, math.ceil(need[user.pk] * 1.25 / 10) * 10)
                       + (40 if user is users[0] else 0))
        for user in users
    )  # fmt: skip


def _requests(users, workers, rng, today) -> None:
    from samen.work.models import ServiceRequest

    started = [w for w in workers if w.started_on and not w.ex_pwa]
    for n, user in enumerate(users[1:13]):
        matched = n % 3 == 0
        ServiceRequest.objects.create(
            user=user, activity=rng.choice(ACTIVITIES), place=f"{user}",
            hours_wanted=Decimal(rng.choice([4, 6, 8, 10])),
            asked_on=today - dt.timedelta(days=rng.randint(1, 30)),
            status="matched" if matched else "open",
            worker=rng.choice(started) if matched and started else None,
        )  # fmt: skip


def _activation(rng, today) -> None:
    """Trajectories held by OCMW Kortrijk and Menen for persons of their own files."""
    from samen.registry.models import Enrolment
    from samen.work.models import (
        ActivationCapacity,
        ActivationEvent,
        ActivationStep,
        ActivationTrajectory,
    )

    ActivationCapacity.objects.create(year=today.year, planned_min=55, planned_max=73)
    partners = {o.name: o for o in Organisation.objects.filter(name__in=["VDAB", "GTB",
                                                                         "A'kzie"])}  # fmt: skip
    for town in ("Kortrijk", "Menen"):
        member = (
            Membership.objects.filter(role=Role.SOCIAL_WORKER, organisation__name=f"OCMW {town}")
            .select_related("user", "organisation")
            .first()
        )
        if member is None:
            continue
        own = Enrolment.objects.filter(organisation=member.organisation, status="active")
        own = own.exclude(person__first_name__in=["Els", "Karim"])
        enrolled = own.values_list("person_id", flat=True).distinct().order_by("person_id")[:6]
        for n, person_id in enumerate(enrolled):
            referred = today - dt.timedelta(days=30 * (n + 1) + rng.randint(0, 20))
            trajectory = ActivationTrajectory.objects.create(
                person_id=person_id, organisation=member.organisation,
                referred_by=["vdab", "gtb", "care"][n % 3], referred_on=referred,
                referrer="CGG Kortrijk" if n % 3 == 2 else "",
                barriers=[["mental"], ["medical", "social"], ["psychiatric"]][n % 3],
                goals="Een vast ritme opbouwen en stap voor stap naar (aangepast) werk.",
            )  # fmt: skip
            trajectory.partners.set([p for p in partners.values()][: 1 + n % 3])
            ActivationEvent.objects.create(trajectory=trajectory, status="referred",
                                           on=referred, by=member.user)  # fmt: skip
            if n < 4:
                start = referred + dt.timedelta(days=14)
                trajectory.status, trajectory.started_on = "running", start
                trajectory.save(update_fields=["status", "started_on"])
                ActivationEvent.objects.create(trajectory=trajectory, status="running",
                                               on=start, by=member.user)  # fmt: skip
                ActivationStep.objects.create(
                    trajectory=trajectory, kind="care", title="Begeleiding bij het CGG", start=start
                )
                ActivationStep.objects.create(trajectory=trajectory, kind="work",
                                              title="Arbeidszorg in een zorgboerderij",
                                              start=start + dt.timedelta(days=21))  # fmt: skip


def _economy(towns, today) -> None:
    from samen.work.models import EconomyEvent, Enterprise

    made = [Enterprise.objects.create(name=name, kind=kind, municipality=towns[town],
                                      activities=what)
            for name, kind, town, what in ENTERPRISES]  # fmt: skip
    year = today.year
    events = [
        ("mobility", "Mobiliteitsmarkt Samen Slimmer Naar Het Werk", dt.date(year, 5, 22),
         "Kortrijk", 140, made),
        ("visit", "Bedrijfsbezoek WAAK", dt.date(year, 3, 14), "Kuurne", 18, made[:1]),
        ("visit", "Bedrijfsbezoek Mariasteen", dt.date(year, 6, 6), "Lendelede", 12, made[1:2]),
        ("network", "Netwerkmoment maatwerkbedrijven en lokale besturen", dt.date(year, 10, 9),
         "Kortrijk", 35, made[:6]),
    ]  # fmt: skip
    for kind, title, on, town, participants, enterprises in events:
        event = EconomyEvent.objects.create(kind=kind, title=title, on=on,
                                            municipality=towns[town],
                                            participants=participants)  # fmt: skip
        event.enterprises.set(enterprises)
