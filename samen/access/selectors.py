"""Reads of the access app: the break-the-glass lookup, the trail and the review list."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from samen.access.models import AuditEntry, BreakGlass
from samen.registry import insz as insz_codec
from samen.registry.models import Person
from samen.registry.normalise import name_key


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
        entries = entries.filter(Q(person_id=person_id) | Q(pk__in=_listed(person_id)))
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


def _listed(person_id: int):
    """The entries of searches and lists that showed the person (their ids are in
    `detail.found`): JSON containment on PostgreSQL, json_each on SQLite."""
    if connection.vendor == "postgresql":
        return AuditEntry.objects.filter(detail__found__contains=[person_id]).values("pk")
    quote = connection.ops.quote_name
    table, key = quote(AuditEntry._meta.db_table), quote(AuditEntry._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.{key} FROM {table} a, json_each(a.detail, '$.found') j WHERE j.value = %s",
            [person_id],
        )
        return [row[0] for row in cursor.fetchall()]


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


def break_glass_find(
    *, insz: str = "", first_name: str = "", last_name: str = "", birth_date: dt.date | None = None
) -> Person:
    """The one person an emergency concerns: by INSZ, or by exact name and birth date."""
    if insz:
        digest = insz_codec.hash_of(insz)
        if not digest:
            raise ValidationError({"insz": _("Dit is geen geldig rijksregister- of BIS-nummer.")})
        found = list(Person.objects.current().filter(insz_hash=digest)[:2])
    elif first_name and last_name and birth_date:
        found = list(
            Person.objects.current().filter(
                name_key=name_key(first_name, last_name), birth_date=birth_date
            )[:2]
        )
    else:
        raise ValidationError(
            _("Geef het rijksregisternummer, of voornaam, achternaam en geboortedatum.")
        )
    if not found:
        raise ValidationError(_("Er is geen dossier met deze gegevens."))
    if len(found) > 1:
        raise ValidationError(_("Meerdere personen passen: gebruik het rijksregisternummer."))
    return found[0]


def second_factor_overview() -> list[dict]:
    """For the DPO: everyone who holds a role today, whether they have set up their
    authenticator, when it was last used, and how many recovery codes they have left."""
    from django.db.models import Count
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samen.registry.models import Membership

    today = timezone.localdate()
    members = (
        Membership.objects.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("user", "organisation", "team")
        .order_by("user__username", "pk")
    )
    totp = {d.user_id: d for d in TOTPDevice.objects.filter(confirmed=True).order_by("pk")}
    codes = dict(
        StaticDevice.objects.filter(confirmed=True)
        .annotate(left=Count("token_set"))
        .values_list("user_id", "left")
    )
    rows: dict[int, dict] = {}
    for member in members:
        row = rows.setdefault(member.user_id, {
            "user": member.user, "units": [], "device": totp.get(member.user_id),
            "codes_left": codes.get(member.user_id, 0),
        })  # fmt: skip
        row["units"].append(f"{member.get_role_display()} · {member.organisation or member.team}")
    return list(rows.values())


def has_authenticator(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def authenticator_key(device) -> str:
    """The key as authenticator apps take it when typed in: base32, in groups of four."""
    import base64

    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def authenticator_qr(device) -> str:
    """The otpauth:// link as a QR code (an SVG data URI: no inline script or style)."""
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)
