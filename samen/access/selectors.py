"""Reads for the data-protection officer: the trail and the review list."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from samen.access.models import AuditEntry, BreakGlass


def audit_search(
    *,
    person_id: int | None = None,
    user_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    entries = AuditEntry.objects.order_by("-seq")
    if person_id:
        entries = entries.filter(person_id=person_id)
    if user_id:
        entries = entries.filter(user_id=user_id)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    found = list(entries[:limit])
    users = get_user_model().objects.in_bulk({e.user_id for e in found if e.user_id})
    for entry in found:
        entry.user = users.get(entry.user_id)
    return found


def break_glass_to_review() -> QuerySet[BreakGlass]:
    return (
        BreakGlass.objects.filter(reviewed_at__isnull=True)
        .select_related("user")
        .order_by("opened_at")
    )


def break_glass_reviewed(limit: int = 50) -> QuerySet[BreakGlass]:
    return (
        BreakGlass.objects.filter(reviewed_at__isnull=False)
        .select_related("user", "reviewed_by")
        .order_by("-reviewed_at")[:limit]
    )
