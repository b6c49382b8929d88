"""The access policy of ../docs/security.md, in one place.

A person's file is visible to a user when one of the user's units (organisation or
team, through an active membership with a file role) holds an active enrolment of that
person, or receives an open referral resting on a valid legal basis, or the user broke
the glass for that person, or the person is the user (a citizen). Scoping is always a
queryset filter; callers never check access in templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import rules
from samen.access.models import BreakGlass
from samen.registry.models import (
    OPEN_REFERRAL,
    Enrolment,
    LegalBasis,
    Membership,
    Person,
    Referral,
    Status,
)


def memberships(user) -> list[Membership]:
    """The user's memberships valid today (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_samen_memberships", None)
    if cached is None:
        today = timezone.localdate()
        cached = list(
            Membership.objects.filter(user=user, valid_from__lte=today)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .select_related("organisation", "team")
            .order_by("valid_from", "pk")
        )
        user._samen_memberships = cached
    return cached


def roles(user) -> set[str]:
    found = {m.role for m in memberships(user)}
    if getattr(user, "is_authenticated", False) and citizen_person_id(user):
        found.add("citizen")
    return found


def has_role(user, allowed) -> bool:
    return bool(roles(user) & set(allowed))


def needs_second_factor(user) -> bool:
    """Everyone who works in Samen under a role signs in with a second factor; citizens and
    budget-app users (no role) sign in with their password."""
    return bool(memberships(user))


def citizen_person_id(user) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_samen_person_id"):
        user._samen_person_id = (
            Person.objects.filter(user=user).values_list("pk", flat=True).first()
        )
    return user._samen_person_id


def primary_membership(user) -> Membership | None:
    found = memberships(user)
    return found[0] if found else None


def file_memberships(user) -> list[Membership]:
    return [m for m in memberships(user) if m.role in rules.FILE_ROLES]


def unit_keys(user) -> set[tuple[int | None, int | None]]:
    """(organisation id, team id) of every unit the user works in with a file role."""
    return {(m.organisation_id, m.team_id) for m in file_memberships(user)}


def _unit_ids(members: list[Membership]) -> tuple[set[int], set[int]]:
    orgs = {m.organisation_id for m in members if m.organisation_id}
    teams = {m.team_id for m in members if m.team_id}
    return orgs, teams


def _unit_q(prefix: str, orgs: set[int], teams: set[int]) -> Q:
    return Q(**{f"{prefix}organisation_id__in": orgs}) | Q(**{f"{prefix}team_id__in": teams})


VALID_BASIS = Q(legal_basis=LegalBasis.CONSENT, consent__withdrawn_at__isnull=True) | ~Q(
    legal_basis=LegalBasis.CONSENT
)


def open_referrals() -> QuerySet[Referral]:
    """Referrals that still open a file: sent or accepted, on a basis still valid."""
    return Referral.objects.filter(status__in=OPEN_REFERRAL).filter(VALID_BASIS)


def person_scope(user) -> Q:
    """The filter on Person for every file this user may open."""
    members = file_memberships(user)
    orgs, teams = _unit_ids(members)
    q = Q(pk__in=[])
    if members:
        enrolled = Enrolment.objects.filter(status=Status.ACTIVE).filter(_unit_q("", orgs, teams))
        referred = open_referrals().filter(_unit_q("to_", orgs, teams))
        glass = BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now())
        q |= Q(pk__in=enrolled.values("person_id")) | Q(pk__in=referred.values("person_id"))
        q |= Q(pk__in=glass.values("person_id"))
    own = citizen_person_id(user)
    if own:
        q |= Q(pk=own)
    return q


def scope_persons(user, queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.filter(person_scope(user)).filter(merged_into__isnull=True)


@dataclass
class PersonAccess:
    """What one user may see of one person's file, and why."""

    person_id: int
    categories: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)  # shown on the file: why you see it
    reason_ids: list[str] = field(default_factory=list)  # the same, as ids (for the audit)
    membership: Membership | None = None  # the membership the access rests on (for audit)
    note_filter: Q = field(default_factory=lambda: Q(pk__in=[]))
    unit_filter: Q = field(default_factory=lambda: Q(pk__in=[]))  # records of the user's units
    unit_ids: dict[str, set[int]] = field(default_factory=dict)
    own: bool = False
    break_glass: bool = False

    def sees(self, category: str) -> bool:
        return category in self.categories

    @property
    def enrolled(self) -> bool:
        """One of the user's units follows the person itself (it is a controller of the
        file), rather than seeing it through a referral or an emergency."""
        return any(r.startswith("enrolment:") for r in self.reason_ids)


def person_access(user, person: Person) -> PersonAccess | None:
    """None when the user may not open this file at all."""
    access = PersonAccess(person_id=person.pk)
    members = file_memberships(user)
    orgs, teams = _unit_ids(members)
    by_unit = {("organisation", m.organisation_id): m for m in members if m.organisation_id}
    by_unit |= {("team", m.team_id): m for m in members if m.team_id}
    access.unit_filter = _unit_q("", orgs, teams)
    access.unit_ids = {"organisation": orgs, "team": teams}
    reasons = []

    def grant(member, categories, reason: tuple[str, str], notes: Q, fields=True) -> None:
        """fields=False: the categories open these notes only, not the person's fields."""
        allowed = set(categories) & rules.ROLE_CATEGORIES.get(member.role, frozenset())
        if fields:
            access.categories |= allowed
        access.note_filter |= notes & Q(category__in=allowed)
        access.membership = access.membership or member
        if reason[0] not in access.reason_ids:
            access.reason_ids.append(reason[0])
            reasons.append(reason[1])

    if members:
        for enrolment in (
            Enrolment.objects.filter(person=person, status=Status.ACTIVE)
            .filter(_unit_q("", orgs, teams))
            .select_related("programme", "organisation", "team")
        ):
            key = (
                ("organisation", enrolment.organisation_id)
                if enrolment.organisation_id
                else ("team", enrolment.team_id)
            )
            member = by_unit[key]
            unit_q = Q(organisation_id=enrolment.organisation_id, team_id=enrolment.team_id)
            grant(
                member,
                rules.ALL_CATEGORIES,
                (
                    f"enrolment:{enrolment.pk}",
                    _("inschrijving van %(unit)s (%(programme)s)")
                    % {"unit": enrolment.unit, "programme": enrolment.programme.name},
                ),
                unit_q,
            )
        for referral in (
            open_referrals()
            .filter(person=person)
            .filter(_unit_q("to_", orgs, teams))
            .select_related("from_organisation", "from_team")
        ):
            key = (
                ("organisation", referral.to_organisation_id)
                if referral.to_organisation_id
                else ("team", referral.to_team_id)
            )
            member = by_unit[key]
            sender_q = Q(
                organisation_id=referral.from_organisation_id, team_id=referral.from_team_id
            )
            own_q = Q(organisation_id=referral.to_organisation_id, team_id=referral.to_team_id)
            reason = (
                f"referral:{referral.pk}",
                _("doorverwijzing door %(unit)s") % {"unit": referral.sender},
            )
            grant(member, set(referral.categories), reason, sender_q)
            # The receiver's own notes in every category its role allows; the person's
            # fields only in the categories the referral shares.
            grant(member, rules.ALL_CATEGORIES, reason, own_q, fields=False)
        glass = BreakGlass.objects.filter(
            user=user, person=person, expires_at__gt=timezone.now()
        ).first()
        if glass:
            access.break_glass = True
            for member in members:
                grant(
                    member, rules.ALL_CATEGORIES, (f"break_glass:{glass.pk}", _("noodtoegang")), Q()
                )
    if citizen_person_id(user) == person.pk:
        access.own = True
        access.categories |= set(rules.ALL_CATEGORIES)
        access.reason_ids.append("own")
        reasons.append(_("je eigen gegevens"))
    if not reasons:
        return None
    access.reasons = reasons
    return access
