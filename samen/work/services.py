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
from samen.work.models import ChequePurchase, Performance, WijkwerkUser, Worker


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
