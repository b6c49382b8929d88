"""Demo data of the housing module: the crisis-bed network with a year of admissions."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samen.registry.models import Membership, Municipality, Organisation, Role, Team

PARTNERS = [  # the partners of the regional crisis network and their beds
    ("CAW Zuid-West-Vlaanderen", "Kortrijk", 4),
    ("Huize Eigen Haard", "Menen", 2),
    ("Ubuntu x8k", "Kortrijk", 2),
    ("Vesta", "Waregem", 1),
    ("vzw Kompas", "Kortrijk", 1),
]
OCCUPIED_TONIGHT = 8  # of the 10 beds: two free, as on a busy evening


@transaction.atomic
def build_crisis(seed: int = 1, progress: bool = True) -> None:
    from samen.housing.models import CrisisBed
    from samen.registry.models import Person, Programme

    if CrisisBed.objects.exists():
        return
    rng = random.Random(seed * 31337)
    towns = {m.name: m for m in Municipality.objects.all()}
    partners = []
    for name, town, beds in PARTNERS:
        partner, _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": "partner", "municipality": towns[town]}
        )
        partners.append(partner)
        for number in range(1, beds + 1):
            CrisisBed.objects.create(partner=partner, label=f"Bed {number}")
    # A year of admissions by the demo's social workers, written in bulk (a demo, not a
    # night's work) with the records the services write: enrolment and admission.
    workers = list(Membership.objects.filter(role=Role.SOCIAL_WORKER).select_related("user"))
    programme = Programme.objects.get(code="crisis")
    beds = list(CrisisBed.objects.all())
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    free_from = {bed.pk: timezone.make_aware(dt.datetime(today.year - 1, today.month, 1), tz)
                 for bed in beds}  # fmt: skip
    people = []
    for n in range(40):
        person = Person.objects.create(
            first_name=rng.choice(["Jan", "Sara", "Ahmed", "Lotte", "Koen", "Ines", "Dries"]),
            last_name=f"Crisis{n:02d}", birth_date=dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
        )  # fmt: skip
        people.append(person)
    now = timezone.now()
    for number, bed in enumerate(beds):
        moment = free_from[bed.pk]
        while True:
            moment += dt.timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 5))
            admitted = moment.replace(hour=rng.choice([19, 20, 21, 22, 23]), minute=0)
            # Mostly one night or two: out the next morning or the one after.
            days = rng.choice([0, 0, 0, 1, 1, 2])
            stay = dt.timedelta(days=days, hours=24 - admitted.hour + rng.randint(9, 12))
            if admitted + stay > now:
                break
            _admit(rng, bed, workers, people, programme, admitted, admitted + stay)
            moment = admitted + stay
        if number < OCCUPIED_TONIGHT:  # someone in it tonight, since after the last stay
            _admit(rng, bed, workers, people, programme, max(moment, now - dt.timedelta(hours=20)),
                   None)  # fmt: skip


def _admit(rng, bed, workers, people, programme, admitted, discharged) -> None:
    from samen.housing.models import CrisisAdmission, FollowUp
    from samen.registry.models import Enrolment

    worker = rng.choice(workers)
    person = rng.choice(people)
    if not Enrolment.objects.filter(person=person, programme=programme,
                                    organisation=worker.organisation).exists():  # fmt: skip
        Enrolment.objects.create(
            person=person, programme=programme, organisation=worker.organisation,
            legal_basis="vital_interest", basis_note="crisisopname na de kantooruren",
            start_date=admitted.date(), created_by=worker.user,
        )  # fmt: skip
    CrisisAdmission.objects.create(
        bed=bed, person=person, organisation=worker.organisation, admitted_by=worker.user,
        admitted_at=admitted, reason="Psychosociale crisis na de kantooruren.",
        legal_basis="vital_interest", discharged_at=discharged,
        follow_up=rng.choice(FollowUp.values) if discharged else "",
    )  # fmt: skip


def build_meldpunt(seed: int = 1, progress: bool = True) -> None:
    """Situations reported by the demo's services through the real services (referrals
    included), some assessed and decided by the meldpunt, three crisis consultations."""
    from samen.access import policy
    from samen.housing import services
    from samen.housing.models import LivingSituation, Need, Situation, SituationDecision
    from samen.registry.models import Person

    if Situation.objects.exists():
        return
    rng = random.Random(seed * 7411)
    users = get_user_model().objects
    lead = users.get(username="lies.meldpunt")
    today = timezone.localdate()
    reported = []
    for username in ("sofie.kortrijk", "marc.menen", "an.caw"):
        user = users.get(username=username)
        member = next(m for m in policy.memberships(user) if m.role == Role.SOCIAL_WORKER)
        for person in policy.scope_persons(user, Person.objects.order_by("pk"))[:4]:
            if person.restricted_at:
                continue
            with transaction.atomic():
                reported.append(services.situation_report(
                    actor=user, membership=member, persons=[person], legal_basis="legal_task",
                    justification="Opdracht van het OCMW/CAW: dak- en thuislozenzorg.",
                    data={
                        "living_situation": rng.choice(LivingSituation.values),
                        "homeless_since": today - dt.timedelta(days=rng.randint(30, 900)),
                        "vulnerability": rng.randint(1, 5), "urgency": rng.randint(1, 5),
                        "needs": [*rng.sample(sorted(set(Need.values) - {"housing"}), 2),
                                  "housing"],
                        "description": "Zonder vaste verblijfplaats; zoekt een duurzame woning.",
                    },
                ))  # fmt: skip
    for situation in reported:  # reported over the past months, not all today
        back = rng.randint(0, 200)
        Situation.objects.filter(pk=situation.pk).update(
            reported_on=max(today - dt.timedelta(days=back), situation.homeless_since)
        )
        situation.refresh_from_db()
    for situation in reported[:5]:
        services.situation_decide(
            actor=lead, situation=situation,
            decision=rng.choice(SituationDecision.values),
            reason="Besproken op het crisisoverleg met OCMW, CAW en CGG.",
        )  # fmt: skip
    for weeks, chosen in ((6, reported[:3]), (3, reported[2:5]), (1, reported[5:7])):
        services.consultation_record(
            actor=lead, held_on=today - dt.timedelta(weeks=weeks),
            participants="OCMW Kortrijk, CAW, CGG Mandel en Leie, Ubuntu x8k",
            situations=chosen, decisions="Trajecten afgesproken, opvolging volgend overleg.",
        )  # fmt: skip


POOL_TOWNS = {  # 26 dwellings in 12 municipalities, each managed by its OCMW
    "Kortrijk": 6, "Menen": 3, "Waregem": 3, "Harelbeke": 2, "Wevelgem": 2, "Zwevegem": 2,
    "Wervik": 2, "Kuurne": 1, "Deerlijk": 1, "Anzegem": 1, "Avelgem": 1, "Wielsbeke": 2,
}  # fmt: skip


def build_pool(seed: int = 1, progress: bool = True) -> None:
    """The 26 dwellings; the situations the meldpunt offered a trajectory get a dwelling
    through the real services (offer, acceptance), one of them awaiting an accelerated
    allocation; earlier occupations with their outflow."""
    from samen.housing import selectors, services
    from samen.housing.models import Dwelling, Occupation, Outflow, SituationDecision

    if Dwelling.objects.exists():
        return
    rng = random.Random(seed * 2719)
    lead = get_user_model().objects.get(username="lies.meldpunt")
    today = timezone.localdate()
    streets = ["Groeningestraat", "Doorniksesteenweg", "Rijselstraat", "Stationsstraat",
               "Kerkstraat", "Marktplein", "Leiestraat", "Bruggestraat"]  # fmt: skip
    homes = []
    for town, count in POOL_TOWNS.items():
        municipality = Municipality.objects.get(name=town)
        manager = Organisation.objects.get(name=f"OCMW {town}")
        postcode = municipality.sections.order_by("postcode").first().postcode
        for n in range(count):
            homes.append(Dwelling.objects.create(
                manager=manager, street=f"{rng.choice(streets)} {rng.randint(1, 180)}",
                postcode=postcode, municipality=municipality,
                kind=rng.choice(["studio", "apartment", "apartment", "house"]),
                bedrooms=rng.choice([0, 1, 1, 2, 3]), accessible=n == 0 and count > 2,
                rent=rng.choice([380, 420, 450, 520, 600]),
                since=dt.date(2017, 1, 2) + dt.timedelta(days=rng.randint(0, 120)),
                in_maintenance=town == "Wervik" and n == 1,
            ))  # fmt: skip
    # Earlier households: lived there, left to where they went.
    history = list(selectors.situations_for(lead).filter(decision=SituationDecision.KRACHT_WONEN))
    for situation in history:
        for home in homes:
            if situation.pk in {s.pk for s in selectors.candidates(home)}:
                offer = services.offer_make(actor=lead, dwelling=home, situation=situation)
                services.offer_answer(
                    actor=lead, offer=offer, accept=True,
                    start=today - dt.timedelta(days=rng.randint(40, 200)),
                    agreement="tijdelijke bezettingsovereenkomst (6 maanden, verlengbaar)",
                )  # fmt: skip
                break
    first = Occupation.objects.filter(end__isnull=True).first()
    if first:
        services.occupation_awaiting(actor=lead, occupation=first, waiting=True)
    for home in homes[:8] if history else []:  # an earlier household, gone since
        start = today - dt.timedelta(days=rng.randint(600, 900))
        Occupation.objects.create(
            dwelling=home, situation=history[0], start=start, persons=rng.randint(1, 4),
            end=start + dt.timedelta(days=rng.randint(90, 150)),
            agreement="tijdelijke bezettingsovereenkomst", outflow=rng.choice(Outflow.values),
        )  # fmt: skip


def build_evictions(seed: int = 1, progress: bool = True) -> None:
    """Eviction reports of the past year routed to the OCMWs (actions and outcomes for the
    ones routed to Kortrijk and Menen, whose workers are in the demo) and accelerated
    allocation requests."""
    from samen.access import policy
    from samen.housing import services
    from samen.housing.models import EvictionOutcome, EvictionReport, EvictionSource
    from samen.registry.models import Person

    if EvictionReport.objects.exists():
        return
    rng = random.Random(seed * 1237)
    users = get_user_model().objects
    today = timezone.localdate()
    workers = {name: users.get(username=name) for name in ("sofie.kortrijk", "marc.menen")}
    towns = list(Municipality.objects.order_by("name"))
    reporter = workers["sofie.kortrijk"]
    member = next(m for m in policy.memberships(reporter) if m.role == Role.SOCIAL_WORKER)
    for n in range(24):
        town = rng.choice(towns)
        received = today - dt.timedelta(days=rng.randint(5, 330))
        found = services.eviction_report(actor=reporter, membership=member, data={
            "received_on": received, "source": rng.choice(EvictionSource.values),
            "tenant_name": f"Huurder {n + 1:02d}", "address": f"Kerkstraat {rng.randint(1, 90)}",
            "municipality": town, "hearing_on": received + dt.timedelta(days=rng.randint(20, 60)),
        })  # fmt: skip
        worker = workers.get({"Kortrijk": "sofie.kortrijk", "Menen": "marc.menen"}.get(town.name))
        if worker and received < today - dt.timedelta(days=30):
            services.outreach_add(actor=worker, report=found, kind="visit",
                                  note="Huisbezoek, afbetalingsplan besproken.",
                                  on=received + dt.timedelta(days=3))  # fmt: skip
            services.eviction_outcome(actor=worker, report=found,
                                      outcome=rng.choice(EvictionOutcome.values),
                                      on=received + dt.timedelta(days=25))  # fmt: skip
    company = Organisation.objects.filter(kind="social_housing").first()
    for person in policy.scope_persons(reporter, Person.objects.order_by("-pk"))[:2]:
        services.accelerated_request_file(
            actor=reporter, membership=member, person=person, company=company,
            motivation="Dreigende uithuiszetting; gezin met kinderen, geen alternatief.",
        )  # fmt: skip


def build_dedicated(seed: int = 1, progress: bool = True) -> None:
    """Kortrijk refers people to the dedicated team; its member guides them, some as
    Kracht.Wonen residents, with a contact log."""
    from samen.access import policy
    from samen.housing import services
    from samen.housing.models import ContactKind, GuidanceTrajectory, Occupation
    from samen.registry import services as registry
    from samen.registry.models import Person, Programme, Team

    if GuidanceTrajectory.objects.exists():
        return
    rng = random.Random(seed * 8081)
    users = get_user_model().objects
    sofie, jan = users.get(username="sofie.kortrijk"), users.get(username="jan.ubuntu")
    member = next(m for m in policy.memberships(sofie) if m.role == Role.SOCIAL_WORKER)
    team, programme = Team.objects.get(code="dedicated"), Programme.objects.get(code="kracht_wonen")
    residents = {p for o in Occupation.objects.filter(end__isnull=True)
                 for p in o.situation.persons.all()}  # fmt: skip
    today = timezone.localdate()
    for person in policy.scope_persons(sofie, Person.objects.order_by("pk"))[4:10]:
        if person.restricted_at:
            continue
        registry.referral_create(
            actor=sofie, membership=member, person=person, receiver=team, programme=programme,
            reason="Woonbegeleiding door het dedicated team.", legal_basis="legal_task",
            justification="OCMW-wet: maatschappelijke dienstverlening.",
            categories=["basic", "contact", "social", "housing"],
        )  # fmt: skip
        start = today - dt.timedelta(days=rng.randint(30, 300))
        trajectory = services.trajectory_start(
            actor=jan, person=person, kracht_wonen=person in residents, start=start
        )
        for _n in range(rng.randint(1, 4)):
            services.contact_log(
                actor=jan, trajectory=trajectory, kind=rng.choice(ContactKind.values),
                note="Afspraken over huur, budget en dagbesteding.",
                on=start + dt.timedelta(days=rng.randint(0, (today - start).days)),
            )  # fmt: skip


WALK_IN_POINTS = [  # 11 walk-in points: name, municipality, schedule, day and hours
    ("Woonclub Kortrijk centrum", "Kortrijk", "twice_weekly", "maandag en donderdag 9–12 u"),
    ("Woonclub Kortrijk Overleie", "Kortrijk", "weekly", "woensdag 13–16 u"),
    ("Woonclub Menen", "Menen", "weekly", "dinsdag 9–12 u"),
    ("Woonclub Wevelgem", "Wevelgem", "fortnightly", "vrijdag 9–12 u"),
    ("Woonclub Harelbeke", "Harelbeke", "weekly", "donderdag 13–16 u"),
    ("Woonclub Waregem", "Waregem", "weekly", "maandag 13–16 u"),
    ("Woonclub Zwevegem", "Zwevegem", "fortnightly", "dinsdag 13–16 u"),
    ("Woonclub Wervik", "Wervik", "fortnightly", "woensdag 9–12 u"),
    ("Woonclub Kuurne", "Kuurne", "fortnightly", "vrijdag 13–16 u"),
    ("Woonclub Deerlijk", "Deerlijk", "fortnightly", "maandag 9–12 u"),
    ("Woonclub Avelgem", "Avelgem", "fortnightly", "donderdag 9–12 u"),
]


def build_woonclub(seed: int = 1, progress: bool = True) -> None:
    """The 11 walk-in points, intakes of the Woonclub's people (some housed), and the
    listings the volunteer recorded this autumn."""
    from samen.access import policy
    from samen.housing import services
    from samen.housing.models import (
        EnergyLabel,
        HousedKind,
        HousingSituation,
        MoveReason,
        WalkInPoint,
    )
    from samen.registry.models import Person

    if WalkInPoint.objects.exists():
        return
    rng = random.Random(seed * 4441)
    today = timezone.localdate()
    points = [
        WalkInPoint.objects.create(
            name=name,
            municipality=Municipality.objects.get(name=town),
            schedule=schedule,
            address="Sociaal Huis",
            hours=hours,
            evening_session=town == "Kortrijk",
            active_from=dt.date(2016, 9, 1),
        )
        for name, town, schedule, hours in WALK_IN_POINTS
    ]
    users = get_user_model().objects
    lead = users.get(username="pieter.woonclub")
    for person in policy.scope_persons(lead, Person.objects.order_by("pk"))[:30]:
        if person.restricted_at:
            continue
        intake = today - dt.timedelta(days=rng.randint(20, 330))
        household = services.woonclub_intake(actor=lead, person=person, data={
            "point": rng.choice(points), "intake_on": intake, "adults": rng.choice([1, 1, 1, 2]),
            "children": rng.choice([0, 0, 1, 2, 3]), "income": rng.randint(1100, 2600),
            "situation": rng.choice(HousingSituation.values),
            "reasons": rng.sample(MoveReason.values, rng.choice([1, 1, 2])),
            "search_plan": "Wekelijks immoweb en de lokale krant; bezoeken samen plannen.",
            "social_housing_registered": rng.random() < 0.6,
        })  # fmt: skip
        housed = intake + dt.timedelta(days=rng.randint(30, 200))
        if housed < today and rng.random() < 0.4:
            services.woonclub_housed(actor=lead, household=household, on=housed,
                                     kind=rng.choice(HousedKind.values))  # fmt: skip
    volunteer = users.get(username="vera.vrijwilliger")
    towns = list(Municipality.objects.order_by("name"))
    for _n in range(40):
        services.listing_record(actor=volunteer, data={
            "municipality": rng.choice(towns), "street_or_area": rng.choice(
                ["Centrum", "Stationsbuurt", "Kerkstraat", "Rijselstraat", "Marktplein"]),
            "rent": rng.randint(480, 950), "bedrooms": rng.choice([1, 1, 2, 2, 3]),
            "energy_label": rng.choice(EnergyLabel.values), "source": rng.choice(
                ["immoweb", "zimmo", "lokale krant", "raambiljet"]),
            "seen_on": today - dt.timedelta(days=rng.randint(0, 60)),
        })  # fmt: skip

    for week in range(4):  # the coming sessions of the busiest points, staffed
        for point in points[:3]:
            day = today + dt.timedelta(days=7 * week + 1 + points.index(point))
            services.duty_take(actor=lead, point=point, on=day)
            if week % 2 == 0:
                services.duty_take(actor=volunteer, point=point, on=day)


# --- 2018, the year of the annual report -------------------------------------------------


def build_2018(seed: int = 1, progress: bool = True) -> None:
    """The report's 2018 as records: the crisis beds (282 admissions of 118 persons, 536
    nights), the meldpunt (117 situations of 186 persons, 66 offered Kracht.Wonen; 14
    consultations on 7 situations), the pool's 32 occupations and their outflow, the
    dedicated team's 39 + 5 trajectories, the Woonclub's 709 new households, and the year's
    eviction reports and accelerated-allocation requests."""
    from samen.housing.models import CrisisAdmission

    start = dt.datetime(2018, 1, 1, tzinfo=timezone.get_current_timezone())
    if CrisisAdmission.objects.filter(
        admitted_at__gte=start, admitted_at__lt=start.replace(year=2019)
    ).exists():
        return  # fmt: skip
    rng = random.Random(seed * 2018)
    with transaction.atomic():
        _crisis_2018(rng)
        situations = _meldpunt_2018(rng)
        residents = _pool_2018(rng, situations)
        _dedicated_2018(rng, residents)
        _woonclub_2018(rng)
        _evictions_2018(rng)


def _closed_enrolments(people, code: str, unit: dict, first: dt.date, last: dt.date, note: str):
    """The programme's files of people served in the year, closed since."""
    from samen.registry.models import Enrolment, Programme

    programme = Programme.objects.get(code=code)
    Enrolment.objects.bulk_create([
        Enrolment(person=p, programme=programme, legal_basis="legal_task", basis_note=note,
                  status="closed", start_date=first, end_date=last, **unit)
        for p in people
    ])  # fmt: skip


def _crisis_2018(rng) -> None:
    from samen.housing.models import CrisisAdmission, CrisisBed, FollowUp
    from samen.registry.demo import bulk_people

    people = bulk_people(rng, 118, "RCK")
    # 282 admissions: each person at least once; 536 nights, one to four each.
    owners = people + [rng.choice(people) for _n in range(282 - 118)]
    nights = [1] * 282
    for _n in range(536 - 282):
        i = rng.choice([i for i, k in enumerate(nights) if k < 4])
        nights[i] += 1
    rng.shuffle(owners)
    beds = list(CrisisBed.objects.order_by("pk"))
    workers = list(Membership.objects.filter(role=Role.SOCIAL_WORKER).select_related("user"))
    tz = timezone.get_current_timezone()
    free = {bed.pk: dt.date(2018, 1, 1) for bed in beds}  # the first evening a bed is free
    days = sorted(dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 355)) for _n in nights)
    admissions = []
    for person, stay, day in zip(owners, nights, days, strict=True):
        latest = dt.date(2018, 12, 31) - dt.timedelta(days=stay)  # out by New Year's Eve
        bed = min((b for b in beds if free[b.pk] <= latest),
                  key=lambda b: (max(free[b.pk], day), b.pk))  # fmt: skip
        evening = min(max(free[bed.pk], day), latest)
        out = evening + dt.timedelta(days=stay)
        free[bed.pk] = out + dt.timedelta(days=1)  # cleaned and made up the day after
        worker = rng.choice(workers)
        admissions.append(CrisisAdmission(
            bed=bed, person=person, organisation=worker.organisation, admitted_by=worker.user,
            admitted_at=dt.datetime.combine(evening, dt.time(rng.randint(19, 23)), tzinfo=tz),
            discharged_at=dt.datetime.combine(out, dt.time(rng.randint(8, 11)), tzinfo=tz),
            reason="Psychosociale crisis na de kantooruren.", legal_basis="vital_interest",
            follow_up=rng.choice(FollowUp.values),
        ))  # fmt: skip
    CrisisAdmission.objects.bulk_create(admissions)
    by_org = {}
    for a in admissions:
        by_org.setdefault(a.organisation_id, set()).add(a.person)
    for organisation, persons in by_org.items():
        _closed_enrolments(persons, "crisis", {"organisation_id": organisation},
                           dt.date(2018, 1, 1), dt.date(2018, 12, 31),
                           "crisisopname na de kantooruren")  # fmt: skip


def _meldpunt_2018(rng) -> dict:
    """117 situations reported in 2018 (186 persons), 66 offered a trajectory; 26 more
    reported in 2017 whose households lived in the pool at the start of 2018; 14
    consultations in 2018 on 7 of the situations."""
    from samen.housing.models import (
        Consultation,
        LivingSituation,
        Need,
        Situation,
        SituationDecision,
    )
    from samen.registry.demo import bulk_people

    users = get_user_model().objects
    lead = users.get(username="lies.meldpunt")
    reporters = [m for m in Membership.objects.filter(role=Role.SOCIAL_WORKER,
                                                      organisation__isnull=False)]  # fmt: skip
    sizes = [1] * 117
    for _n in range(186 - 117):
        sizes[rng.choice([i for i, k in enumerate(sizes) if k < 4])] += 1
    sizes_2017 = [rng.choice([1, 1, 2, 3]) for _n in range(26)]
    people = iter(bulk_people(rng, 186 + sum(sizes_2017), "KW"))
    offered = set(rng.sample(range(117), 66))
    made = {2017: [], 2018: []}
    rows = [(2018, n, size) for n, size in enumerate(sizes)]
    rows += [(2017, n, size) for n, size in enumerate(sizes_2017)]
    situations, members = [], []
    for year, n, size in rows:
        reported = dt.date(year, 1, 8) + dt.timedelta(days=rng.randint(0, 340))
        if year == 2017:
            reported = dt.date(2017, 1, 9) + dt.timedelta(days=rng.randint(0, 90))
        reporter = rng.choice(reporters)
        chosen = year == 2017 or n in offered
        decision = (
            SituationDecision.KRACHT_WONEN
            if chosen
            else rng.choice([SituationDecision.OTHER_ROUTE, SituationDecision.NOT_RETAINED])
        )
        situation = Situation(
            organisation=reporter.organisation, reported_by=reporter.user, reported_on=reported,
            living_situation=rng.choice(LivingSituation.values),
            homeless_since=reported - dt.timedelta(days=rng.randint(60, 1400)),
            vulnerability=rng.randint(1, 5), urgency=rng.randint(1, 5),
            needs=["housing", *rng.sample(sorted(set(Need.values) - {"housing"}), 2)],
            description="Langdurig dak- of thuisloos; zoekt een duurzame woning.",
            decision=decision, decision_reason="Besproken met OCMW, CAW en het dedicated team.",
            decided_on=reported + dt.timedelta(days=rng.randint(7, 20)), decided_by=lead,
        )  # fmt: skip
        situation.year_, situation.size_ = year, size
        situations.append(situation)
    Situation.objects.bulk_create(situations)
    for situation in situations:
        persons = [next(people) for _n in range(situation.size_)]
        members += [Situation.persons.through(situation_id=situation.pk, person_id=p.pk)
                    for p in persons]  # fmt: skip
        situation.people_ = persons
        made[situation.year_].append(situation)
    Situation.persons.through.objects.bulk_create(members)
    discussed = rng.sample(made[2018], 7)
    through = []
    for n in range(14):  # each of the 7 situations twice
        consultation = Consultation.objects.create(
            held_on=dt.date(2018, 1, 15) + dt.timedelta(days=25 * n),
            participants="OCMW, CAW, CGG, het dedicated team en de meldpunt-coördinator",
            decisions="Afspraken over opvang, begeleiding en een woning uit de pool.",
            created_by=lead,
        )  # fmt: skip
        for situation in (
            (discussed[n % 7], discussed[(n + 1) % 7]) if n < 7 else (discussed[n % 7],)
        ):
            through.append(
                Consultation.situations.through(
                    consultation_id=consultation.pk, situation_id=situation.pk
                )
            )
    Consultation.situations.through.objects.bulk_create(through)
    meldpunt = Team.objects.get(code="meldpunt")
    _closed_enrolments([p for s in situations for p in s.people_], "kracht_wonen",
                       {"team": meldpunt}, dt.date(2018, 1, 8), dt.date(2018, 12, 31),
                       "Regionaal meldpunt dak- en thuislozen")  # fmt: skip
    return made


def _pool_2018(rng, made: dict) -> list:
    """32 occupations in 2018 on the 26 dwellings: 26 households there since 2017, 9 who
    left in 2018 (5 to social rental, 2 private, 2 to a facility), 6 who moved in after
    them; 2 of those living there at the end of the year await an accelerated allocation.
    The households there at the end of 2018 left in the years after."""
    from samen.housing.models import Dwelling, Occupation, Outflow, SituationDecision

    homes = list(Dwelling.objects.order_by("pk"))
    first = made[2017]
    later = [s for s in made[2018] if s.decision == SituationDecision.KRACHT_WONEN]
    outflows = [Outflow.SOCIAL_RENTAL] * 5 + [Outflow.PRIVATE_RENTAL] * 2 + [Outflow.FACILITY] * 2
    leaving = set(rng.sample(range(len(homes)), 9))
    refilled = set(rng.sample(sorted(leaving), 6))
    occupations = []
    agreement = "tijdelijke bezettingsovereenkomst (6 maanden, verlengbaar)"
    for i, (home, situation) in enumerate(zip(homes, first, strict=True)):
        begin = home.since + dt.timedelta(days=rng.randint(30, 200))
        if i in leaving:
            end = dt.date(2018, 2, 1) + dt.timedelta(days=rng.randint(0, 150))
            occupations.append(Occupation(
                dwelling=home, situation=situation, start=begin, persons=situation.size_,
                agreement=agreement, end=end, outflow=outflows.pop()))  # fmt: skip
            if i in refilled:
                newcomer = later.pop()
                occupations.append(_lasting(rng, home, newcomer, end + dt.timedelta(
                    days=rng.randint(14, 60)), agreement))  # fmt: skip
        else:
            occupations.append(_lasting(rng, home, situation, begin, agreement))
    still = [o for o in occupations if o.end is None or o.end > dt.date(2018, 12, 31)]
    for occupation in rng.sample(still, 2):
        occupation.awaiting_accelerated_allocation = True
    Occupation.objects.bulk_create(occupations)
    return [p for o in occupations for p in o.situation.people_[:1]]


def _lasting(rng, home, situation, begin: dt.date, agreement: str):
    """An occupation that lasts beyond 2018 and ends in 2019–2021 (before the demo's
    present households moved in)."""
    from samen.housing.models import Occupation, Outflow

    return Occupation(dwelling=home, situation=situation, start=begin, persons=situation.size_,
                      agreement=agreement,
                      end=dt.date(2019, 2, 1) + dt.timedelta(days=rng.randint(0, 900)),
                      outflow=rng.choice(Outflow.values))  # fmt: skip


def _dedicated_2018(rng, residents: list) -> None:
    """39 trajectories of the dedicated team in 2018 and 5 for Kracht.Wonen residents."""
    from samen.housing.models import GuidanceTrajectory
    from samen.registry.demo import bulk_people

    jan = get_user_model().objects.get(username="jan.ubuntu")
    others = bulk_people(rng, 39, "DT")
    rows = [(p, False) for p in others] + [(p, True) for p in rng.sample(residents, 5)]
    GuidanceTrajectory.objects.bulk_create([
        GuidanceTrajectory(person=p, member=jan, kracht_wonen=kw,
                           start=dt.date(2018, 1, 3) + dt.timedelta(days=rng.randint(0, 330)),
                           end=dt.date(2019, 3, 1) + dt.timedelta(days=rng.randint(0, 400)))
        for p, kw in rows
    ])  # fmt: skip
    _closed_enrolments(others, "kracht_wonen", {"team": Team.objects.get(code="dedicated")},
                       dt.date(2018, 1, 3), dt.date(2019, 12, 31),
                       "Woonbegeleiding door het dedicated team")  # fmt: skip


# The seed's Woonclub year: 709 new households, 1,716 persons, 519 single adults; 337
# tenants, 291 in temporary housing, 48 homeless, 33 owners; 214 housed within the year
# after 3 to 4 months (104.3 days on average); reasons 33.15 %, 18.76 %, 14.39 %.
WOONCLUB_2018 = {"households": 709, "persons": 1716, "singles": 519, "housed": 214,
                 "situations": {"tenant": 337, "temporary": 291, "homeless": 48, "owner": 33},
                 "reasons": {"independence": 235, "unsuitable_home": 133, "relationship": 102,
                             "affordability": 160},
                 "search_days_total": 22320}  # fmt: skip


def _woonclub_2018(rng) -> None:
    from samen.housing.models import HousedKind, WalkInPoint, WoonclubHousehold
    from samen.registry.demo import bulk_people

    spec = WOONCLUB_2018
    n = spec["households"]
    people = bulk_people(rng, n, "WC", born=(1950, 2000))
    adults = [1] * spec["singles"] + [2] * (n - spec["singles"])
    children = [0] * n
    for _k in range(spec["persons"] - sum(adults)):
        children[rng.choice([i for i in range(n) if children[i] < 5])] += 1
    situations = [code for code, k in spec["situations"].items() for _i in range(k)]
    reasons = [[] for _i in range(n)]
    for code, k in spec["reasons"].items():  # mostly one reason each, some two
        fewest = sorted(range(n), key=lambda i: (len(reasons[i]), rng.random()))
        for i in fewest[:k]:
            reasons[i].append(code)
    for given in reasons:  # the rest gave another reason
        if not given:
            given.append("other")
    order = list(range(n))
    rng.shuffle(order)
    housed = set(order[: spec["housed"]])
    days = _split(rng, spec["search_days_total"], spec["housed"], 20, 250)
    points = list(WalkInPoint.objects.order_by("pk"))
    lead = get_user_model().objects.get(username="pieter.woonclub")
    rows, waits = [], iter(days)
    for i, person in enumerate(people):
        stay = next(waits) if i in housed else None
        latest = dt.date(2018, 12, 31) - dt.timedelta(days=stay or 0)
        intake = dt.date(2018, 1, 2) + dt.timedelta(days=rng.randint(0, (latest - dt.date(
            2018, 1, 2)).days))  # fmt: skip
        rows.append(WoonclubHousehold(
            person=person, point=rng.choice(points), intake_on=intake, adults=adults[i],
            children=children[i], income=rng.randint(1000, 2800), situation=situations[i],
            reasons=reasons[i], search_plan="Wekelijks het huuraanbod overlopen met de begeleider.",
            social_housing_registered=rng.random() < 0.6,
            housed_on=intake + dt.timedelta(days=stay) if stay is not None else None,
            housed_kind=rng.choice(HousedKind.values) if stay is not None else "",
            created_by=lead,
        ))  # fmt: skip
    WoonclubHousehold.objects.bulk_create(rows)


def _split(rng, total: int, parts: int, low: int, high: int) -> list[int]:
    """`parts` whole numbers between low and high that add up to total exactly."""
    values = [total // parts] * parts
    for i in range(total - sum(values)):
        values[i % parts] += 1
    for _n in range(parts * 4):  # spread them while keeping the sum
        a, b = rng.randrange(parts), rng.randrange(parts)
        step = rng.randint(0, 40)
        if values[a] - step >= low and values[b] + step <= high:
            values[a] -= step
            values[b] += step
    return values


def _evictions_2018(rng) -> None:
    """The year's eviction reports, each routed to the tenant's OCMW with its outcome, and
    accelerated-allocation requests for pool households and families under threat."""
    from samen.housing.models import (
        AcceleratedAllocationRequest,
        EvictionOutcome,
        EvictionReport,
        EvictionSource,
    )
    from samen.registry.demo import TOWN_WEIGHTS, bulk_people

    reporter = get_user_model().objects.get(username="sofie.kortrijk")
    towns = {m.name: m for m in Municipality.objects.all()}
    ocmw = {o.municipality_id: o for o in Organisation.objects.filter(kind="ocmw")}
    reports = []
    for n in range(96):
        town = towns[rng.choices(list(TOWN_WEIGHTS), list(TOWN_WEIGHTS.values()))[0]]
        received = dt.date(2018, 1, 3) + dt.timedelta(days=rng.randint(0, 350))
        reports.append(EvictionReport(
            received_on=received, source=rng.choice(EvictionSource.values),
            tenant_name=f"Huurder 2018-{n + 1:03d}", address=f"Kerkstraat {rng.randint(1, 90)}",
            municipality=town, hearing_on=received + dt.timedelta(days=rng.randint(20, 60)),
            ocmw=ocmw[town.pk], reported_by=reporter, outcome=rng.choice(EvictionOutcome.values),
            outcome_on=received + dt.timedelta(days=rng.randint(20, 90)),
        ))  # fmt: skip
    EvictionReport.objects.bulk_create(reports)
    company = Organisation.objects.filter(kind="social_housing").first()
    kortrijk = Organisation.objects.get(name="OCMW Kortrijk")
    AcceleratedAllocationRequest.objects.bulk_create([
        AcceleratedAllocationRequest(
            person=person, company=company, organisation=kortrijk, filed_by=reporter,
            filed_on=dt.date(2018, 2, 1) + dt.timedelta(days=rng.randint(0, 300)),
            motivation="Dreigende uithuiszetting; gezin met kinderen, geen alternatief.",
            status=rng.choice(["granted", "granted", "refused"]),
            decided_on=dt.date(2018, 12, 20),
        )
        for person in bulk_people(rng, 9, "VT")
    ])  # fmt: skip
