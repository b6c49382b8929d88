"""The hub in the demo region: donor stores, vans, the hub team with 14 trainees."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from samen.food import services
from samen.food.models import Lot, PickupPoint, Recipient, Shift, Trainee, Van
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
    coach = (
        Membership.objects.filter(team=hub, role=Role.TRAINEE_COACH)
        .select_related("user")
        .order_by("pk")
        .first()
    )
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
            actor=coach.user, user=user, first_name=first, last_name="Leerwerker",
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


TENTH = Decimal("0.1")
SHARES = {
    "groenten-fruit": 0.35,
    "brood": 0.20,
    "zuivel": 0.15,
    "vlees": 0.07,
    "vis": 0.03,
    "maaltijden": 0.08,
    "diepvries": 0.05,
    "droog": 0.07,
}  # of a day's ~1,200 kg


def build_year(seed: int = 1, progress: bool = True, days: int = 365) -> None:
    """A year of daily operations up to yesterday: ~1,200 kg a weekday taken in, shared out
    to the organisations and delivered the same day, the rest written off; a cold-chain
    incident now and then; the trainees' shifts. Written in bulk (it is a demo, not a day's
    work) but with the same records the services write, so stock nets to zero and every
    figure adds up."""
    from django.utils import timezone

    today = timezone.localdate()
    start = today - dt.timedelta(days=days)
    trainee = get_user_model().objects.get(username="leerwerker.demo")
    if Lot.objects.filter(received_by=trainee, received_at__date__lt=today).exists():
        return  # loaded before
    rng = random.Random(seed * 104729)
    dates = [start + dt.timedelta(days=i) for i in range(days)
             if (start + dt.timedelta(days=i)).weekday() < 5]  # fmt: skip
    totals = [max(rng.gauss(1200, 150), 600) for _day in dates]
    _operate(dates, totals, rng, "Food Act 13: een jaar" if progress else None)


def build_2018(seed: int = 1, progress: bool = True) -> None:
    """Food Act 13's first weeks, from its start on 26/11/2018 to the end of the year: the
    report's 1,200 kg of fresh food a collection day (the days vary, their mean is 1,200),
    45 organisations ordering and 14 trainees at work."""
    first, last = dt.date(2018, 11, 26), dt.date(2018, 12, 31)
    if Lot.objects.filter(received_at__date__range=(first, last)).exists():
        return
    rng = random.Random(seed * 2018)
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)
             if (first + dt.timedelta(days=i)).weekday() < 5
             and (first + dt.timedelta(days=i)) not in (dt.date(2018, 12, 25),)]  # fmt: skip
    totals = [max(rng.gauss(1200, 150), 600) for _day in dates]
    scale = 1200 * len(dates) / sum(totals)
    _operate(dates, [t * scale for t in totals], rng,
             "Food Act 13: 2018" if progress else None)  # fmt: skip


def _operate(dates: list, totals: list[float], rng, label: str | None) -> None:
    """The hub's days: each day's lots weigh (to 0,1 kg) the day's total."""
    from django.utils import timezone

    from samen.core.progress import Progress
    from samen.food.models import (
        Allocation,
        ColdChainAlert,
        Delivery,
        Lot,
        Order,
        OrderLine,
        Product,
        ShopDay,
        StockEvent,
        StorageLocation,
        TemperatureReading,
    )

    trainee = get_user_model().objects.get(username="leerwerker.demo")
    coordinator = get_user_model().objects.get(username="hub.coordinator")
    products: dict[str, list] = {}
    for product in Product.objects.select_related("category"):
        products.setdefault(product.category.code, []).append(product)
    location = {
        c: StorageLocation.objects.get(code=code)
        for c, code in (("chilled", "koelcel-1"), ("frozen", "diepvries"), ("ambient", "droog"))
    }
    stores = list(PickupPoint.objects.select_related("donor").order_by("name"))
    recipients = list(Recipient.objects.select_related("organisation").order_by("pk"))
    trainees = list(Trainee.objects.order_by("pk"))
    bar = Progress(len(dates), label) if label else None
    tz = timezone.get_current_timezone()

    def at(day, hour, minute=0):
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)

    for index, day in enumerate(dates):
        with transaction.atomic():
            shop_day = ShopDay.objects.create(
                date=day,
                cut_off=at(day, 10),
                published_by=coordinator,
                published_at=at(day, 8),
                closed_at=at(day, 10, 5),
                closed_by=coordinator,
            )
            raw = {code: share * rng.uniform(0.8, 1.2) for code, share in SHARES.items()}
            factor = totals[index] / sum(raw.values())
            lots = []
            for code in SHARES:
                product = rng.choice(products[code])
                store = stores[(index * 3 + len(lots)) % len(stores)]
                kg = Decimal(str(round(raw[code] * factor, 1)))
                lots.append(Lot(product=product, donor=store.donor, received_by=trainee,
                                received_at=at(day, 8, rng.randint(0, 59)), kg=kg,
                                crates=max(1, int(kg // 12)),
                                date_kind="none" if code == "groenten-fruit" else "use_by",
                                expiry=None if code == "groenten-fruit" else day + dt.timedelta(2),
                                arrival_celsius=None if product.category.temperature_class ==
                                "ambient" else 4, decision="accepted"))  # fmt: skip
            Lot.objects.bulk_create(lots)
            served = [recipients[(index * 15 + i) % len(recipients)] for i in range(15)]
            orders = Order.objects.bulk_create([
                Order(day=shop_day, organisation=r.organisation, created_by=coordinator,
                      picked_at=at(day, 11)) for r in served])  # fmt: skip
            events, lines, splits = [], [], []
            for lot in lots:
                klass = lot.product.category.temperature_class
                events.append(
                    StockEvent(
                        lot=lot,
                        kind="intake",
                        kg=lot.kg,
                        actor=trainee,
                        location=location[klass],
                        at=lot.received_at,
                    )
                )
                waste = (lot.kg * Decimal(str(rng.uniform(0.0, 0.08)))).quantize(TENTH)
                to_share = lot.kg - waste
                chosen = rng.sample(range(len(orders)), 3)
                for n, o in enumerate(chosen):
                    kg = (
                        round(to_share / 3, 1)
                        if n < 2
                        else round(to_share - 2 * round(to_share / 3, 1), 1)
                    )
                    line = OrderLine(
                        order=orders[o],
                        product=lot.product,
                        kg=kg,
                        granted_kg=kg,
                        received_kg=kg,
                        explanation=f"{lot.product}: {kg} kg.",
                    )
                    lines.append(line)
                    splits.append((line, lot, kg))
                if waste > 0:
                    events.append(
                        StockEvent(
                            lot=lot,
                            kind="write_off",
                            kg=-waste,
                            actor=trainee,
                            at=at(day, 17),
                            reason="quality",
                            destination="compost_biogas",
                        )
                    )
            OrderLine.objects.bulk_create(lines)
            delivered = {line.order_id for line in lines}
            Allocation.objects.bulk_create(
                [Allocation(line=l_, lot=lot, kg=kg) for l_, lot, kg in splits]
            )
            for _line, lot, kg in splits:
                events.append(
                    StockEvent(
                        lot=lot, kind="allocation", kg=-kg, actor=coordinator, at=at(day, 10, 5)
                    )
                )
                events.append(StockEvent(lot=lot, kind="delivery", actor=trainee, at=at(day, 13)))
            StockEvent.objects.bulk_create(events)
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        order=o,
                        delivered_at=at(day, 13),
                        receiver_name="Vrijwilliger",
                        confirmed_by=trainee,
                    )
                    for o in orders
                    if o.pk in delivered
                ]
            )
            if index % 40 == 17:  # a cold room door left open
                reading = TemperatureReading.objects.create(
                    location=location["chilled"],
                    at=at(day, 6),
                    celsius=Decimal("9.5"),
                    out_of_range=True,
                    recorded_by=trainee,
                )
                ColdChainAlert.objects.create(
                    reading=reading,
                    resolved_at=at(day, 7),
                    resolved_by=coordinator,
                    note="Deur koelcel stond open; na 20 minuten terug onder 4 °C.",
                )
            Shift.objects.bulk_create([
                Shift(trainee=t, date=day, kind=["intake", "picking", "driving"][(index + i) % 3],
                      start=dt.time(7, 30), end=dt.time(12, 30), planned_by=coordinator)
                for i, t in enumerate(trainees) if (index + i) % 5])  # fmt: skip
        if bar:
            bar.step()


def build_routes(seed: int = 1, progress: bool = True) -> None:
    """The van routes of the last shop day, planned as the coordinator would (a fixed
    number of search iterations, so the demo is the same every time)."""
    from samen.food.models import RoutePlan, ShopDay

    day = ShopDay.objects.filter(closed_at__isnull=False).order_by("-date").first()
    if day is None or RoutePlan.objects.filter(day=day).exists():
        return
    plan = services.route_plan_request(actor=day.closed_by or day.published_by, day=day)
    services.route_plan_compute(plan.pk, iterations=3000)
