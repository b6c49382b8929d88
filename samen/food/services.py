"""Every write of the hub: keyword-only, atomic, validated. Stock only moves by events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import policy
from samen.access import rules as access_rules
from samen.core.services import notification_send, unit_members
from samen.food import allocation, rules, selectors
from samen.food.models import (
    Allocation,
    ColdChainAlert,
    Decision,
    Delivery,
    EventKind,
    Lot,
    Order,
    OrderLine,
    Pickup,
    PickupPoint,
    PlanStatus,
    Product,
    ProgressNote,
    Recipient,
    RoutePlan,
    SensorDevice,
    Shift,
    ShopDay,
    ShopOffer,
    StandingOrder,
    StockEvent,
    StorageLocation,
    TemperatureClass,
    TemperatureReading,
    Trainee,
    Van,
)
from samen.registry.models import Membership, Role


def _require(actor, roles) -> None:
    if not policy.has_role(actor, roles):
        raise PermissionDenied


def _locked(lot: Lot) -> Lot:
    """Row lock on the lot: two writers never decide on the same stale stock."""
    return Lot.objects.select_for_update().get(pk=lot.pk)


@transaction.atomic
def pickup_start(
    *, actor, pickup_point: PickupPoint, van: Van | None = None, nothing_reason: str = ""
) -> Pickup:
    _require(actor, access_rules.FOOD_STOCK)
    pickup = Pickup(
        pickup_point=pickup_point,
        van=van,
        registered_by=actor,
        nothing_reason=nothing_reason.strip(),
    )
    pickup.full_clean()
    pickup.save()
    return pickup


def pickup_for_round(*, actor, pickup_point: PickupPoint, van: Van | None = None) -> Pickup:
    """The pickup a lot belongs to: today's round at that store, opened on its first lot."""
    today = timezone.localdate()
    existing = (
        Pickup.objects.filter(
            pickup_point=pickup_point, collected_at__date=today, nothing_reason=""
        )
        .order_by("-collected_at")
        .first()
    )
    return existing or pickup_start(actor=actor, pickup_point=pickup_point, van=van)


def pickup_record_empty(
    *, actor, pickup_point: PickupPoint, reason: str, van: Van | None = None
) -> Pickup:
    """A round that brought nothing needs its reason (that is what the figures show)."""
    if not reason.strip():
        raise ValidationError({"nothing_reason": _("Geef de reden waarom niets werd opgehaald.")})
    return pickup_start(actor=actor, pickup_point=pickup_point, van=van, nothing_reason=reason)


def _check_weights(kg: Decimal, crates: int) -> None:
    if kg is None or kg <= 0:
        raise ValidationError({"kg": _("Het gewicht moet groter zijn dan 0 kg.")})
    if kg > rules.MAX_KG_PER_LOT:
        raise ValidationError(
            {"kg": _("%(kg)s kg voor één lot kan niet: het maximum is %(max)s kg.")
             % {"kg": kg, "max": rules.MAX_KG_PER_LOT}}
        )  # fmt: skip
    if crates and kg / crates > rules.MAX_KG_PER_CRATE:
        raise ValidationError(
            {"kg": _("%(kg)s kg in %(crates)s bak(ken) is meer dan %(max)s kg per bak: "
                     "controleer het gewicht of het aantal bakken.")
             % {"kg": kg, "crates": crates, "max": rules.MAX_KG_PER_CRATE}}
        )  # fmt: skip


def _check_location(product: Product, location: StorageLocation | None) -> None:
    if location is None:
        raise ValidationError({"location": _("Kies waar het lot gestockeerd wordt.")})
    needed = product.category.temperature_class
    if needed != TemperatureClass.AMBIENT and location.temperature_class != needed:
        raise ValidationError(
            {"location": _("%(product)s moet %(klasse)s bewaard worden, niet in %(loc)s.")
             % {"product": product, "klasse": TemperatureClass(needed).label, "loc": location}}
        )  # fmt: skip


@transaction.atomic
def lot_receive(
    *,
    actor,
    pickup: Pickup | None,
    donor=None,
    product: Product,
    kg: Decimal,
    crates: int = 0,
    units: int = 0,
    date_kind: str,
    expiry=None,
    arrival_celsius: Decimal | None = None,
    location: StorageLocation | None = None,
) -> Lot:
    """Register a lot at the door. The rules decide: refused (recorded, never in stock),
    quarantined (in stock, not available) or accepted."""
    _require(actor, access_rules.FOOD_STOCK)
    _check_weights(kg, crates)
    if date_kind != "none" and expiry is None:
        raise ValidationError({"expiry": _("Vul de datum op de verpakking in.")})
    verdict = rules.intake_verdict(
        temperature_class=product.category.temperature_class, date_kind=date_kind, date=expiry,
        arrival_celsius=arrival_celsius, margin_days=product.category.best_before_margin_days,
        today=timezone.localdate(),
    )  # fmt: skip
    if verdict.decision != Decision.REFUSED:
        _check_location(product, location)
    lot = Lot(
        pickup=pickup, donor=donor or pickup.pickup_point.donor, product=product, kg=kg,
        crates=crates, units=units, date_kind=date_kind, expiry=expiry,
        arrival_celsius=arrival_celsius, received_by=actor, decision=verdict.decision,
        decision_note=" ".join(verdict.reasons), flagged=verdict.flagged,
    )  # fmt: skip
    lot.full_clean()
    lot.save()
    if verdict.decision != Decision.REFUSED:
        StockEvent.objects.create(
            lot=lot,
            kind=EventKind.INTAKE,
            kg=kg,
            location=location,
            actor=actor,
            note=lot.decision_note,
        )
    if verdict.decision == Decision.QUARANTINED:
        StockEvent.objects.create(
            lot=lot, kind=EventKind.QUARANTINE, actor=actor, reason="intake", note=lot.decision_note
        )
    return lot


@transaction.atomic
def lot_quarantine(*, actor, lot: Lot, note: str) -> StockEvent:
    _require(actor, access_rules.FOOD_STOCK)
    lot = _locked(lot)
    if selectors.lot_state(lot).quarantined:
        raise ValidationError(_("Dit lot staat al in quarantaine."))
    return StockEvent.objects.create(lot=lot, kind=EventKind.QUARANTINE, actor=actor, note=note)


@transaction.atomic
def lot_release(*, actor, lot: Lot, note: str) -> StockEvent:
    """Only a coach or the hub coordinator releases a quarantined lot, with a reason."""
    _require(actor, access_rules.FOOD_RELEASE)
    if not note.strip():
        raise ValidationError({"note": _("Geef de reden van de vrijgave.")})
    lot = _locked(lot)
    if not selectors.lot_state(lot).quarantined:
        raise ValidationError(_("Dit lot staat niet in quarantaine."))
    return StockEvent.objects.create(lot=lot, kind=EventKind.RELEASE, actor=actor, note=note)


@transaction.atomic
def lot_write_off(
    *, actor, lot: Lot, reason: str, destination: str, kg: Decimal | None = None, note: str = ""
) -> StockEvent:
    lot = _locked(lot)
    state = selectors.lot_state(lot)
    _require(actor, access_rules.FOOD_RELEASE if state.quarantined else access_rules.FOOD_WRITE_OFF)
    kg = state.on_hand if kg is None else kg
    if kg <= 0 or kg > state.on_hand:
        raise ValidationError(
            {"kg": _("Af te boeken: meer dan 0 en hoogstens %(kg)s kg.") % {"kg": state.on_hand}}
        )
    event = StockEvent(
        lot=lot,
        kind=EventKind.WRITE_OFF,
        kg=-kg,
        actor=actor,
        reason=reason,
        destination=destination,
        note=note,
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def lot_count(*, actor, lot: Lot, counted_kg: Decimal, reason: str) -> StockEvent | None:
    """A stock count: the difference becomes an adjustment event with its reason."""
    _require(actor, access_rules.FOOD_STOCK)
    lot = _locked(lot)
    if counted_kg < 0:
        raise ValidationError({"counted_kg": _("Een telling kan niet negatief zijn.")})
    difference = counted_kg - selectors.lot_state(lot).on_hand
    if difference == 0:
        return None
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van het verschil.")})
    return StockEvent.objects.create(
        lot=lot, kind=EventKind.ADJUSTMENT, kg=difference, actor=actor, note=reason
    )


@transaction.atomic
def lot_move(*, actor, lot: Lot, location: StorageLocation) -> StockEvent:
    _require(actor, access_rules.FOOD_STOCK)
    lot = _locked(lot)
    _check_location(lot.product, location)
    if selectors.lot_state(lot).on_hand <= 0:
        raise ValidationError(_("Dit lot is niet (meer) in voorraad."))
    return StockEvent.objects.create(lot=lot, kind=EventKind.MOVE, location=location, actor=actor)


# --- the W13 SHOP ------------------------------------------------------------------------


def recipient_organisation(actor):
    """The food organisation a user orders for (a food-organisation membership)."""
    for member in policy.memberships(actor):
        if member.role == Role.FOOD_ORGANISATION and member.organisation_id:
            return member.organisation
    raise PermissionDenied


@transaction.atomic
def shop_day_publish(*, actor, date, cut_off, kg_per_person: Decimal | None = None) -> ShopDay:
    """Publish the available stock for a day; standing orders are placed at once."""
    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    if ShopDay.objects.filter(date=date).exists():
        raise ValidationError(
            _("De shop voor %(d)s is al gepubliceerd.") % {"d": f"{date:%d/%m/%Y}"}
        )
    if cut_off <= timezone.now():
        raise ValidationError({"cut_off": _("Het afsluituur ligt in het verleden.")})
    day = ShopDay(date=date, cut_off=cut_off, published_by=actor)
    if kg_per_person is not None:
        day.kg_per_person = kg_per_person
    day.full_clean()
    day.save()
    for product_id, kg in selectors.available_kg_by_product(on=date).items():
        ShopOffer.objects.create(day=day, product_id=product_id, kg=kg)
    _place_standing_orders(actor, day)
    return day


def _place_standing_orders(actor, day: ShopDay) -> None:
    offered = {o.product_id: o.kg for o in day.offers.all()}
    weekday = day.date.weekday()
    for standing in StandingOrder.objects.select_related("organisation"):
        if weekday not in standing.weekdays or standing.product_id not in offered:
            continue
        order, _created = Order.objects.get_or_create(
            day=day,
            organisation=standing.organisation,
            defaults={"created_by": actor, "standing": True},
        )
        OrderLine.objects.get_or_create(
            order=order,
            product_id=standing.product_id,
            defaults={"kg": min(standing.kg, offered[standing.product_id])},
        )


@transaction.atomic
def order_save(*, actor, day: ShopDay, lines: dict[int, Decimal]) -> Order:
    """An organisation's order for the day (replacing its earlier one). The day's row is
    locked, so an order and the cut-off never cross."""
    organisation = recipient_organisation(actor)
    day = ShopDay.objects.select_for_update().get(pk=day.pk)
    if not day.is_open:
        raise ValidationError(_("Bestellen kan niet meer: de shop is afgesloten."))
    offers = {o.product_id: o for o in day.offers.select_related("product__category")}
    errors, total = {}, Decimal("0")
    per_category: dict[int, Decimal] = {}
    for product_id, kg in lines.items():
        offer = offers.get(product_id)
        if offer is None:
            errors[f"kg_{product_id}"] = _("Dit product staat vandaag niet in de shop.")
            continue
        if kg < 0:
            errors[f"kg_{product_id}"] = _("Een hoeveelheid kan niet negatief zijn.")
        elif kg > offer.kg:
            errors[f"kg_{product_id}"] = _("Er is vandaag maar %(kg)s kg %(p)s.") % {
                "kg": offer.kg,
                "p": offer.product,
            }
        total += max(kg, Decimal("0"))
        category = offer.product.category
        per_category[category.pk] = per_category.get(category.pk, Decimal("0")) + max(kg, 0)
        if (
            category.max_kg_per_order is not None
            and per_category[category.pk] > category.max_kg_per_order
        ):
            errors[f"kg_{product_id}"] = _("Maximum %(kg)s kg %(c)s per bestelling.") % {
                "kg": category.max_kg_per_order,
                "c": category,
            }
    recipient = Recipient.objects.filter(organisation=organisation).first()
    quota = day.kg_per_person * (recipient.persons if recipient else 0)
    if total > quota:
        errors["__all__"] = _(
            "Jullie quotum vandaag is %(q)s kg (%(kg)s kg per persoon); de bestelling is %(t)s kg."
        ) % {"q": quota, "kg": day.kg_per_person, "t": total}
    if errors:
        raise ValidationError(errors)
    order, _created = Order.objects.get_or_create(
        day=day, organisation=organisation, defaults={"created_by": actor}
    )
    order.lines.all().delete()
    OrderLine.objects.bulk_create(
        [OrderLine(order=order, product_id=pid, kg=kg) for pid, kg in lines.items() if kg > 0]
    )
    order.save()  # updated_at
    return order


@transaction.atomic
def shop_day_close(*, actor, day: ShopDay) -> ShopDay:
    """The cut-off: per product, the fair default allocation of what is really there now,
    lot by lot, first expiring first. Never more than the stock: the lots are locked."""
    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    day = ShopDay.objects.select_for_update().get(pk=day.pk)
    if day.closed_at:
        raise ValidationError(_("Deze shopdag is al afgesloten."))
    lines = list(
        OrderLine.objects.filter(order__day=day, kg__gt=0)
        .select_related("order__organisation", "product__category")
        .order_by("order__organisation__name", "product__name")
    )
    recipients = {r.organisation_id: r for r in Recipient.objects.all()}
    products = {line.product_id: line.product for line in lines}
    lots_of, remaining = {}, {}
    for product_id in sorted(products):
        lots = list(
            selectors.available_lots()
            .filter(product_id=product_id)
            .filter(Q(expiry__isnull=True) | Q(expiry__gte=day.date))
        )
        locked = Lot.objects.select_for_update().filter(pk__in=[lot.pk for lot in lots])
        states = {lot.pk: selectors.lot_state(lot) for lot in locked.order_by("pk")}
        lots_of[product_id] = [lot for lot in lots if not states[lot.pk].quarantined]  # FEFO
        remaining.update({lot.pk: states[lot.pk].on_hand for lot in lots_of[product_id]})
    supply = {
        pid: sum((remaining[lot.pk] for lot in lots), Decimal(0)) for pid, lots in lots_of.items()
    }
    cents = lambda kg: int(kg / allocation.CENT)  # noqa: E731
    limits = allocation.Limits(
        supply={pid: cents(kg) for pid, kg in supply.items()},
        weight={o: max(r.persons, 1) for o, r in recipients.items()},
        category={pid: p.category_id for pid, p in products.items()},
        category_max={
            p.category_id: cents(p.category.max_kg_per_order)
            for p in products.values()
            if p.category.max_kg_per_order is not None
        },
        crates_per_kg={
            pid: _crates_per_kg(lots_of[pid])
            for pid, p in products.items()
            if p.category.temperature_class != TemperatureClass.AMBIENT
        },
        crates={o: r.crates_capacity for o, r in recipients.items() if r.crates_capacity},
    )
    result = allocation.allocate_constrained(
        [
            allocation.Line(line.pk, line.order.organisation_id, line.product_id, cents(line.kg))
            for line in lines
        ],
        limits,
    )
    asked_total: dict[int, Decimal] = {}
    for line in lines:
        asked_total[line.product_id] = asked_total.get(line.product_id, Decimal(0)) + line.kg
    per_order: dict[int, list] = {}
    for line in lines:
        granted = result[line.pk]
        recipient = recipients.get(line.order.organisation_id)
        line.granted_kg = Decimal(granted.cents) * allocation.CENT
        line.explanation = allocation.explain(
            line.product.name,
            line.kg,
            line.granted_kg,
            granted.reason,
            allocation.Context(
                supply=supply[line.product_id],
                asked_total=asked_total[line.product_id],
                persons=recipient.persons if recipient else 0,
                category=line.product.category.name,
                category_max=line.product.category.max_kg_per_order,
                crates=recipient.crates_capacity if recipient else None,
            ),
        )
        line.save(update_fields=["granted_kg", "explanation"])
        per_order.setdefault(line.order_id, []).append((line.kg, line.granted_kg, granted.reason))
    for order_id, summary in per_order.items():
        Order.objects.filter(pk=order_id).update(
            explanation=allocation.explain_organisation(summary)
        )
    by_pk = {line.pk: line for line in lines}
    for product_id, lots in lots_of.items():
        lots_by_pk = {lot.pk: lot for lot in lots}
        for line_pk, lot_pk, take in allocation.assign_lots(
            [(line.pk, line.granted_kg) for line in lines if line.product_id == product_id],
            [(lot.pk, remaining[lot.pk]) for lot in lots],
        ):  # lots are FEFO already
            line, lot = by_pk[line_pk], lots_by_pk[lot_pk]
            Allocation.objects.create(line=line, lot=lot, kg=take)
            StockEvent.objects.create(
                lot=lot,
                kind=EventKind.ALLOCATION,
                kg=-take,
                actor=actor,
                note=f"bestelling {line.order_id}",
            )
    OrderLine.objects.filter(order__day=day, kg=0).update(granted_kg=0)
    day.closed_at, day.closed_by = timezone.now(), actor
    day.save(update_fields=["closed_at", "closed_by"])
    for organisation_id in {line.order.organisation_id for line in lines}:
        notification_send(
            users=unit_members(organisation_id=organisation_id, roles=[Role.FOOD_ORGANISATION]),
            kind="order_allocated",
            text=_("Je bestelling voor %(d)s is toegewezen.") % {"d": f"{day.date:%d/%m/%Y}"},
            url=reverse("shop_order"),
        )
    return day


def _crates_per_kg(lots: list[Lot]) -> float:
    """How many crates a kg of this product fills, from its lots (else a 10 kg crate)."""
    crates = sum(lot.crates for lot in lots if lot.crates)
    kg = sum((lot.kg for lot in lots if lot.crates), Decimal(0))
    return float(crates / kg) if crates and kg else float(1 / allocation.CRATE_KG)


@transaction.atomic
def order_pick(*, actor, order: Order) -> Order:
    _require(actor, access_rules.FOOD_STOCK)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.picked_at:
        raise ValidationError(_("Deze bestelling is al gepickt."))
    if not order.day.closed_at:
        raise ValidationError(_("De shopdag is nog niet afgesloten."))
    for allocation_ in Allocation.objects.filter(line__order=order).select_related("lot"):
        StockEvent.objects.create(
            lot=allocation_.lot,
            kind=EventKind.PICK,
            actor=actor,
            note=f"bestelling {order.pk}: {allocation_.kg} kg",
        )
    order.picked_at = timezone.now()
    order.save(update_fields=["picked_at"])
    return order


@transaction.atomic
def delivery_confirm(
    *,
    actor,
    order: Order,
    received: dict[int, Decimal],
    receiver_name: str,
    shortfall: str,
    note: str = "",
    at_hub: bool = False,
) -> Delivery:
    """Received kg per line. What did not arrive returns to stock or is written off —
    explicitly, never silently."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not order.picked_at:
        raise ValidationError(_("Deze bestelling is nog niet gepickt."))
    if hasattr(order, "delivery"):
        raise ValidationError(_("Deze levering is al bevestigd."))
    if not receiver_name.strip():
        raise ValidationError({"receiver_name": _("Wie nam de levering in ontvangst?")})
    errors = {}
    lines = list(order.lines.filter(granted_kg__gt=0).prefetch_related("allocations__lot"))
    for line in lines:
        kg = received.get(line.pk)
        if kg is None or kg < 0 or kg > line.granted_kg:
            errors[f"received_{line.pk}"] = _("%(p)s: ontvangen tussen 0 en %(kg)s kg.") % {
                "p": line.product,
                "kg": line.granted_kg,
            }
    if errors:
        raise ValidationError(errors)
    short_lines = [line for line in lines if received[line.pk] < line.granted_kg]
    if short_lines and shortfall not in ("return", "write_off"):
        raise ValidationError({"shortfall": _("Kies wat er met het verschil gebeurt.")})
    for line in lines:
        line.received_kg = received[line.pk]
        line.save(update_fields=["received_kg"])
        missing = line.granted_kg - line.received_kg
        for allocation_ in reversed(list(line.allocations.all())):  # latest-expiring back first
            if missing <= 0:
                break
            back = min(missing, allocation_.kg)
            StockEvent.objects.create(
                lot=allocation_.lot,
                kind=EventKind.RETURN,
                kg=back,
                actor=actor,
                note=f"niet geleverd, bestelling {order.pk}",
            )
            if shortfall == "write_off":
                StockEvent.objects.create(
                    lot=allocation_.lot,
                    kind=EventKind.WRITE_OFF,
                    kg=-back,
                    actor=actor,
                    reason="damaged",
                    destination="compost_biogas",
                    note=note,
                )
            missing -= back
        for allocation_ in line.allocations.all():
            StockEvent.objects.create(
                lot=allocation_.lot,
                kind=EventKind.DELIVERY,
                actor=actor,
                note=f"bestelling {order.pk}",
            )
    delivery = Delivery(
        order=order,
        receiver_name=receiver_name.strip(),
        confirmed_by=actor,
        at_hub=at_hub,
        discrepancy_note=note,
    )
    delivery.full_clean()
    delivery.save()
    return delivery


def recall_notify(*, actor, lots, reason: str) -> int:
    """Tell every organisation that received from these lots (in-app and by mail where
    configured). Returns how many organisations were told."""
    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de terugroeping.")})
    organisations = {row["organisation"].pk: row for row in selectors.lot_recipients(lots)}
    for organisation_id, row in organisations.items():
        notification_send(
            users=unit_members(organisation_id=organisation_id, roles=[Role.FOOD_ORGANISATION]),
            kind="recall",
            text=_("Terugroeping: %(p)s (lot %(lot)s). %(why)s")
            % {"p": row["lot"].product, "lot": row["lot"].code, "why": reason},
            url=reverse("shop_order"),
        )
    return len(organisations)


# --- trainee workers -----------------------------------------------------------------------


@transaction.atomic
def trainee_register(
    *,
    actor,
    first_name: str,
    last_name: str,
    contract_start,
    contract_end=None,
    referred_by=None,
    user=None,
) -> Trainee:
    """A new trainee worker, registered by a coach or the hub coordinator."""
    _require(actor, access_rules.FOOD_COACH)
    trainee = Trainee(
        first_name=first_name,
        last_name=last_name,
        user=user,
        contract_start=contract_start,
        contract_end=contract_end,
        referred_by=referred_by,
    )
    trainee.full_clean()
    trainee.save()
    return trainee


@transaction.atomic
def shift_plan(*, actor, trainee: Trainee, date, kind: str, start, end) -> Shift:
    _require(actor, access_rules.FOOD_COACH)
    if trainee.contract_start > date or (trainee.contract_end and trainee.contract_end < date):
        raise ValidationError({"date": _("%(t)s heeft op die dag geen contract.") % {"t": trainee}})
    shift = Shift(trainee=trainee, date=date, kind=kind, start=start, end=end, planned_by=actor)
    shift.full_clean()
    if Shift.objects.filter(trainee=trainee, date=date, start__lt=end, end__gt=start).exists():
        raise ValidationError(
            {"start": _("Deze shift overlapt met een andere van %(t)s.") % {"t": trainee}}
        )
    shift.save()
    return shift


@transaction.atomic
def progress_note_add(
    *, actor, trainee: Trainee, competence: str, level: int, note: str
) -> ProgressNote:
    _require(actor, access_rules.FOOD_COACH)
    entry = ProgressNote(
        trainee=trainee, competence=competence, level=level, note=note, coach=actor
    )
    entry.full_clean()
    entry.save()
    return entry


# --- cold chain (HACCP) --------------------------------------------------------------------


def _device_hash(token: str) -> str:
    import hashlib
    import hmac

    from django.conf import settings

    return hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def sensor_register(
    *, actor, name: str, location: StorageLocation | None = None, van: Van | None = None
) -> tuple[SensorDevice, str]:
    """A new sensor and its token; the token is shown once, only its hash is kept."""
    import secrets as secrets_

    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    if (location is None) == (van is None):
        raise ValidationError(_("Een sensor hangt in één koelruimte of één bestelwagen."))
    token = secrets_.token_urlsafe(32)
    device = SensorDevice(name=name, location=location, van=van, token_hash=_device_hash(token))
    device.full_clean()
    device.save()
    return device, token


def sensor_for_token(token: str) -> SensorDevice | None:
    return (
        SensorDevice.objects.filter(token_hash=_device_hash(token), active=True)
        .select_related("location", "van")
        .first()
    )


@transaction.atomic
def reading_record(
    *,
    celsius: Decimal,
    location: StorageLocation | None = None,
    van: Van | None = None,
    at=None,
    actor=None,
    device: SensorDevice | None = None,
) -> TemperatureReading:
    """A temperature reading, by hand or by a sensor. Out of range: an alert, and every lot
    stored in that space goes into quarantine until a coach decides."""
    if actor is not None:
        _require(actor, access_rules.FOOD_STOCK)
    if (location is None) == (van is None):
        raise ValidationError(_("Kies één koelruimte of één bestelwagen."))
    if celsius < Decimal("-40") or celsius > Decimal("60"):
        raise ValidationError(
            {"celsius": _("%(c)s °C is geen geloofwaardige meting.") % {"c": celsius}}
        )
    temperature_class = (
        location.temperature_class
        if location
        else (TemperatureClass.CHILLED if van.refrigerated else TemperatureClass.AMBIENT)
    )
    reading = TemperatureReading(
        location=location, van=van, celsius=celsius, at=at or timezone.now(), device=device,
        recorded_by=actor,
        out_of_range=rules.reading_out_of_range(temperature_class, celsius, van=van is not None),
    )  # fmt: skip
    reading.full_clean()
    reading.save()
    if reading.out_of_range:
        count = 0
        if location is not None:
            for lot in selectors.lots_in(location):
                lot = _locked(lot)
                if not selectors.lot_state(lot).quarantined:
                    StockEvent.objects.create(
                        lot=lot,
                        kind=EventKind.QUARANTINE,
                        actor=actor or _system_user(),
                        reason="cold_chain",
                        note=_("%(c)s °C gemeten in %(s)s.") % {"c": celsius, "s": location},
                    )
                    count += 1
        ColdChainAlert.objects.create(reading=reading, quarantined_lots=count)
        notification_send(
            users=[
                m.user
                for m in Membership.objects.filter(
                    role__in=access_rules.FOOD_RELEASE
                ).select_related("user")
            ],
            kind="cold_chain",
            url=reverse("food_cold_chain"),
            text=_("Koudeketen: %(c)s °C in %(s)s; %(n)s lot(en) in quarantaine.")
            % {"c": celsius, "s": reading.space, "n": count},
        )
    return reading


def _system_user():
    """Events need an actor; a sensor's quarantine is booked on the hub coordinator."""
    member = Membership.objects.filter(role=Role.HUB_COORDINATOR).select_related("user").first()
    if member is None:
        raise ValidationError(_("Er is geen hubcoördinator om de quarantaine op te boeken."))
    return member.user


@transaction.atomic
def alert_resolve(*, actor, alert: ColdChainAlert, note: str) -> ColdChainAlert:
    _require(actor, access_rules.FOOD_RELEASE)
    alert = ColdChainAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.resolved_at:
        raise ValidationError(_("Dit alarm is al afgehandeld."))
    if not note.strip():
        raise ValidationError({"note": _("Beschrijf wat er gebeurde en wat er gedaan is.")})
    alert.resolved_at, alert.resolved_by, alert.note = timezone.now(), actor, note
    alert.save()
    return alert


# --- imports -------------------------------------------------------------------------------


@transaction.atomic
def recipient_save(*, actor, organisation, data: dict) -> Recipient:
    """Create or update a food organisation's profile (reference data)."""
    recipient = Recipient.objects.filter(organisation=organisation).first() or Recipient(
        organisation=organisation
    )
    for name, value in data.items():
        setattr(recipient, name, value)
    recipient.full_clean()
    recipient.save()
    return recipient


@transaction.atomic
def lot_import_historic(
    *,
    actor,
    donor,
    product: Product,
    kg: Decimal,
    crates: int,
    date_kind: str,
    expiry,
    arrival_celsius,
    received_on,
    pickup_point=None,
) -> Lot:
    """A lot from an old intake register: judged by the rules of its own day, recorded for
    the figures and traceability, never put in today's stock (its stock was used long ago)."""
    _check_weights(kg, crates)
    verdict = rules.intake_verdict(
        temperature_class=product.category.temperature_class, date_kind=date_kind, date=expiry,
        arrival_celsius=arrival_celsius, margin_days=product.category.best_before_margin_days,
        today=received_on,
    )  # fmt: skip
    received_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(9)))
    pickup = None
    if pickup_point is not None:
        pickup = Pickup.objects.create(
            pickup_point=pickup_point, collected_at=received_at, registered_by=actor
        )
    lot = Lot(
        pickup=pickup,
        donor=donor,
        product=product,
        kg=kg,
        crates=crates,
        date_kind=date_kind,
        expiry=expiry,
        arrival_celsius=arrival_celsius,
        received_at=received_at,
        received_by=actor,
        decision=verdict.decision,
        flagged=verdict.flagged,
        decision_note=" ".join((_("Historische import."), *verdict.reasons)),
    )
    lot.full_clean()
    lot.save()
    return lot


@transaction.atomic
def standing_order_save(
    *, actor, product: Product, kg: Decimal, weekdays: list[int]
) -> StandingOrder:
    """An organisation's standing order: ordered for it each time the shop is published on
    one of these weekdays (never more than what is on offer)."""
    organisation = recipient_organisation(actor)
    if kg <= 0:
        raise ValidationError({"kg": _("Een vaste bestelling is meer dan 0 kg.")})
    if not weekdays:
        raise ValidationError({"weekdays": _("Kies minstens één weekdag.")})
    standing, _created = StandingOrder.objects.update_or_create(
        organisation=organisation,
        product=product,
        defaults={"kg": kg, "weekdays": sorted(set(weekdays))},
    )
    return standing


@transaction.atomic
def standing_order_delete(*, actor, standing: StandingOrder) -> None:
    if standing.organisation != recipient_organisation(actor):
        raise PermissionDenied
    standing.delete()


@transaction.atomic
def master_save(*, actor, instance, data: dict):
    """Create or change one master-data record (products, categories, stores, vans,
    locations): the hub coordinator's work. Validated before it is saved."""
    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def route_plan_request(
    *,
    actor,
    day: ShopDay,
    replaces: RoutePlan | None = None,
    dropped_van: Van | None = None,
    from_time: dt.time | None = None,
) -> RoutePlan:
    """Queue the planning of a closed shop day's routes, or — with `replaces`, a van that
    dropped out and the time it did — the re-planning of the rest of that day."""
    _require(actor, access_rules.FOOD_SHOP_ADMIN)
    if not day.closed_at:
        raise ValidationError(_("Sluit eerst de shop af: de routes volgen uit de toewijzing."))
    if replaces is not None:
        errors = {}
        if replaces.status != PlanStatus.DONE:
            errors["__all__"] = _("Alleen een afgewerkte planning kan herpland worden.")
        if dropped_van is None or dropped_van.pk not in {
            r["van"] for r in replaces.result["routes"]
        }:
            errors["van"] = _("Kies een bestelwagen uit deze planning.")
        if from_time is None:
            errors["from_time"] = _("Geef het uur waarop de bestelwagen uitvalt.")
        if errors:
            raise ValidationError(errors)
    plan = RoutePlan.objects.create(
        day=day, requested_by=actor, replaces=replaces, dropped_van=dropped_van,
        from_time=from_time,
    )  # fmt: skip
    from samen.food.tasks import plan_routes

    transaction.on_commit(lambda: plan_routes.enqueue(plan.pk))
    return plan


def route_plan_interrupted(plan_id: int) -> None:
    """The worker died while planning: the plan is failed, and the coordinator can plan
    the day again."""
    RoutePlan.objects.filter(pk=plan_id).exclude(status=PlanStatus.DONE).update(
        status=PlanStatus.FAILED, finished_at=timezone.now(),
        error=_("De planning werd onderbroken: de achtergrondverwerking stopte. "
                "Start de planning opnieuw."),
    )  # fmt: skip


def route_plan_compute(plan_id: int, *, iterations: int | None = None) -> None:
    """Plan (or re-plan) the routes of a route plan's shop day and store the result, with
    the progress written as it goes (the page polls it). Run by the background worker; a
    plan already done is left as it is. Failures are stored with their reason."""
    from django.conf import settings

    from samen.food import routing

    plan = RoutePlan.objects.select_related("day", "replaces").get(pk=plan_id)
    if plan.status == PlanStatus.DONE:
        return
    plans = RoutePlan.objects.filter(pk=plan_id)
    plans.update(status=PlanStatus.RUNNING, progress="start")
    solve = {
        "seconds": settings.SAMEN_ROUTE_SECONDS, "iterations": iterations,
        "matrix": routing.default_matrix(),
        "progress": lambda text: plans.update(progress=text),
    }  # fmt: skip
    try:
        day, notes = selectors.route_day(plan.day)
        if plan.replaces_id:
            before = routing.from_dict(day, plan.replaces.result)
            at = plan.from_time.hour * 3600 + plan.from_time.minute * 60
            result = routing.replan(day, before, plan.dropped_van_id, at, **solve)
        else:
            result = routing.plan_day(day, **solve)
        result.notes.extend(notes)
    except Exception as exc:  # the page shows why; the worker goes on
        plans.update(status=PlanStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        raise
    plans.update(
        status=PlanStatus.DONE, progress="", result=routing.as_dict(result),
        finished_at=timezone.now(),
    )  # fmt: skip
