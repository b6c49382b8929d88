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

    towns = {m.name: m for m in Municipality.objects.all()}
    weights = registry_demo.TOWN_WEIGHTS

    def person(first=None, last=None):
        return Person.objects.create(
            first_name=first or rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
            last_name=last or rng.choice(registry_demo.LAST),
            birth_date=dt.date(1962 + rng.randint(0, 38), rng.randint(1, 12), rng.randint(1, 28)),
            municipality=towns[rng.choices(list(weights), list(weights.values()))[0]],
        )  # fmt: skip

    workers = []
    for n in range(PWA_WORKERS):  # from the PWA system: no 12-month limit, since 2018
        started = dt.date(2018, 1, 2 + n % 5)
        workers.append(Worker.objects.create(  # in the PWA since before; wijk-werker in 2018
            organiser=w13, person=person(*(STORY_WORKER if n == 0 else (None, None))),
            referred_by="ocmw", referred_on=dt.date(2008 + n % 10, 1 + n % 12, 1 + n % 28),
            intake_on=started, started_on=started, ex_pwa=True,
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


# --- 2018, the year of the annual report -------------------------------------------------

CHEQUES_2018, REFERRED_2018, STARTED_2018 = 142_579, 155, 123


def build_2018(seed: int = 1, progress: bool = True) -> None:
    """Wijk-werken's first year as records: the 380 wijk-werkers from the PWA system and
    123 of the 155 people referred in 2018 performing for the year's users, 142,579
    cheques in all; two activation trajectories started; the social-economy events."""
    from samen.work import services
    from samen.work.models import ChequePurchase, Performance, WijkwerkUser, Worker

    if Performance.objects.filter(on__year=2018).exists():
        return
    rng = random.Random(seed * 2018)
    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    coach = get_user_model().objects.get(username="wijkwerk.coach")
    with transaction.atomic():
        people = registry_demo.bulk_people(rng, REFERRED_2018 + 700, "WW", born=(1940, 2000))
        referred_people, user_people = people[:REFERRED_2018], people[REFERRED_2018:]
        new = []
        for n, person in enumerate(referred_people):
            referred = dt.date(2018, 1, 8) + dt.timedelta(days=int(320 * n / REFERRED_2018))
            started = referred + dt.timedelta(days=12) if n < STARTED_2018 else None
            new.append(Worker(
                organiser=w13, person=person, referred_by=rng.choice(["vdab", "ocmw"]),
                referred_on=referred, intake_on=referred + dt.timedelta(days=5),
                started_on=started, ended_on=dt.date(2019, 12, 31) if started else None,
                not_started_reason="" if started else "Vond elders werk.",
            ))  # fmt: skip
        Worker.objects.bulk_create(new)
        users = WijkwerkUser.objects.bulk_create([
            WijkwerkUser(organiser=w13, kind="private", person=person, number=f"P18-{n + 1:04d}",
                         registered_on=dt.date(2017, 12, 1) + dt.timedelta(days=rng.randint(0, 40)))
            for n, person in enumerate(user_people)
        ])  # fmt: skip
        workers = list(Worker.objects.filter(ex_pwa=True)) + [w for w in new if w.started_on]
        rows, need = _year_of_performances(rng, workers, users)
        services.performances_insert(rows, registered_by_id=coach.pk)
        ChequePurchase.objects.bulk_create(
            ChequePurchase(user=user, bought_on=user.registered_on, price=PRICE,
                           cheques=max(20, math.ceil(need[user.pk] * 1.2 / 10) * 10))
            for user in users
        )  # fmt: skip
        _activation_2018(rng)
        _economy_2018()


def _year_of_performances(rng, workers, users) -> tuple[list, dict]:
    """Tasks of 1 to 3 hours, about 24 hours a month per wijk-werker from the month they
    started (never 60 in a month), until the year's cheques are reached exactly."""
    slots = [(w, month) for month in range(1, 13) for w in workers
             if w.started_on <= dt.date(2018, month, 28)]  # fmt: skip
    per_slot = CHEQUES_2018 / len(slots)
    hours_choice = [Decimal(h) for h in ("1", "1.5", "2", "2.5", "3")]
    rows, need, total = [], {u.pk: 0 for u in users}, 0
    for worker, month in slots:
        days = [d for d in _dates_of_month(2018, month, dt.date(2018, 12, 31))
                if d >= worker.started_on and d.weekday() < 6]  # fmt: skip
        goal = per_slot * rng.uniform(0.7, 1.3)
        cheques = 0
        while cheques < goal and total < CHEQUES_2018:
            hours = min(rng.choice(hours_choice), Decimal(CHEQUES_2018 - total))
            user = rng.choice(users)
            rows.append((worker.pk, user.pk, rng.choice(ACTIVITIES), rng.choice(days), hours,
                         math.ceil(hours), Decimal(rng.choice([0, 0, 4, 8, 14]))))  # fmt: skip
            need[user.pk] += math.ceil(hours)
            cheques += math.ceil(hours)
            total += math.ceil(hours)
    while total < CHEQUES_2018:  # the variation fell short: December's last tasks
        worker = workers[total % len(workers)]
        hours = min(Decimal(2), Decimal(CHEQUES_2018 - total))
        user = rng.choice(users)
        rows.append((worker.pk, user.pk, rng.choice(ACTIVITIES), dt.date(2018, 12, 3), hours,
                     math.ceil(hours), Decimal(0)))  # fmt: skip
        need[user.pk] += math.ceil(hours)
        total += math.ceil(hours)
    return rows, need


def _activation_2018(rng) -> None:
    """W² began at the end of 2018: three people referred, two trajectories started."""
    from samen.work.models import ActivationEvent, ActivationTrajectory

    kortrijk = Organisation.objects.get(name="OCMW Kortrijk")
    member = Membership.objects.filter(role=Role.SOCIAL_WORKER, organisation=kortrijk).first()
    for n, person in enumerate(registry_demo.bulk_people(rng, 3, "W2")):
        referred = dt.date(2018, 10, 1) + dt.timedelta(days=20 * n)
        trajectory = ActivationTrajectory.objects.create(
            person=person, organisation=kortrijk, referred_by=["vdab", "gtb", "care"][n],
            referred_on=referred, barriers=[["mental"], ["medical", "social"], ["psychiatric"]][n],
            goals="Een vast ritme opbouwen en stap voor stap naar (aangepast) werk.",
        )  # fmt: skip
        ActivationEvent.objects.create(trajectory=trajectory, status="referred", on=referred,
                                       by=member.user)  # fmt: skip
        if n < 2:
            start = referred + dt.timedelta(days=21)
            trajectory.status, trajectory.started_on = "running", start
            trajectory.save(update_fields=["status", "started_on"])
            ActivationEvent.objects.create(trajectory=trajectory, status="running", on=start,
                                           by=member.user)  # fmt: skip


def _economy_2018() -> None:
    from samen.work.models import EconomyEvent, Enterprise

    towns = {m.name: m for m in Municipality.objects.all()}
    events = [
        ("visit", "Bedrijfsbezoek De Witte Mol", dt.date(2018, 4, 19), "Zwevegem", 15),
        ("network", "Netwerkmoment sociale economie", dt.date(2018, 9, 27), "Kortrijk", 42),
        ("mobility", "Mobiliteitsmarkt Samen Slimmer Naar Het Werk", dt.date(2018, 11, 22),
         "Kortrijk", 120),
    ]  # fmt: skip
    for kind, title, on, town, participants in events:
        event = EconomyEvent.objects.create(
            kind=kind, title=title, on=on, municipality=towns[town], participants=participants
        )
        event.enterprises.set(Enterprise.objects.all()[:4])
