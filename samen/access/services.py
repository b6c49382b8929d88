"""Writes of the access app: break the glass, its review, log-in failures."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import audit, policy, rules
from samen.access.models import BreakGlass, LoginFailure
from samen.core.services import notification_send
from samen.registry.models import Membership, Person, Role


@transaction.atomic
def break_glass_open(*, actor, person: Person, reason: str) -> BreakGlass:
    """Emergency access outside one's scope: logged prominently, reviewed by the DPO."""
    if not policy.has_role(actor, rules.BREAK_GLASS):
        raise PermissionDenied
    if len(reason.strip()) < 15:
        raise ValidationError({"reason": _("Beschrijf de noodsituatie (minstens 15 tekens).")})
    now = timezone.now()
    glass = BreakGlass(
        user=actor,
        person=person,
        reason=reason.strip(),
        opened_at=now,
        expires_at=now + dt.timedelta(hours=settings.BREAK_GLASS_HOURS),
    )
    glass.full_clean()
    glass.save()
    members = [m for m in policy.file_memberships(actor) if m.role in rules.BREAK_GLASS]
    audit.record(
        actor,
        "break_glass",
        glass,
        person_id=person.pk,
        purpose="noodtoegang",
        membership=members[0] if members else None,
    )
    dpos = Membership.objects.filter(role=Role.DPO).select_related("user")
    notification_send(
        users=[m.user for m in dpos],
        kind="review_due",
        text=_("Noodtoegang te beoordelen"),
        url=reverse("dpo_break_glass"),
    )
    return glass


@transaction.atomic
def break_glass_review(*, actor, glass: BreakGlass, justified: bool, note: str) -> BreakGlass:
    if not policy.has_role(actor, rules.AUDIT):
        raise PermissionDenied
    glass = BreakGlass.objects.select_for_update().get(pk=glass.pk)
    if glass.reviewed_at:
        raise ValidationError(_("Deze noodtoegang is al beoordeeld."))
    if not justified and not note.strip():
        raise ValidationError({"review_note": _("Licht toe waarom dit niet gerechtvaardigd was.")})
    glass.reviewed_at, glass.reviewed_by = timezone.now(), actor
    glass.justified, glass.review_note = justified, note
    glass.save()
    audit.record(actor, "break_glass_reviewed", glass, person_id=glass.person_id, purpose="dpo")
    return glass


def login_locked(username: str) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
    return recent >= settings.LOGIN_FAILURE_LIMIT


def login_failed(username: str) -> None:
    LoginFailure.objects.create(username=username[:150])


def login_succeeded(username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()
