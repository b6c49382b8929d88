"""Reads of care. An intake and its rights are seen by whoever may open the person's file,
and by the partner a right is assigned to; the under-protection dashboard is counts only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from samen.access import policy
from samen.care.models import OPEN, Intake, RightCheck
from samen.registry.models import Person


def file_organisations(user) -> set[int]:
    return {m.organisation_id for m in policy.file_memberships(user) if m.organisation_id}


def intakes_for(user) -> QuerySet[Intake]:
    """Intakes of persons in the user's files, or with a right the user's organisation
    follows up."""
    persons = policy.scope_persons(user, Person.objects.all())
    return (
        Intake.objects.filter(Q(person__in=persons)
                              | Q(checks__partner__in=file_organisations(user)))
        .distinct().select_related("person", "desk")
    )  # fmt: skip


def check_for(user, pk: int) -> RightCheck | None:
    """A right of an intake the user may see."""
    return RightCheck.objects.filter(pk=pk, intake__in=intakes_for(user)).first()


def open_checks_for(user) -> QuerySet[RightCheck]:
    """The rights the user's organisation follows up and that are not realised or closed."""
    return (
        RightCheck.objects.filter(partner__in=file_organisations(user), status__in=OPEN)
        .select_related("intake__person", "right", "intake__desk").order_by("since", "pk")
    )  # fmt: skip


@dataclass(frozen=True)
class UnderProtection:
    days: int
    rows: list[tuple]  # (partner, municipality, right, open rights)
    total: int


def under_protection(days: int, today: dt.date) -> UnderProtection:
    """Rights identified but not realised after `days` days, counted per partner, the
    person's municipality and right (no names)."""
    limit = today - dt.timedelta(days=days)
    counts: dict = defaultdict(int)
    stale = RightCheck.objects.filter(status__in=OPEN, intake__on__lte=limit).values_list(
        "partner__name", "intake__person__municipality__name", "right__name")  # fmt: skip
    for partner, town, right in stale:
        counts[(partner, town or "—", right)] += 1
    rows = sorted(((*key, n) for key, n in counts.items()), key=lambda r: (-r[3], r[:3]))
    return UnderProtection(days, rows, sum(counts.values()))


@dataclass(frozen=True)
class GboFigures:
    intakes: int | None
    rights_realised: int | None


def gbo_figures(start: dt.date, end: dt.date) -> GboFigures:
    """care.gbo.intakes (intakes in the period) and care.gbo.rights_realised (rights
    identified at those intakes that are realised)."""
    if not Intake.objects.exists():
        return GboFigures(None, None)
    held = Intake.objects.filter(on__range=(start, end))
    realised = RightCheck.objects.filter(intake__in=held, status="realised").count()
    return GboFigures(held.count(), realised)
