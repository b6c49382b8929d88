"""Demo data of the housing module: the crisis-bed network with a year of admissions."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samen.registry.models import Membership, Municipality, Organisation, Role

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
                since=today - dt.timedelta(days=rng.randint(400, 1500)),
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
    for home in homes[:8] if history else []:  # an earlier household, gone long since
        start = home.since + dt.timedelta(days=rng.randint(0, 30))
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
