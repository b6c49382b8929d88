"""Reads of the hub: stock is derived from the events, never stored."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Round, TruncDate
from django.utils import timezone

from samen.food.models import (
    Allocation,
    Category,
    EventKind,
    Lot,
    Order,
    OrderLine,
    PickupPoint,
    Product,
    Recipient,
    Shift,
    ShopDay,
    ShopOffer,
    StockEvent,
    StorageLocation,
    Trainee,
    Van,
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=10, decimal_places=2))


@dataclass
class LotState:
    on_hand: Decimal
    location: StorageLocation | None
    quarantined: bool


def lot_state(lot: Lot) -> LotState:
    events = list(lot.events.select_related("location").order_by("at", "pk"))
    on_hand = sum((e.kg for e in events), Decimal("0"))
    located = [e.location for e in events if e.location_id]
    status = [e.kind for e in events if e.kind in (EventKind.QUARANTINE, EventKind.RELEASE)]
    return LotState(
        on_hand=on_hand,
        location=located[-1] if located else None,
        quarantined=bool(status) and status[-1] == EventKind.QUARANTINE,
    )


def _latest(kinds: tuple, field: str):
    return Subquery(
        StockEvent.objects.filter(lot=OuterRef("pk"), kind__in=kinds)
        .order_by("-at", "-pk").values(field)[:1]
    )  # fmt: skip


def lots_with_stock() -> QuerySet[Lot]:
    """Lots with their derived on-hand kg, location and quarantine status, FEFO first
    (earliest date first; lots without a date after those with one, oldest intake first)."""
    return (
        Lot.objects.select_related("product__category", "donor")
        .annotate(
            # Rounded: SQLite keeps decimals as floats, and a sum of floats leaves 1e-12s.
            on_hand=Round(Coalesce(Sum("events__kg"), ZERO), 2),
            location_id_now=Subquery(
                StockEvent.objects.filter(lot=OuterRef("pk"), location__isnull=False)
                .order_by("-at", "-pk").values("location_id")[:1]
            ),
            last_status=_latest((EventKind.QUARANTINE, EventKind.RELEASE), "kind"),
        )
        .filter(on_hand__gt=0)
        .order_by(Coalesce("expiry", Value(dt.date(9999, 12, 31))), "received_at", "pk")
    )  # fmt: skip


def available_lots() -> QuerySet[Lot]:
    # Not .exclude(): the subquery is NULL for a lot never quarantined.
    return lots_with_stock().filter(Q(last_status__isnull=True) | Q(last_status=EventKind.RELEASE))


def quarantined_lots() -> QuerySet[Lot]:
    return lots_with_stock().filter(last_status=EventKind.QUARANTINE)


def expiring_lots(*, days: int = 1) -> QuerySet[Lot]:
    """Expires today or within `days` days: to pick first, or to write off."""
    until = timezone.localdate() + dt.timedelta(days=days)
    return lots_with_stock().filter(expiry__isnull=False, expiry__lte=until)


def lot_by_code(code: str) -> Lot | None:
    cleaned = "".join(code.split()).upper()
    return Lot.objects.select_related("product__category", "donor", "pickup").filter(
        code=cleaned).first()  # fmt: skip


def lot_history(lot: Lot) -> QuerySet[StockEvent]:
    return lot.events.select_related("location", "actor").order_by("at", "pk")


def locations_by_id() -> dict[int, StorageLocation]:
    return StorageLocation.objects.in_bulk()


def intake_choices() -> dict:
    return {
        "pickup_points": PickupPoint.objects.filter(active=True).select_related("donor"),
        "products": Product.objects.select_related("category").order_by("category__name", "name"),
        "locations": StorageLocation.objects.all(),
        "vans": Van.objects.all(),
        "categories": Category.objects.all(),
    }


def recent_lots(limit: int = 10) -> QuerySet[Lot]:
    return Lot.objects.select_related("product", "donor").order_by("-received_at", "-pk")[:limit]


def stock_totals() -> dict:
    """kg available, kg in quarantine, kg expiring by tomorrow (for the hub's dashboard)."""
    lots = list(lots_with_stock())
    until = timezone.localdate() + dt.timedelta(days=1)
    return {
        "available_kg": sum((x.on_hand for x in lots if x.last_status != EventKind.QUARANTINE),
                            Decimal("0")),
        "quarantined_kg": sum((x.on_hand for x in lots if x.last_status == EventKind.QUARANTINE),
                              Decimal("0")),
        "expiring_kg": sum((x.on_hand for x in lots if x.expiry and x.expiry <= until),
                           Decimal("0")),
        "lots": len(lots),
    }  # fmt: skip


# --- the W13 SHOP ------------------------------------------------------------------------


def available_kg_by_product(*, on: dt.date) -> dict[int, Decimal]:
    """Available kg per product of lots still good on that day."""
    totals: dict[int, Decimal] = {}
    for lot in available_lots().filter(Q(expiry__isnull=True) | Q(expiry__gte=on)):
        totals[lot.product_id] = totals.get(lot.product_id, Decimal("0")) + lot.on_hand
    return {pid: kg for pid, kg in totals.items() if kg > 0}


def shop_day_for(date: dt.date) -> ShopDay | None:
    return ShopDay.objects.filter(date=date).first()


def shop_offers(day: ShopDay) -> list[ShopOffer]:
    """The day's offer with what all organisations asked so far (no names)."""
    asked = dict(
        OrderLine.objects.filter(order__day=day).values("product_id")
        .annotate(kg=Sum("kg")).values_list("product_id", "kg")
    )  # fmt: skip
    offers = list(day.offers.select_related("product__category"))
    for offer in offers:
        offer.asked_kg = asked.get(offer.product_id, Decimal("0"))
    return offers


def order_of(organisation, day: ShopDay) -> Order | None:
    return (
        Order.objects.filter(day=day, organisation=organisation)
        .prefetch_related("lines__product")
        .first()
    )


def orders_of_day(day: ShopDay) -> QuerySet[Order]:
    return day.orders.select_related("organisation", "delivery").prefetch_related("lines__product")


def order_for_hub(pk: int) -> Order | None:
    return Order.objects.select_related("day", "organisation").filter(pk=pk).first()


def pick_list(order: Order) -> list[Allocation]:
    """In walking order of the locations, then first expiring first."""
    allocations = list(
        Allocation.objects.filter(line__order=order).select_related("lot__product", "line")
    )
    for allocation_ in allocations:
        allocation_.location = lot_state(allocation_.lot).location
    return sorted(
        allocations,
        key=lambda a: (
            a.location.walk_order if a.location else 999,
            a.lot.expiry or dt.date.max,
            a.pk,
        ),
    )


def picks_up_at_hub(organisation) -> bool:
    return Recipient.objects.filter(organisation=organisation, delivery_mode="pickup").exists()


# --- traceability (Reg. 178/2002 art. 18: one step back, one step forward) ---------------


def lot_recipients(lots) -> list[dict]:
    """Every organisation that received from these lots: kg and delivery date per lot."""
    rows = (
        Allocation.objects.filter(lot__in=lots)
        .select_related("lot__product", "line__order__organisation", "line__order__delivery",
                        "line__order__day")
        .order_by("line__order__organisation__name", "lot__code")
    )  # fmt: skip
    result = []
    for allocation_ in rows:
        order = allocation_.line.order
        delivery = getattr(order, "delivery", None)
        result.append(
            {
                "organisation": order.organisation,
                "lot": allocation_.lot,
                "kg": allocation_.kg,
                "day": order.day.date,
                "delivered_at": delivery.delivered_at if delivery else None,
            }
        )
    return result


def recall_lots(*, donor, product, date_from: dt.date, date_to: dt.date) -> QuerySet[Lot]:
    """A donor's product recalled for a period of receipt."""
    return Lot.objects.filter(
        donor=donor,
        product=product,
        received_at__date__gte=date_from,
        received_at__date__lte=date_to,
    ).select_related("product")


def donors() -> QuerySet:
    from samen.registry.models import Organisation

    return Organisation.objects.filter(kind="donor").order_by("name")


# --- trainee workers -----------------------------------------------------------------------


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def roster(days: list[dt.date]) -> list[tuple[Trainee, list[list[Shift]]]]:
    """The week as rows: each trainee with their shifts per day."""
    table: dict[Trainee, dict[dt.date, list[Shift]]] = {}
    for shift in Shift.objects.filter(date__in=days).select_related("trainee"):
        table.setdefault(shift.trainee, {}).setdefault(shift.date, []).append(shift)
    return [
        (trainee, [by_day.get(d, []) for d in days])
        for trainee, by_day in sorted(table.items(), key=lambda kv: str(kv[0]))
    ]


def trainees() -> QuerySet[Trainee]:
    return Trainee.objects.select_related("referred_by")


def trainee_file(pk: int) -> Trainee | None:
    return Trainee.objects.filter(pk=pk).prefetch_related("notes__coach", "shifts").first()


# --- key figures (../shared/key-figures.md, food.*) ---------------------------------------


def food_figures(date_from: dt.date, date_to: dt.date, municipality=None) -> dict:
    """Every food.* key figure for a period (both days included, Europe/Brussels).

    Lots count by the donor's municipality, deliveries and orders by the receiving
    organisation's, shifts by the trainee's referring organisation's. None for every
    figure when the hub has no records at all in the period."""
    from django.conf import settings
    from django.db.models import Count

    # Moments from the first day's midnight to the midnight after the last (Brussels): a
    # range the indexes serve, where a __date lookup would read every row.
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(date_from, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    lots = Lot.objects.filter(received_at__gte=since, received_at__lt=until)
    received = lots.exclude(decision="refused")
    lines = OrderLine.objects.filter(
        order__delivery__delivered_at__gte=since, order__delivery__delivered_at__lt=until
    )
    write_offs = StockEvent.objects.filter(kind=EventKind.WRITE_OFF, at__gte=since, at__lt=until)
    orders = Order.objects.filter(day__date__gte=date_from, day__date__lte=date_to, lines__kg__gt=0)
    shifts = Shift.objects.filter(date__gte=date_from, date__lte=date_to)
    if municipality is not None:
        received = received.filter(donor__municipality=municipality)
        lots = lots.filter(donor__municipality=municipality)
        lines = lines.filter(order__organisation__municipality=municipality)
        write_offs = write_offs.filter(lot__donor__municipality=municipality)
        orders = orders.filter(organisation__municipality=municipality)
        shifts = shifts.filter(trainee__referred_by__municipality=municipality)
    ids = (
        "collected_kg",
        "collected_kg_per_day",
        "distributed_kg",
        "wasted_kg",
        "organisations_ordering",
        "donors",
        "co2e_avoided_kg",
        "trainees_active",
        "target_progress",
    )
    if not (
        lots.exists() or lines.exists() or write_offs.exists() or orders.exists() or shifts.exists()
    ):
        return {f"food.{name}": None for name in ids}
    collected = received.aggregate(kg=Coalesce(Sum("kg"), ZERO))["kg"]
    days = received.annotate(day=TruncDate("received_at")).values("day").distinct().count()
    distributed = lines.aggregate(kg=Coalesce(Sum("received_kg"), ZERO))["kg"]
    wasted = -write_offs.aggregate(kg=Coalesce(Sum("kg"), ZERO))["kg"]
    target = Decimal(str(settings.SAMEN_FOOD_YEARLY_TARGET_KG))
    factor = Decimal(str(settings.SAMEN_FOOD_CO2E_FACTOR))
    return {
        "food.collected_kg": round(float(collected), 2),
        "food.collected_kg_per_day": round(float(collected / days), 1) if days else 0,
        "food.distributed_kg": round(float(distributed), 2),
        "food.wasted_kg": round(float(wasted), 2),
        "food.organisations_ordering": orders.aggregate(
            n=Count("organisation", distinct=True))["n"],
        "food.donors": received.aggregate(n=Count("donor", distinct=True))["n"],
        "food.co2e_avoided_kg": round(float(distributed * factor), 2),
        "food.trainees_active": shifts.aggregate(n=Count("trainee", distinct=True))["n"],
        "food.target_progress": round(float(distributed / target), 3),
    }  # fmt: skip


def monthly_kg(year: int, municipality=None) -> dict[str, list[Decimal]]:
    """kg collected (taken in) and distributed (received) per month of a year (for one
    municipality: by the donor's and the receiving organisation's, as food_figures)."""
    from django.db.models.functions import ExtractMonth

    lots = Lot.objects.filter(received_at__year=year).exclude(decision="refused")
    lines = OrderLine.objects.filter(order__delivery__delivered_at__year=year)
    if municipality is not None:
        lots = lots.filter(donor__municipality=municipality)
        lines = lines.filter(order__organisation__municipality=municipality)
    collected = dict(
        lots.annotate(m=ExtractMonth("received_at")).values("m").annotate(kg=Sum("kg"))
        .values_list("m", "kg")
    )  # fmt: skip
    distributed = dict(
        lines
        .annotate(m=ExtractMonth("order__delivery__delivered_at")).values("m")
        .annotate(kg=Sum("received_kg")).values_list("m", "kg")
    )  # fmt: skip
    return {
        "collected": [collected.get(m, Decimal("0")) or Decimal("0") for m in range(1, 13)],
        "distributed": [distributed.get(m, Decimal("0")) or Decimal("0") for m in range(1, 13)],
    }


def kg_by_donor(date_from: dt.date, date_to: dt.date, limit: int = 10) -> list[tuple]:
    return list(
        Lot.objects.filter(received_at__date__gte=date_from, received_at__date__lte=date_to)
        .exclude(decision="refused").values_list("donor__name").annotate(kg=Sum("kg"))
        .order_by("-kg")[:limit]
    )  # fmt: skip


def kg_by_organisation(date_from: dt.date, date_to: dt.date, limit: int = 10) -> list[tuple]:
    return list(
        OrderLine.objects.filter(order__delivery__delivered_at__date__gte=date_from,
                                 order__delivery__delivered_at__date__lte=date_to)
        .values_list("order__organisation__name").annotate(kg=Sum("received_kg"))
        .order_by("-kg")[:limit]
    )  # fmt: skip


# --- cold chain ----------------------------------------------------------------------------


def lots_in(location: StorageLocation) -> list[Lot]:
    """Lots with stock whose current place is this location."""
    return [lot for lot in lots_with_stock() if lot.location_id_now == location.pk]


def open_alerts() -> QuerySet:
    from samen.food.models import ColdChainAlert

    return ColdChainAlert.objects.filter(resolved_at__isnull=True).select_related(
        "reading__location", "reading__van"
    )


def readings_on(day: dt.date) -> QuerySet:
    from samen.food.models import TemperatureReading

    return (
        TemperatureReading.objects.filter(at__date=day)
        .select_related("location", "van", "device", "recorded_by", "alert")
        .order_by("at")
    )


def recent_readings(limit: int = 30) -> QuerySet:
    from samen.food.models import TemperatureReading

    return TemperatureReading.objects.select_related("location", "van", "device")[:limit]


def spaces() -> dict:
    return {"locations": StorageLocation.objects.all(), "vans": Van.objects.all()}


def stock_events_on(day: dt.date, *, kinds: tuple) -> QuerySet[StockEvent]:
    return (
        StockEvent.objects.filter(at__date=day, kind__in=kinds)
        .select_related("lot__product", "actor")
        .order_by("at")
    )


def lots_received_on(day: dt.date) -> QuerySet[Lot]:
    return (
        Lot.objects.filter(received_at__date=day)
        .select_related("product", "donor")
        .order_by("received_at")
    )


def organisation_summary(organisation, year: int) -> dict:
    """What a food organisation sees of its own figures: kg received this year, last days."""
    lines = OrderLine.objects.filter(
        order__organisation=organisation, order__delivery__delivered_at__year=year
    )
    return {
        "received_kg": lines.aggregate(kg=Coalesce(Sum("received_kg"), ZERO))["kg"],
        "deliveries": Order.objects.filter(organisation=organisation, delivery__isnull=False)
        .select_related("day", "delivery").order_by("-day__date")[:5],
    }  # fmt: skip


KG_PER_CRATE = Decimal("15")


def crates_for(order: Order) -> int:
    """Crates to pack: 15 kg a crate, chilled and ambient goods never share one."""
    import math

    per_class: dict[str, Decimal] = {}
    for line in order.lines.select_related("product__category"):
        klass = line.product.category.temperature_class
        per_class[klass] = per_class.get(klass, Decimal("0")) + (line.granted_kg or 0)
    return sum(math.ceil(kg / KG_PER_CRATE) for kg in per_class.values() if kg > 0)


def recipient_of(organisation) -> Recipient | None:
    return Recipient.objects.filter(organisation=organisation).first()


def standing_orders_of(organisation) -> QuerySet:
    from samen.food.models import StandingOrder

    return StandingOrder.objects.filter(organisation=organisation).select_related("product")


def master_rows(spec) -> list:
    related = [c for c in spec.columns if spec.model._meta.get_field(c).is_relation]
    return list(spec.model.objects.select_related(*related))


def master_record(spec, pk: int):
    return spec.model.objects.filter(pk=pk).first()


def daily_kg(until: dt.date, days: int = 14) -> tuple[list[dt.date], dict[str, list[Decimal]]]:
    """kg taken in and delivered per day over the last `days` days."""
    start = until - dt.timedelta(days=days - 1)
    collected = dict(
        Lot.objects.filter(received_at__date__gte=start, received_at__date__lte=until)
        .exclude(decision="refused").annotate(d=TruncDate("received_at")).values("d")
        .annotate(kg=Sum("kg")).values_list("d", "kg")
    )  # fmt: skip
    distributed = dict(
        OrderLine.objects.filter(order__delivery__delivered_at__date__gte=start,
                                 order__delivery__delivered_at__date__lte=until)
        .annotate(d=TruncDate("order__delivery__delivered_at")).values("d")
        .annotate(kg=Sum("received_kg")).values_list("d", "kg")
    )  # fmt: skip
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    return dates, {
        "collected": [collected.get(d) or Decimal("0") for d in dates],
        "distributed": [distributed.get(d) or Decimal("0") for d in dates],
    }


def weekly_kg(until: dt.date, weeks: int = 12) -> tuple[list[dt.date], dict[str, list[Decimal]]]:
    """kg taken in and delivered per ISO week (by its Monday) over the last `weeks` weeks."""
    from django.db.models.functions import TruncWeek

    monday = until - dt.timedelta(days=until.weekday())
    start = monday - dt.timedelta(weeks=weeks - 1)
    collected = dict(
        Lot.objects.filter(received_at__date__gte=start, received_at__date__lte=until)
        .exclude(decision="refused").annotate(w=TruncWeek("received_at")).values("w")
        .annotate(kg=Sum("kg")).values_list("w", "kg")
    )  # fmt: skip
    distributed = dict(
        OrderLine.objects.filter(order__delivery__delivered_at__date__gte=start,
                                 order__delivery__delivered_at__date__lte=until)
        .annotate(w=TruncWeek("order__delivery__delivered_at")).values("w")
        .annotate(kg=Sum("received_kg")).values_list("w", "kg")
    )  # fmt: skip
    as_date = lambda key: key.date() if isinstance(key, dt.datetime) else key  # noqa: E731
    collected = {as_date(k): v for k, v in collected.items()}
    distributed = {as_date(k): v for k, v in distributed.items()}
    mondays = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    return mondays, {
        "collected": [collected.get(m) or Decimal("0") for m in mondays],
        "distributed": [distributed.get(m) or Decimal("0") for m in mondays],
    }


# --- Route planning ------------------------------------------------------------------------


def _seconds(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60


def route_day(day: ShopDay, *, vans=None) -> tuple:
    """The shop day as a routing problem: the active vans, today's store pickups (their
    windows for this weekday) and a delivery per allocated order of an organisation that
    gets its food delivered. Returns (routing.Day, notes) — the notes name what had to be
    left out (no coordinates)."""
    from django.conf import settings

    from samen.food import routing
    from samen.food.models import DeliveryMode, PickupPoint, Van

    notes = []
    vans = tuple(
        routing.Van(
            van.pk,
            van.name,
            van.capacity_kg,
            van.capacity_crates,
            van.refrigerated,
            _seconds(van.shift_start),
            _seconds(van.shift_end),
            int(van.cost_per_km * 100),
        )
        for van in (vans if vans is not None else Van.objects.filter(active=True))
    )
    stops = []
    for point in PickupPoint.objects.filter(active=True).select_related("municipality"):
        windows = point.windows.get(str(day.date.weekday())) or []
        if not windows or point.typical_kg <= 0:
            continue
        if point.latitude is None or point.longitude is None:
            notes.append(f"{point.name}: geen coördinaten, niet ingepland.")
            continue
        stops.append(routing.Stop(
            ("pickup", point.pk), routing.PICKUP, point.name, float(point.latitude),
            float(point.longitude), point.typical_kg, math.ceil(point.typical_kg / KG_PER_CRATE),
            chilled=True, service=900,
            windows=tuple((_seconds(dt.time.fromisoformat(a)), _seconds(dt.time.fromisoformat(b)))
                          for a, b in windows),
            address=" ".join(filter(None, [point.street, point.house_number, point.postcode,
                                           str(point.municipality or "")])),
        ))  # fmt: skip
    recipients = {r.organisation_id: r for r in Recipient.objects.all()}
    for order in (
        day.orders.filter(lines__granted_kg__gt=0).distinct().select_related("organisation")
    ):
        profile = recipients.get(order.organisation_id)
        if profile is None or profile.delivery_mode != DeliveryMode.DELIVERY:
            continue  # fetched at the hub
        if profile.latitude is None or profile.longitude is None:
            notes.append(f"{order.organisation}: geen coördinaten, niet ingepland.")
            continue
        lines = list(order.lines.filter(granted_kg__gt=0).select_related("product__category"))
        kg = sum((line.granted_kg for line in lines), Decimal(0))
        start = profile.window_start or dt.time(9, 0)
        end = profile.window_end or dt.time(16, 0)
        stops.append(routing.Stop(
            ("delivery", order.pk), routing.DELIVERY, str(order.organisation),
            float(profile.latitude), float(profile.longitude), math.ceil(kg), crates_for(order),
            chilled=any(line.product.category.temperature_class != "ambient" for line in lines),
            windows=((_seconds(start), _seconds(end)),), service=600 + 60 * int(kg // 50),
            address=str(order.organisation.municipality or ""),
            contact=" ".join(filter(None, [profile.contact_name, profile.contact_phone])),
        ))  # fmt: skip
    routing_day = routing.Day(
        settings.SAMEN_HUB_LATITUDE, settings.SAMEN_HUB_LONGITUDE, vans, tuple(stops),
        max_chilled_minutes=settings.SAMEN_MAX_CHILLED_MINUTES, hub_name="Food Act 13 hub",
    )  # fmt: skip
    return routing_day, notes


def route_plans_of(day: ShopDay) -> QuerySet:
    from samen.food.models import RoutePlan

    return RoutePlan.objects.filter(day=day).select_related("requested_by", "dropped_van")


def recent_route_plans(limit: int = 10) -> QuerySet:
    from samen.food.models import PlanStatus, RoutePlan

    return RoutePlan.objects.filter(status=PlanStatus.DONE).select_related("day")[:limit]


def route_plan(pk: int):
    from samen.food.models import RoutePlan

    return RoutePlan.objects.select_related("day", "dropped_van").get(pk=pk)
