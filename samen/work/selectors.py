"""Reads of the work module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from samen.access import policy
from samen.access import rules as access_rules
from samen.work import rules
from samen.work.models import (
    ENDED,
    ActivationCapacity,
    ActivationTrajectory,
    ChequePrice,
    ChequePurchase,
    EconomyEvent,
    Performance,
    RequestStatus,
    ServiceRequest,
    UserKind,
    WijkwerkUser,
    Worker,
)

# --- who sees what -------------------------------------------------------------------------


def coach_organisers(user) -> set[int]:
    """The organisers (W13) a wijk-werk coach works for."""
    return {
        m.organisation_id
        for m in policy.memberships(user)
        if m.role in access_rules.WIJKWERK_COACH and m.organisation_id
    }


def workers_for(user) -> QuerySet[Worker]:
    """A coach's wijk-werkers: those of the organisers the coach works for."""
    return Worker.objects.filter(organiser__in=coach_organisers(user)).select_related("person")


def users_for(user) -> QuerySet[WijkwerkUser]:
    """A coach sees the organiser's users; a user only itself (its own account)."""
    found = WijkwerkUser.objects.filter(Q(organiser__in=coach_organisers(user)) | Q(account=user))
    return found.select_related("person", "organisation", "organiser")


def own_user(user) -> WijkwerkUser | None:
    return users_for(user).filter(account=user).first()


def own_worker(user) -> Worker | None:
    """The wijk-werker a citizen account is (sees its own hours and statements)."""
    person_id = policy.citizen_person_id(user)
    if not person_id:
        return None
    return Worker.objects.filter(person_id=person_id).order_by("-referred_on").first()


def requests_for(user) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(user__in=users_for(user)).select_related(
        "user__person", "user__organisation", "worker__person"
    )


def open_requests(user) -> QuerySet[ServiceRequest]:
    return requests_for(user).filter(status=RequestStatus.OPEN).order_by("asked_on", "pk")


def prices_of(organiser) -> list[tuple[dt.date, Decimal]]:
    return list(
        ChequePrice.objects.filter(organiser=organiser).values_list("effective_from", "price")
    )


def fee_for(organiser, year: int) -> Decimal:
    """The organiser's registration fee for a year (prices, and so fees, change on 1
    January): 0 when it asks none."""
    row = (ChequePrice.objects.filter(organiser=organiser, effective_from__year__lte=year)
           .order_by("-effective_from").first())  # fmt: skip
    return row.annual_fee if row else Decimal(0)


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


def work_figures(start: dt.date, end: dt.date, municipality=None) -> WorkFigures:
    """work.wijkwerk.* of key-figures.md: cheques redeemed for performances in the period
    (one per started hour, by service date), hours performed, wijk-werkers from the PWA
    system who started in it, people referred in it and, of those, the ones who started
    in it. Null when wijk-werken has no records at all."""
    if not (Performance.objects.exists() or Worker.objects.exists()):
        return WorkFigures(None, None, None, None, None)
    done = Performance.objects.filter(on__range=(start, end))
    workers = Worker.objects.all()
    if municipality is not None:  # where the wijk-werker lives
        done = done.filter(worker__person__municipality=municipality)
        workers = workers.filter(person__municipality=municipality)
    referred = workers.filter(referred_on__range=(start, end))
    totals = done.aggregate(n=Sum("cheques"), h=Sum("hours"))
    return WorkFigures(
        totals["n"] or 0,
        totals["h"] or Decimal(0),
        workers.filter(ex_pwa=True, started_on__range=(start, end)).count(),
        referred.count(),
        referred.filter(started_on__range=(start, end)).count(),
    )


def sitting_days(start: dt.date, end: dt.date):
    """The coaches' sitting days in a period, by municipality (no person data)."""
    from samen.work.models import SittingDay

    return SittingDay.objects.filter(on__range=(start, end)).select_related("municipality", "coach")


def limits_of(worker: Worker, day: dt.date) -> dict:
    """Where a wijk-werker stands against the limits in the month and year of `day`."""
    month, year = hours_of(worker, day)
    end = (rules.months_limit_ends(worker.started_on, ex_pwa=worker.ex_pwa)
           if worker.started_on else None)  # fmt: skip
    return {"month": month, "month_max": rules.MAX_HOURS_MONTH.value, "year": year,
            "year_max": rules.MAX_HOURS_YEAR.value, "until": end}  # fmt: skip


@dataclass(frozen=True)
class StatementLine:
    on: dt.date
    user: str
    activity: str
    hours: Decimal
    km: Decimal
    allowance: Decimal


@dataclass(frozen=True)
class Statement:
    worker: Worker
    month: dt.date  # its first day
    lines: list[StatementLine]

    @property
    def hours(self) -> Decimal:
        return sum((line.hours for line in self.lines), Decimal(0))

    @property
    def hour_part(self) -> Decimal:
        return sum((rules.allowance(hours=line.hours) for line in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((line.allowance for line in self.lines), Decimal(0))

    @property
    def km_part(self) -> Decimal:
        return self.total - self.hour_part


def statement(worker: Worker, month: dt.date) -> Statement:
    """The monthly allowance statement: each performance with its allowance (€ 4,10 an
    hour, € 0,15 a km for a round trip over 10 km)."""
    performances = (
        Performance.objects.filter(worker=worker, on__year=month.year, on__month=month.month)
        .select_related("user__person", "user__organisation")
        .order_by("on", "pk")
    )
    return Statement(worker, month.replace(day=1), [
        StatementLine(p.on, str(p.user), p.activity, p.hours, p.round_trip_km,
                      rules.allowance(hours=p.hours, round_trip_km=p.round_trip_km))
        for p in performances
    ])  # fmt: skip


def statement_months(worker: Worker) -> list[dt.date]:
    days = Performance.objects.filter(worker=worker).dates("on", "month", order="DESC")
    return list(days)


@dataclass(frozen=True)
class Certificate:
    user: WijkwerkUser
    year: int
    purchases: list
    cheques: int
    amount: Decimal
    reduction: Decimal


def certificate(user: WijkwerkUser, year: int) -> Certificate:
    """The yearly fiscal certificate of a private user: the cheques bought in the year, what
    they cost and the tax reduction on it (30 % up to 2019, 20 % from 2020)."""
    if user.kind != UserKind.PRIVATE:
        raise ValueError("alleen particulieren krijgen een fiscaal attest")
    purchases = list(ChequePurchase.objects.filter(user=user, bought_on__year=year)
                     .order_by("bought_on", "pk"))  # fmt: skip
    amount = sum((p.amount for p in purchases), Decimal(0))
    reduction = sum(
        (rules.tax_reduction(amount=p.amount, bought_on=p.bought_on)
         for p in purchases), Decimal(0),
    )  # fmt: skip
    return Certificate(user, year, purchases, sum(p.cheques for p in purchases), amount,
                       reduction)  # fmt: skip


# --- Activation trajectories and the social economy ---------------------------------------


def activation_for(user) -> QuerySet[ActivationTrajectory]:
    """Trajectories of persons in the user's files."""
    from samen.registry.models import Person

    if not policy.has_role(user, access_rules.FILE_ROLES):
        return ActivationTrajectory.objects.none()
    return ActivationTrajectory.objects.filter(
        person__in=policy.scope_persons(user, Person.objects.all())
    ).select_related("person", "organisation")


def activation_capacity(year: int) -> dict:
    """The year's planned trajectories against the ones that started (no person data)."""
    plan = ActivationCapacity.objects.filter(year=year).first()
    started = ActivationTrajectory.objects.filter(started_on__year=year).count()
    running = ActivationTrajectory.objects.exclude(status__in=ENDED).filter(
        started_on__isnull=False).count()  # fmt: skip
    return {"year": year, "plan": plan, "started": started, "running": running}


def activation_started(start: dt.date, end: dt.date, municipality=None) -> int | None:
    """work.activation.started: trajectories whose start falls in the period."""
    if not ActivationTrajectory.objects.exists():
        return None
    started = ActivationTrajectory.objects.filter(started_on__range=(start, end))
    if municipality is not None:
        started = started.filter(person__municipality=municipality)
    return started.count()


def economy_events(start: dt.date, end: dt.date, municipality=None) -> int | None:
    """work.social_economy.events: events held in the period (in the municipality)."""
    if not EconomyEvent.objects.exists():
        return None
    held = EconomyEvent.objects.filter(on__range=(start, end))
    if municipality is not None:
        held = held.filter(municipality=municipality)
    return held.count()


def month_hours(worker_ids: list[int], day: dt.date) -> dict[int, Decimal]:
    """Hours registered in the month of `day`, per wijk-werker (one query for a list)."""
    rows = (
        Performance.objects.filter(worker_id__in=worker_ids, on__year=day.year,
                                   on__month=day.month)
        .values("worker_id").annotate(h=Sum("hours"))
    )  # fmt: skip
    return {r["worker_id"]: r["h"] for r in rows}
