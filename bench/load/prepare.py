"""Prepare a database for the load test: the demo region with 2018 as records (built only
when the database is empty), one account per simulated user with the demo authenticator,
today's shop published, and the ids each kind of user works on, as JSON for locust.

    DATABASE_URL=postgres://... SAMEN_VAR_DIR=... python bench/load/prepare.py USERS OUT.json
"""

import datetime as dt
import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from samen.registry import demo  # noqa: E402
from samen.registry.models import (  # noqa: E402
    Enrolment,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)  # fmt: skip

PASSWORD = demo.DEMO_PASSWORD


def account(username: str, role: str, organisation) -> Membership:
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(PASSWORD)
        user.save()
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation,
        defaults={"valid_from": dt.date(2018, 1, 1)},
    )  # fmt: skip
    return membership


def main(users: int, out: str) -> None:
    if not Person.objects.exists():
        call_command("demo", "--quiet", "--year", "2018")
    from samen.food import services as food
    from samen.food.models import ShopDay
    from samen.work.models import WijkwerkUser, Worker

    ocmws = list(Organisation.objects.filter(kind=OrganisationKind.OCMW).order_by("name"))
    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    food_orgs = list(
        Organisation.objects.filter(
            kind=OrganisationKind.FOOD_ORGANISATION, food_profile__persons__gt=0
        ).order_by("pk")
    )
    plan = {"password": PASSWORD, "workers": [], "food": [], "coaches": [], "coordinators": []}
    for n in range(users):
        ocmw = ocmws[n % len(ocmws)]
        member = account(f"load.worker.{n}", Role.SOCIAL_WORKER, ocmw)
        persons = list(
            Enrolment.objects.filter(organisation=ocmw, status="active")
            .values_list("person_id", flat=True)
            .distinct()[:300]
        )
        names = list(Person.objects.filter(pk__in=persons[:40])
                     .values_list("last_name", flat=True))  # fmt: skip
        plan["workers"].append({"username": member.user.username, "membership": member.pk,
                                "persons": persons, "names": names})  # fmt: skip
    for n, organisation in enumerate(food_orgs):
        member = account(f"load.food.{n}", Role.FOOD_ORGANISATION, organisation)
        plan["food"].append({"username": member.user.username})
    workers = list(
        Worker.objects.filter(
            organiser=w13, started_on__isnull=False, ended_on__isnull=True
        ).values_list("pk", flat=True)
    )
    wijkwerk_users = list(WijkwerkUser.objects.filter(organiser=w13).annotate(
        n=Count("purchases")).filter(n__gt=0).values_list("pk", flat=True)[:50])  # fmt: skip
    for n in range(max(1, users // 5)):
        member = account(f"load.coach.{n}", Role.WIJKWERK_COACH, w13)
        plan["coaches"].append({"username": member.user.username, "workers": workers[:200],
                                "users": wijkwerk_users})  # fmt: skip
        member = account(f"load.coordinator.{n}", Role.COORDINATOR, w13)
        plan["coordinators"].append({"username": member.user.username})
    demo.give_demo_authenticators()
    today = timezone.localdate()
    if not ShopDay.objects.filter(date=today).exists():
        coordinator = Membership.objects.filter(role=Role.HUB_COORDINATOR).first().user
        cut_off = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 59)))
        food.shop_day_publish(actor=coordinator, date=today, cut_off=cut_off)
    day = ShopDay.objects.get(date=today)
    if not day.offers.exists():  # no stock left today in the demo: offer 20 products
        from samen.food.models import Product, ShopOffer

        for product in Product.objects.filter(category__max_kg_per_order__isnull=True)[:20]:
            ShopOffer.objects.create(day=day, product=product, kg=500)
    plan["offers"] = list(day.offers.order_by("product_id").values_list("product_id", flat=True))
    with open(out, "w") as handle:
        json.dump(plan, handle)
    print(
        f"{users} social workers, {len(food_orgs)} food organisations, "
        f"{len(plan['coaches'])} coaches and coordinators; {len(plan['offers'])} offers"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
