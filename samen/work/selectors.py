"""Reads of the work module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from samen.work.models import ChequePrice, ChequePurchase, Performance, Worker


def prices_of(organiser) -> list[tuple[dt.date, Decimal]]:
    return list(
        ChequePrice.objects.filter(organiser=organiser).values_list("effective_from", "price")
    )


def cheque_balance(user) -> int:
    """Cheques bought and not yet redeemed for a performance."""
    bought = ChequePurchase.objects.filter(user=user).aggregate(n=Sum("cheques"))["n"] or 0
    used = Performance.objects.filter(user=user).aggregate(n=Sum("cheques"))["n"] or 0
    return bought - used


def hours_of(worker, day: dt.date) -> tuple[Decimal, Decimal]:
    """The hours a wijk-werker has registered in the month and in the year of `day`."""
    year = Performance.objects.filter(worker=worker, on__year=day.year)
    month = year.filter(on__month=day.month)
    total = lambda qs: qs.aggregate(h=Sum("hours"))["h"] or Decimal(0)  # noqa: E731
    return total(month), total(year)


@dataclass(frozen=True)
class WorkFigures:
    cheques: int | None
    hours: Decimal | None
    from_pwa: int | None
    referred: int | None
    started: int | None


def work_figures(start: dt.date, end: dt.date) -> WorkFigures:
    """work.wijkwerk.* of key-figures.md: cheques redeemed for performances in the period
    (one per started hour, by service date), hours performed, wijk-werkers from the PWA
    system who started in it, people referred in it and, of those, the ones who started
    in it. Null when wijk-werken has no records at all."""
    if not (Performance.objects.exists() or Worker.objects.exists()):
        return WorkFigures(None, None, None, None, None)
    done = Performance.objects.filter(on__range=(start, end))
    referred = Worker.objects.filter(referred_on__range=(start, end))
    return WorkFigures(
        done.aggregate(n=Sum("cheques"))["n"] or 0,
        done.aggregate(h=Sum("hours"))["h"] or Decimal(0),
        Worker.objects.filter(ex_pwa=True, started_on__range=(start, end)).count(),
        referred.count(),
        referred.filter(started_on__range=(start, end)).count(),
    )


def sitting_days(start: dt.date, end: dt.date):
    """The coaches' sitting days in a period, by municipality (no person data)."""
    from samen.work.models import SittingDay

    return SittingDay.objects.filter(on__range=(start, end)).select_related("municipality", "coach")
