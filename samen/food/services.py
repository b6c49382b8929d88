"""Every write of the hub: keyword-only, atomic, validated. Stock only moves by events."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import policy
from samen.access import rules as access_rules
from samen.food import rules, selectors
from samen.food.models import (
    Decision,
    EventKind,
    Lot,
    Pickup,
    PickupPoint,
    Product,
    StockEvent,
    StorageLocation,
    TemperatureClass,
    Van,
)


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
