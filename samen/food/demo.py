"""The hub in the demo region: donor stores, vans, the hub team with 14 trainees."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from samen.food import services
from samen.food.models import PickupPoint, Recipient, Shift, Trainee, Van
from samen.registry.models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Role,
    Team,
)

CHAINS = ["Colruyt", "Aldi", "Delhaize", "Lidl", "Okay", "Spar"]
STORE_TOWNS = [
    "Kortrijk",
    "Harelbeke",
    "Waregem",
    "Menen",
    "Wevelgem",
    "Zwevegem",
    "Kuurne",
    "Deerlijk",
    "Anzegem",
    "Wervik",
]
VANS = [
    ("Koelwagen 1", "1-FAC-013", 900, 60, True),
    ("Koelwagen 2", "1-FAC-014", 900, 60, True),
    ("Koelwagen 3", "1-FAC-015", 700, 45, True),
    ("Bestelwagen", "1-FAC-016", 1000, 70, False),
]


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    rng = random.Random(seed * 7919)
    municipalities = {m.name: m for m in Municipality.objects.all()}
    stores = 0
    for town in STORE_TOWNS:
        for chain in CHAINS[: 2 + (len(town) % 3)]:
            if stores == 20:
                break
            donor, _created = Organisation.objects.get_or_create(
                name=f"{chain} {town}",
                municipality=municipalities[town],
                defaults={"kind": OrganisationKind.DONOR},
            )
            m = municipalities[town]
            PickupPoint.objects.get_or_create(donor=donor, name=f"{chain} {town}", defaults={
                "municipality": m, "postcode": m.sections.order_by("postcode").first().postcode,
                "latitude": m.latitude + Decimal(rng.randint(-90, 90)) / 10000,
                "longitude": m.longitude + Decimal(rng.randint(-90, 90)) / 10000,
                "typical_kg": rng.choice([40, 60, 80, 100, 150]),
                "windows": {str(d): [["07:30", "09:30"]] for d in range(6)},
            })  # fmt: skip
            stores += 1
    for name, plate, kg, crates, cold in VANS:
        Van.objects.get_or_create(
            name=name,
            defaults={
                "plate": plate,
                "capacity_kg": kg,
                "capacity_crates": crates,
                "refrigerated": cold,
            },
        )
    for organisation in Organisation.objects.filter(kind=OrganisationKind.FOOD_ORGANISATION):
        m = organisation.municipality
        households = rng.randint(15, 140)
        Recipient.objects.get_or_create(organisation=organisation, defaults={
            "households": households, "persons": int(households * rng.uniform(2.0, 2.8)),
            "delivery_mode": "pickup" if rng.random() < 0.3 else "delivery",
            "window_start": dt.time(9 + rng.randint(0, 3), 0),
            "window_end": dt.time(13 + rng.randint(0, 3), 0),
            "latitude": m.latitude + Decimal(rng.randint(-60, 60)) / 10000 if m else None,
            "longitude": m.longitude + Decimal(rng.randint(-60, 60)) / 10000 if m else None,
            "crates_capacity": rng.choice([4, 6, 8, 10, 15]),
            "dietary": rng.choice([[], [], ["halal"], ["vegetarian"]]),
        })  # fmt: skip
    second = (
        Organisation.objects.filter(kind=OrganisationKind.FOOD_ORGANISATION)
        .exclude(name="Welzijnsschakel Anzegem")
        .order_by("name")
        .first()
    )
    user, created = get_user_model().objects.get_or_create(
        username="voedselhulp.demo", defaults={"first_name": "Mieke", "last_name": "Demo"}
    )
    if created:
        from samen.registry.demo import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=second, role=Role.FOOD_ORGANISATION)
    hub = Team.objects.get(code="foodhub")
    first_names = [
        "Yusuf",
        "Sarah",
        "Dirk",
        "Amina",
        "Kevin",
        "Leen",
        "Rik",
        "Fatima",
        "Jonas",
        "Nadia",
        "Geert",
        "Hanne",
        "Stijn",
        "Inge",
    ]
    for number, first in enumerate(first_names, start=1):
        username = "leerwerker.demo" if number == 1 else f"leerwerker.{number:02d}"
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": "Leerwerker"}
        )
        if created:
            from samen.registry.demo import DEMO_PASSWORD

            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, team=hub, role=Role.TRAINEE, defaults={"valid_from": dt.date(2018, 11, 1)}
        )
        trainee = Trainee.objects.filter(user=user).first() or services.trainee_register(
            actor=None, user=user, first_name=first, last_name="Leerwerker",
            contract_start=dt.date(2018, 11, 1),
            referred_by=Organisation.objects.filter(kind=OrganisationKind.OCMW).order_by(
                "name")[number % 14])  # fmt: skip
        _plan_week(trainee, number)


def _plan_week(trainee, number: int) -> None:
    """This week's shifts: mornings at intake or picking, some driving with a coach."""
    from django.utils import timezone

    coach = get_user_model().objects.filter(username="coach.werkvloer").first()
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    if coach is None or Shift.objects.filter(trainee=trainee, date__gte=monday).exists():
        return
    kinds = ["intake", "picking", "picking", "driving"]
    for offset in range(5):
        if (number + offset) % 5 == 0:
            continue  # one day off a week
        Shift.objects.create(
            trainee=trainee,
            date=monday + dt.timedelta(days=offset),
            kind=kinds[(number + offset) % 4],
            start=dt.time(7, 30),
            end=dt.time(12, 30),
            planned_by=coach,
        )
