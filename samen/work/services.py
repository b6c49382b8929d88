"""Writes of the work module: each checks the actor's role and the legal limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samen.access import audit, policy
from samen.access import rules as access_rules
from samen.work import rules, selectors
from samen.work.models import (
    ChequePurchase,
    Performance,
    RequestStatus,
    ServiceRequest,
    SittingDay,
    WijkwerkUser,
    Worker,
)


@transaction.atomic
def cheques_buy(*, actor, user: WijkwerkUser, cheques: int, on: dt.date) -> ChequePurchase:
    """A user buys cheques (itself, or a coach for it) at its organiser's price that day."""
    own = user.account_id == actor.pk and policy.has_role(actor, access_rules.WIJKWERK_USER)
    if not (own or policy.has_role(actor, access_rules.WIJKWERK_COACH)):
        raise PermissionDenied
    if cheques < 1:
        raise ValidationError({"cheques": _("Koop minstens één cheque.")})
    try:
        price = rules.price_on(selectors.prices_of(user.organiser), on)
    except ValueError:
        raise ValidationError({"on": _("Er is nog geen chequeprijs op die dag.")}) from None
    return ChequePurchase.objects.create(user=user, cheques=cheques, bought_on=on, price=price)


@transaction.atomic
def performance_register(
    *, actor, worker: Worker, user: WijkwerkUser, activity: str, on: dt.date, hours: Decimal,
    round_trip_km: Decimal = Decimal(0),
) -> Performance:  # fmt: skip
    """Register a performance and redeem its cheques. Refused, with the limit named, when
    it would break one: the 60 hours a month, the 630 a year, the 12 months; and when the
    user has too few cheques left. The wijk-werker's row is locked, so two coaches
    registering at once cannot pass a limit together."""
    if not policy.has_role(actor, access_rules.WIJKWERK_COACH):
        raise PermissionDenied
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    user = WijkwerkUser.objects.select_for_update().get(pk=user.pk)
    if worker.started_on is None:
        raise ValidationError(_("Deze wijk-werker is nog niet gestart."))
    if worker.ended_on and on > worker.ended_on:
        raise ValidationError({"on": _("De overeenkomst liep toen niet meer.")})
    try:
        cheques = rules.cheques_for(hours)
        rules.check_period(started=worker.started_on, on=on, ex_pwa=worker.ex_pwa)
        month, year = selectors.hours_of(worker, on)
        rules.check_hours(month_hours=month, year_hours=year, adding=hours)
    except rules.LimitError as exc:
        raise ValidationError({"hours": str(exc)}) from None
    except ValueError as exc:
        raise ValidationError({"hours": str(exc)}) from None
    if selectors.cheque_balance(user) < cheques:
        raise ValidationError({"hours": _("De gebruiker heeft nog %(n)s cheques; nodig: %(c)s.")
                               % {"n": selectors.cheque_balance(user), "c": cheques}})  # fmt: skip
    performance = Performance.objects.create(
        worker=worker, user=user, activity=activity, on=on, hours=hours, cheques=cheques,
        round_trip_km=round_trip_km, registered_by=actor,
    )  # fmt: skip
    audit.record(actor, "create", performance, person_id=worker.person_id, purpose="wijkwerk")
    return performance


def _ensure_coach(actor) -> None:
    if not policy.has_role(actor, access_rules.WIJKWERK_COACH):
        raise PermissionDenied


@transaction.atomic
def worker_refer(*, actor, person, referred_by: str, on: dt.date, ex_pwa: bool = False) -> Worker:
    """A referral by VDAB or the OCMW, registered by the coach."""
    _ensure_coach(actor)
    if referred_by not in ("vdab", "ocmw"):
        raise ValidationError({"referred_by": _("Kies VDAB of OCMW.")})
    if Worker.objects.filter(person=person, ended_on__isnull=True,
                             not_started_reason="").exists():  # fmt: skip
        raise ValidationError(_("Deze persoon is al wijk-werker of wacht op een intake."))
    worker = Worker.objects.create(person=person, referred_by=referred_by, referred_on=on,
                                   ex_pwa=ex_pwa)  # fmt: skip
    audit.record(actor, "create", worker, person_id=person.pk, purpose="wijkwerk")
    return worker


@transaction.atomic
def worker_intake(
    *, actor, worker: Worker, on: dt.date, start: dt.date | None, reason: str = ""
) -> Worker:
    """The coach's intake: the wijk-werker starts on a day, or does not, with the reason."""
    _ensure_coach(actor)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    errors = {}
    if worker.started_on or worker.not_started_reason:
        errors["__all__"] = _("De intake is al gebeurd.")
    elif on < worker.referred_on:
        errors["intake_on"] = _("De intake ligt voor de doorverwijzing.")
    elif start is None and not reason.strip():
        errors["not_started_reason"] = _("Geef de reden waarom de persoon niet start.")
    elif start is not None and start < on:
        errors["started_on"] = _("De start ligt voor de intake.")
    if errors:
        raise ValidationError(errors)
    worker.intake_on, worker.started_on, worker.not_started_reason = on, start, reason.strip()
    worker.save(update_fields=["intake_on", "started_on", "not_started_reason"])
    audit.record(actor, "update", worker, person_id=worker.person_id, purpose="wijkwerk")
    return worker


@transaction.atomic
def sitting_day_plan(*, actor, municipality, on: dt.date, start, end, place: str) -> SittingDay:
    _ensure_coach(actor)
    if end <= start:
        raise ValidationError({"end": _("De zitdag eindigt voor hij begint.")})
    if not place.strip():
        raise ValidationError({"place": _("Waar is de zitdag?")})
    return SittingDay.objects.create(municipality=municipality, on=on, start=start, end=end,
                                     place=place.strip(), coach=actor)  # fmt: skip


@transaction.atomic
def service_request(
    *, actor, user: WijkwerkUser, activity: str, place: str, hours: Decimal
) -> ServiceRequest:
    """A user (for itself) or a coach asks for a service."""
    own = user.account_id == actor.pk and policy.has_role(actor, access_rules.WIJKWERK_USER)
    if not (own or policy.has_role(actor, access_rules.WIJKWERK_COACH)):
        raise PermissionDenied
    errors = {}
    if not activity.strip():
        errors["activity"] = _("Welke activiteit?")
    if not place.strip():
        errors["place"] = _("Waar?")
    if hours <= 0 or hours > rules.MAX_HOURS_MONTH.value:
        errors["hours_wanted"] = _("Tussen 0 en %(max)s uur.") % {
            "max": rules.MAX_HOURS_MONTH.value
        }
    if errors:
        raise ValidationError(errors)
    return ServiceRequest.objects.create(user=user, activity=activity.strip(),
                                         place=place.strip(), hours_wanted=hours)  # fmt: skip


@transaction.atomic
def service_match(*, actor, request: ServiceRequest, worker: Worker) -> ServiceRequest:
    """The coach matches an open request to a wijk-werker who has started."""
    _ensure_coach(actor)
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Deze vraag is al gekoppeld of afgesloten."))
    if worker.started_on is None or worker.ended_on:
        raise ValidationError({"worker": _("Kies een wijk-werker die gestart is.")})
    request.worker, request.status = worker, RequestStatus.MATCHED
    request.save(update_fields=["worker", "status"])
    audit.record(actor, "update", request, person_id=worker.person_id, purpose="wijkwerk")
    return request
