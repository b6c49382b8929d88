"""Notifications: the in-app list, and e-mail where a mail backend is configured."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samen.core.models import Notification
from samen.registry.models import Membership


def notification_send(*, users, kind: str, text: str, url: str = "") -> list[Notification]:
    users = list({u.pk: u for u in users}.values())
    created = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, text=text, url=url) for u in users]
    )
    if settings.SAMEN_NOTIFY_BY_MAIL:
        addresses = [u.email for u in users if u.email]
        if addresses:  # after the commit: no mail for a change that was rolled back
            body = f"{text}\n\n{settings.SAMEN_BASE_URL}{url}"
            transaction.on_commit(
                lambda: send_mail(f"Samen: {text}", body, None, addresses, fail_silently=True)
            )
    return created


def unit_members(*, organisation_id=None, team_id=None, roles=None):
    """Users with a membership valid today in that unit (optionally with those roles)."""
    today = timezone.localdate()
    members = Membership.objects.filter(
        organisation_id=organisation_id, team_id=team_id, valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    if roles:
        members = members.filter(role__in=roles)
    return [m.user for m in members.select_related("user")]


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
