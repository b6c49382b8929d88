"""Reads of the housing module: every one scoped to who asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samen.access import policy, rules
from samen.housing.models import CrisisAdmission, CrisisBed

NIGHT_MIDDLE = dt.time(3, 0)  # a night D counts when the stay covers D + 1 at 03:00


def nights(admitted_at: dt.datetime, until: dt.datetime) -> list[dt.date]:
    """The nights of a stay from `admitted_at` to `until` (discharge, or now): night D is
    counted when the stay covers the middle of the night after D (D + 1 at 03:00,
    Brussels time). So 22:00 → 09:00 is one night, and so is 02:00 → 09:00; 22:00 on
    31/12 → 15:00 on 02/01 is two, one in each year."""
    tz = timezone.get_current_timezone()
    first = timezone.localtime(admitted_at, tz).date() - dt.timedelta(days=1)
    last = timezone.localtime(until, tz).date()
    result = []
    day = first
    while day < last:
        middle = timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=1), NIGHT_MIDDLE), tz
        )
        if admitted_at <= middle < until:
            result.append(day)
        day += dt.timedelta(days=1)
    return result


def _open(beds: QuerySet) -> QuerySet:
    taken = CrisisAdmission.objects.filter(bed=OuterRef("pk"), discharged_at__isnull=True)
    return beds.annotate(taken=Exists(taken))


def free_beds() -> QuerySet:
    """Active beds without anyone in them, by partner (no person data)."""
    return _open(CrisisBed.objects.filter(active=True).select_related("partner")).filter(
        taken=False
    )


def partner_organisations(user) -> set[int]:
    return {
        m.organisation_id
        for m in policy.memberships(user)
        if m.role in rules.CRISIS_PARTNER and m.organisation_id
    }


def partner_beds(user) -> QuerySet:
    return _open(CrisisBed.objects.filter(partner_id__in=partner_organisations(user)))


def _referring_units(user) -> Q:
    members = [m for m in policy.memberships(user) if m.role in rules.CRISIS_ADMIT]
    orgs = {m.organisation_id for m in members if m.organisation_id}
    teams = {m.team_id for m in members if m.team_id}
    return Q(organisation_id__in=orgs) | Q(team_id__in=teams)


def admissions_for(user) -> QuerySet:
    """The admissions a user may see: in the beds of its partner organisation, or made by
    its own unit (the referring service)."""
    visible = Q(bed__partner_id__in=partner_organisations(user)) | _referring_units(user)
    return CrisisAdmission.objects.filter(visible).select_related(
        "bed__partner", "person", "organisation", "team", "admitted_by"
    )


@dataclass(frozen=True)
class CrisisFigures:
    admissions: int | None
    persons: int | None
    nights: int | None


def crisis_figures(start: dt.date, end: dt.date) -> CrisisFigures:
    """crisis.admissions (starting in the period), crisis.persons (distinct persons with an
    admission starting in it) and crisis.nights (nights within it, whenever the stay
    began): null when the network has no admissions at all, 0 when none match."""
    if not CrisisAdmission.objects.exists():
        return CrisisFigures(None, None, None)
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min), tz)
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), tz)
    starting = CrisisAdmission.objects.filter(admitted_at__gte=since, admitted_at__lt=until)
    now = timezone.now()
    overlapping = CrisisAdmission.objects.filter(
        admitted_at__lt=until + dt.timedelta(days=1)
    ).filter(Q(discharged_at__isnull=True) | Q(discharged_at__gt=since - dt.timedelta(days=1)))
    total = sum(
        1
        for a in overlapping.only("admitted_at", "discharged_at")
        for night in nights(a.admitted_at, a.discharged_at or now)
        if start <= night <= end
    )
    return CrisisFigures(starting.count(), starting.values("person_id").distinct().count(), total)
