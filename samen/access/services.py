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


# --- Second factor ------------------------------------------------------------------


@transaction.atomic
def totp_setup_start(user):
    """A new, unconfirmed authenticator for the user (an earlier unconfirmed one goes)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)


@transaction.atomic
def totp_setup_confirm(*, user, device, token: str) -> list[str]:
    """The first code from the app proves it holds the key: the device becomes the user's
    authenticator (replacing an older one) and fresh recovery codes are returned, once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(_digits(token)):
        raise ValidationError(
            {"token": _("Deze code klopt niet. Typ de 6 cijfers die de app nu toont.")}
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "second_factor_set_up", purpose="security")
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Ten single-use recovery codes for when the phone is lost; older ones stop working."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Herstelcodes"))
    codes = [StaticToken.random_token() for _n in range(settings.SAMEN_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(user, "recovery_codes_renewed", purpose="security")
    return codes


def second_factor_verify(*, user, token: str):
    """The device that accepts this code (the app's 6 digits or a recovery code, which is
    used up), or None. django-otp throttles repeated failures per device."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    token = token.strip().replace(" ", "")
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if device.verify_token(_digits(token) if model is TOTPDevice else token):
                audit.record(
                    user,
                    "second_factor_passed",
                    purpose="security",
                    detail={"kind": "recovery" if model is StaticDevice else "totp"},
                )
                return device
    audit.record(user, "second_factor_failed", purpose="security")
    return None


@transaction.atomic
def second_factor_reset(*, actor, user) -> None:
    """An organisation administrator resets a member's lost second factor: at the next
    sign-in the member sets up a new one. Audited."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admins = {m.organisation_id for m in policy.memberships(actor)
              if m.role in rules.MANAGE_OWN_ORGANISATION}  # fmt: skip
    if not Membership.objects.filter(user=user, organisation_id__in=admins - {None}).exists():
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor, "second_factor_reset", purpose="security", detail={"user": user.pk})


def _digits(token: str) -> str:
    return "".join(ch for ch in str(token) if not ch.isspace())
