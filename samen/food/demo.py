"""The hub in the demo region: donor stores, vans, the hub team with 14 trainees."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from samen.food.models import PickupPoint, Van
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
