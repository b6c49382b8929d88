"""A realistic day planned end to end (issue 4, §4): 45 organisations (all delivered), 20
stores, 4 vans — the cut-off's fair allocation, the routes and the driver sheets (PDF) —
on a fresh demo database, timed; then the same routes with 30 s of search, to show what
the short planning gives up.

    .venv/bin/python bench/day_plan.py [--seconds S] [--database-url URL]

Setup (not timed): the demo region, ~1,200 kg taken in over the catalogue this morning,
every organisation ordering up to its quota (more than there is of some products)."""

import argparse
import datetime as dt
import random
import time
from decimal import Decimal

from demo_database import demo_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=None, help="route search budget")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    demo_database(args.database_url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.template.loader import render_to_string
    from django.utils import timezone

    from samen.core.pdf import render_pdf
    from samen.food import routing, selectors, services
    from samen.food.models import PickupPoint, Product, Recipient, StorageLocation
    from samen.registry.models import Membership, Role

    seconds = args.seconds or settings.SAMEN_ROUTE_SECONDS
    users = get_user_model().objects
    trainee, coordinator = (
        users.get(username="leerwerker.demo"),
        users.get(username="hub.coordinator"),
    )
    rng = random.Random(4)
    today = timezone.localdate()
    stores = list(PickupPoint.objects.all())
    for point in stores:  # every store has a window today, whatever the weekday
        point.windows = {str(today.weekday()): [["07:30", "10:00"]]}
        point.save(update_fields=["windows"])
    locations = {loc.temperature_class: loc for loc in StorageLocation.objects.order_by("code")}
    taken = Decimal(0)
    products = list(Product.objects.select_related("category"))
    while taken < 1200:
        product = rng.choice(products)
        klass = product.category.temperature_class
        kg = Decimal(rng.randint(8, 60))
        pickup = services.pickup_for_round(actor=trainee, pickup_point=rng.choice(stores))
        services.lot_receive(
            actor=trainee, pickup=pickup, product=product, kg=kg, crates=max(1, int(kg // 12)),
            date_kind="use_by" if klass != "ambient" else "best_before",
            expiry=today + dt.timedelta(days=rng.randint(1, 9)),
            arrival_celsius={"chilled": Decimal(3), "frozen": Decimal(-19)}.get(klass),
            location=locations[klass],
        )  # fmt: skip
        taken += kg
    Recipient.objects.update(delivery_mode="delivery")
    day = services.shop_day_publish(
        actor=coordinator, date=today, cut_off=timezone.now() + dt.timedelta(hours=1)
    )
    offers = list(day.offers.all())
    for recipient in Recipient.objects.select_related("organisation"):
        user, _created = users.get_or_create(username=f"bench.{recipient.organisation_id}")
        Membership.objects.get_or_create(
            user=user, organisation=recipient.organisation, role=Role.FOOD_ORGANISATION
        )
        quota = day.kg_per_person * recipient.persons
        lines, total = {}, Decimal(0)
        for offer in rng.sample(offers, min(10, len(offers))):
            kg = min(Decimal(rng.randint(2, 15)), offer.kg, quota - total)
            cap = offer.product.category.max_kg_per_order
            kg = min(kg, cap) if cap else kg
            if kg > 0:
                lines[offer.product_id] = kg
                total += kg
        try:
            services.order_save(actor=user, day=day, lines=lines)
        except Exception:  # a category maximum across two products: drop the last line
            lines.popitem()
            services.order_save(actor=user, day=day, lines=lines)

    start = time.perf_counter()
    services.shop_day_close(actor=coordinator, day=day)
    allocated = time.perf_counter()
    problem, _notes = selectors.route_day(day)
    plan = routing.plan_day(problem, seconds=seconds, matrix=routing.default_matrix())
    routed = time.perf_counter()
    data = routing.as_dict(plan)
    sheets = [
        {"route": r, "map": routing.svg_map(data, problem.hub_lat, problem.hub_lon,
                                            only_van=r["van"], width=700, height=420)}
        for r in data["routes"]
    ]  # fmt: skip

    class Plan:  # what the sheet template reads of a stored plan
        day_ = day
        result = data

    Plan.day = day
    pdf = render_pdf(render_to_string("food/route_sheets.html", {"plan": Plan, "sheets": sheets}))
    done = time.perf_counter()

    deliveries = sum(1 for s in problem.stops if s.kind == "delivery")
    pickups = len(problem.stops) - deliveries
    trips = sum(len(r["trips"]) for r in data["routes"])
    print(f"day: {deliveries} deliveries, {pickups} store pickups, {len(problem.vans)} vans; "
          f"{len(data['routes'])} drive, {trips} trips, {plan.km:.1f} km, "
          f"{len(plan.skipped)} pickups left, feasible {plan.feasible}")  # fmt: skip
    print(f"allocation (cut-off, in the database)  {allocated - start:6.2f} s")
    print(f"routes ({seconds:g} s budget, {plan.rounds} round(s))  {routed - allocated:6.2f} s")
    print(f"driver sheets (PDF, {len(pdf) // 1024} kB, {len(sheets)} vans)  {done - routed:6.2f} s")
    print(f"end to end                              {done - start:6.2f} s   (target ≤ 5 s)")
    reference = routing.plan_day(problem, seconds=30, matrix=routing.default_matrix())
    gap = (plan.objective_cents - reference.objective_cents) / reference.objective_cents * 100
    short, long = plan.objective_cents / 100, reference.objective_cents / 100
    print(f"objective (km cost + pickups left) {short:.2f} € vs {long:.2f} € after 30 s: "
          f"{gap:+.2f} %")  # fmt: skip


if __name__ == "__main__":
    main()
