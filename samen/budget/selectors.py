"""Reads of Budget In Zicht. A budget is read by its owner, or by a counsellor while the
owner's share is not revoked; the figures read education, events and group work."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from samen.access import policy
from samen.access import rules as access_rules
from samen.access.models import AuditEntry
from samen.budget.models import (
    FIXED,
    INCOME,
    BizEvent,
    Budget,
    Category,
    EducationActivity,
    GroupSeries,
    GroupSession,
)

BIZ_TEAM = "biz"
FIXED_SHARE_WARNING = Decimal("0.6")  # fixed costs above 60 % of income leave too little


def is_app_user(user) -> bool:
    """Someone using the budget app for themself: no staff membership."""
    return getattr(user, "is_authenticated", False) and not policy.memberships(user)


def own_budget(user) -> Budget | None:
    return Budget.objects.filter(owner=user).first() if is_app_user(user) else None


def is_counsellor(user) -> bool:
    return any(m.role in access_rules.FILE_ROLES and m.team_id and m.team.code == BIZ_TEAM
               for m in policy.memberships(user))  # fmt: skip


def counsellors():
    """The budget counsellors a citizen may share with (the Budget In Zicht team)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__team__code=BIZ_TEAM, memberships__role__in=list(access_rules.FILE_ROLES)
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def shared_with(user):
    """The budgets shared with this counsellor and not revoked."""
    if not is_counsellor(user):
        return Budget.objects.none()
    return Budget.objects.filter(shares__counsellor=user,
                                 shares__revoked_at__isnull=True).distinct()  # fmt: skip


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass
class Line:
    category: str
    label: str
    income: bool
    planned: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)


@dataclass
class Month:
    month: dt.date
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def total(self, income: bool, kind: str) -> Decimal:
        return sum((getattr(line, kind) for line in self.lines if line.income == income),
                   Decimal(0))  # fmt: skip

    @property
    def planned_income(self):
        return self.total(True, "planned")

    @property
    def planned_expenses(self):
        return self.total(False, "planned")

    @property
    def actual_income(self):
        return self.total(True, "actual")

    @property
    def actual_expenses(self):
        return self.total(False, "actual")


def month_overview(budget: Budget, month: dt.date) -> Month:
    """Plan (the month's lines plus the recurring items that run) against what really came
    in and went out, per category; and the warnings."""
    lines = {c: Line(c, label, c in INCOME) for c, label in Category.choices}
    for row in budget.plan.filter(month=month):
        lines[row.category].planned += row.amount
    for item in budget.recurring.filter(start__lte=month).filter(Q(end__isnull=True)
                                                                 | Q(end__gte=month)):  # fmt: skip
        lines[item.category].planned += item.amount
    actual = (budget.entries.filter(on__gte=month, on__lt=next_month(month))
              .values("category").annotate(s=Sum("amount")))  # fmt: skip
    for row in actual:
        lines[row["category"]].actual += abs(row["s"])
    result = Month(month, [line for line in lines.values() if line.planned or line.actual])
    result.warnings = warnings_for(result)
    return result


def warnings_for(month: Month) -> list[str]:
    from django.utils.translation import gettext as _

    found = []
    for kind, income, expenses in (
        (_("gepland"), month.planned_income, month.planned_expenses),
        (_("echt"), month.actual_income, month.actual_expenses),
    ):
        if expenses > income:
            found.append(_("De uitgaven (%(k)s) zijn hoger dan het inkomen: € %(d)s tekort.")
                         % {"k": kind, "d": _money(expenses - income)})  # fmt: skip
    fixed = sum((line.planned for line in month.lines if line.category in FIXED), Decimal(0))
    if month.planned_income and fixed > month.planned_income * FIXED_SHARE_WARNING:
        share = (fixed / month.planned_income * 100).quantize(Decimal(1))
        found.append(_("De vaste kosten zijn %(p)s %% van het inkomen: meer dan %(max)s %% laat "
                       "te weinig over voor voeding en onvoorziene kosten.")
                     % {"p": share, "max": int(FIXED_SHARE_WARNING * 100)})  # fmt: skip
    return found


def who_looked(budget: Budget) -> list[tuple]:
    """(when, who) for every counsellor's look at the budget: the citizen's own view of the
    audit trail."""
    entries = AuditEntry.objects.filter(object_type="budget.budget", object_id=budget.pk,
                                        action="view").exclude(user_id=budget.owner_id)  # fmt: skip
    lookers = get_user_model().objects.filter(pk__in=entries.values("user_id"))
    names = {u.pk: u.get_full_name() or u.username for u in lookers}
    return [(e.at, names.get(e.user_id, "?")) for e in entries.order_by("-seq")[:100]]


def _money(amount: Decimal) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + f",{cents}"


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BizFigures:
    pupils: int | None
    pupils_by_municipality: dict | None
    pupils_by_activity: dict | None
    events_by_type: dict | None
    participants_by_type: dict | None
    series: int | None
    sessions: int | None
    participants: int | None


def biz_figures(start: dt.date, end: dt.date, municipality=None) -> BizFigures:
    """biz.* of key-figures.md; null per part when it has no records at all. For one
    municipality: its education activities and group-work series; the events are regional
    (they have no place) and so are null there."""
    from samen.budget.models import ActivityKind, EventKind
    from samen.registry.models import Municipality

    education = EducationActivity.objects.filter(on__range=(start, end))
    sessions_all = GroupSession.objects.all()
    if municipality is not None:
        education = education.filter(municipality=municipality)
        sessions_all = sessions_all.filter(series__municipality=municipality)
    pupils = by_town = by_kind = None
    if EducationActivity.objects.exists():
        pupils = education.aggregate(n=Sum("pupils"))["n"] or 0
        by_town = {m: 0 for m in Municipality.objects.values_list("name", flat=True)}
        for row in education.values("municipality__name").annotate(n=Sum("pupils")):
            by_town[row["municipality__name"]] = row["n"]
        by_kind = {k: 0 for k in ActivityKind.values}
        for row in education.values("kind").annotate(n=Sum("pupils")):
            by_kind[row["kind"]] = row["n"]
    events_n = events_p = None
    if BizEvent.objects.exists() and municipality is None:
        held = BizEvent.objects.filter(on__range=(start, end))
        events_n = {k: 0 for k in EventKind.values}
        events_p = {k: 0 for k in EventKind.values}
        for row in held.values("kind").annotate(n=Count("pk"), p=Sum("participants")):
            events_n[row["kind"]], events_p[row["kind"]] = row["n"], row["p"]
    series = sessions = participants = None
    if GroupSeries.objects.exists():
        held = sessions_all.filter(on__range=(start, end))
        firsts = defaultdict(lambda: None)
        for row in sessions_all.values("series_id").annotate(first=_min("on")):
            firsts[row["series_id"]] = row["first"]
        series = sum(1 for first in firsts.values() if first and start <= first <= end)
        sessions = held.count()
        participants = held.values("present").exclude(present=None).distinct().count()
    return BizFigures(pupils, by_town, by_kind, events_n, events_p, series, sessions,
                      participants)  # fmt: skip


def _min(field_name: str):
    from django.db.models import Min

    return Min(field_name)


def own(model, user, pk: int):
    """A line, recurring item or share of the user's own budget, or None."""
    return model.objects.filter(pk=pk, budget__owner=user).select_related("budget").first()


def series_people(user, series):
    """The series' participants the counsellor may see, and persons of the counsellor's
    files who could join."""
    from samen.registry.models import Person

    people = list(policy.scope_persons(user, series.participants.all()))
    candidates = (policy.scope_persons(user, Person.objects.all())
                  .exclude(pk__in=[p.pk for p in people])
                  .order_by("last_name", "first_name")[:200])  # fmt: skip
    return people, candidates


def person_in_files(user, pk):
    from samen.registry.models import Person

    return policy.scope_persons(user, Person.objects.filter(pk=pk)).first()
