"""Reads of care. An intake and its rights are seen by whoever may open the person's file,
and by the partner a right is assigned to; the under-protection dashboard is counts only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from samen.access import policy
from samen.access import rules as access_rules
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


def gbo_figures(start: dt.date, end: dt.date, municipality=None) -> GboFigures:
    """care.gbo.intakes (intakes in the period) and care.gbo.rights_realised (rights
    identified at those intakes that are realised); for one municipality, the persons'."""
    if not Intake.objects.exists():
        return GboFigures(None, None)
    held = Intake.objects.filter(on__range=(start, end))
    if municipality is not None:
        held = held.filter(person__municipality=municipality)
    realised = RightCheck.objects.filter(intake__in=held, status="realised").count()
    return GboFigures(held.count(), realised)


# --- the volunteer database ---------------------------------------------------------------------


def own_volunteer(user):
    from samen.care.models import Volunteer

    return Volunteer.objects.filter(account=user).select_related("municipality").first()


def screened(volunteer, on: dt.date) -> bool:
    """A volunteer may be assigned with a certificate of good conduct of the last three
    years and insurance running on the day."""
    return bool(volunteer.good_conduct_on and volunteer.insured_from
                and volunteer.good_conduct_on >= on - dt.timedelta(days=3 * 365)
                and volunteer.insured_from <= on)  # fmt: skip


def suggestions(request, limit: int = 10) -> list[tuple]:
    """(volunteer, score, reasons) for a request: screened, active, free that day; scored
    by the skills asked (3 each), the same municipality (2), available that weekday (1)."""
    from samen.care.models import Assignment, Skill, Volunteer, Weekday

    that_day = Assignment.objects.filter(request__on=request.on)
    busy = set(that_day.values_list("volunteer_id", flat=True))
    taken = set(request.assignments.values_list("volunteer_id", flat=True))
    labels = dict(Skill.choices)
    found = []
    for volunteer in Volunteer.objects.filter(active=True).select_related("municipality"):
        if volunteer.pk in busy | taken or not screened(volunteer, request.on):
            continue
        reasons, score = [], 0
        for skill in set(request.skills) & set(volunteer.skills):
            score += 3
            reasons.append(str(labels.get(skill, skill)))
        if volunteer.municipality_id == request.municipality_id:
            score += 2
            reasons.append(str(volunteer.municipality))
        if request.on.weekday() in volunteer.weekdays:
            score += 1
            reasons.append(str(Weekday(request.on.weekday()).label))
        found.append((volunteer, score, reasons))
    found.sort(key=lambda row: (-row[1], row[0].last_name, row[0].first_name))
    return found[:limit]


def birthdays(month: int):
    from samen.care.models import Volunteer

    return Volunteer.objects.filter(active=True, birth_date__month=month).order_by(
        "birth_date__day", "last_name")  # fmt: skip


def volunteers_active(start: dt.date, end: dt.date, municipality=None) -> int | None:
    """care.volunteers.active: volunteers with at least one assignment in the period (for
    one municipality, the volunteers living there)."""
    from samen.care.models import Assignment, Volunteer

    if not Volunteer.objects.exists():
        return None
    done = Assignment.objects.filter(request__on__range=(start, end))
    if municipality is not None:
        done = done.filter(volunteer__municipality=municipality)
    return done.values("volunteer_id").distinct().count()


def insurer_rows(start: dt.date, end: dt.date) -> list[tuple]:
    """For the insurer: each volunteer with assignments in the period and their hours."""
    from django.db.models import Count, Sum
    from django.db.models.functions import Coalesce

    from samen.care.models import Volunteer

    in_period = Q(assignments__request__on__range=(start, end))
    worked = Coalesce("assignments__hours", "assignments__request__hours")  # logged, else planned
    rows = (Volunteer.objects.filter(in_period)
            .annotate(n=Count("assignments", filter=in_period),
                      h=Sum(worked, filter=in_period))
            .select_related("municipality").order_by("last_name", "first_name"))  # fmt: skip
    return [(v.last_name, v.first_name, v.birth_date, str(v.municipality), v.insured_from,
             v.n, v.h) for v in rows]  # fmt: skip


# --- Solentra -----------------------------------------------------------------------------------

SOLENTRA = "Solentra"  # the organisation that gives trauma care to refugees


def solentra_units(user) -> set[int]:
    """The user's Solentra organisation (as a worker with a file role), if any."""
    return {m.organisation_id for m in policy.file_memberships(user)
            if m.organisation_id and m.organisation.name == SOLENTRA}  # fmt: skip


def solentra_referrals(user):
    """Solentra's clients: open referrals (on a valid basis) to the user's Solentra."""
    return policy.open_referrals().filter(to_organisation__in=solentra_units(user)).select_related(
        "person", "from_organisation")  # fmt: skip


def referral_of(user, person_id: int):
    """The open referral of this person to Solentra that the user may write on."""
    return solentra_referrals(user).filter(person_id=person_id).order_by("-pk").first()


def consultations_seen_by_referrer(user, person_id: int):
    """What the referring organisation sees: the date, the kind and the summary Solentra
    chose to share — never the note."""
    from samen.care.models import Consultation

    mine = file_organisations(user)
    return (Consultation.objects.filter(person_id=person_id,
                                        referral__from_organisation__in=mine)
            .values("on", "kind", "shared_summary").order_by("-on"))  # fmt: skip


def solentra_consultations(start: dt.date, end: dt.date, municipality=None) -> int | None:
    """care.solentra.consultations: consultations held in the period (for one
    municipality, with persons living there)."""
    from samen.care.models import Consultation

    if not Consultation.objects.exists():
        return None
    held = Consultation.objects.filter(on__range=(start, end))
    if municipality is not None:
        held = held.filter(person__municipality=municipality)
    return held.count()


# --- Konekti ------------------------------------------------------------------------------------

KONEKTI, KONEKTI_PSY = "konekti", "konekti_psy"


def _in_team(user, code: str) -> bool:
    return any(m.team_id and m.team.code == code and m.role in access_rules.FILE_ROLES
               for m in policy.memberships(user))  # fmt: skip


def is_konekti(user) -> bool:
    return _in_team(user, KONEKTI)


def is_psychologist(user) -> bool:
    """A first-line psychologist of the team (a member of both Konekti teams)."""
    return is_konekti(user) and _in_team(user, KONEKTI_PSY)


def families_for(user):
    """The connection team's families: those whose members the team holds the file of."""
    from samen.care.models import Family

    if not is_konekti(user):
        return Family.objects.none()
    persons = policy.scope_persons(user, Person.objects.all())
    return Family.objects.filter(members__in=persons).distinct().select_related("connector")


def open_applications(user):
    from samen.care.models import Application

    if not is_konekti(user):
        return Application.objects.none()
    return Application.objects.filter(family__isnull=True).select_related("municipality")


def connectors():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__team__code=KONEKTI, memberships__role__in=list(access_rules.FILE_ROLES)
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


@dataclass(frozen=True)
class KonektiFigures:
    families: int | None
    days_to_first_contact_avg: float | None


def konekti_figures(start: dt.date, end: dt.date, municipality=None) -> KonektiFigures:
    """care.konekti.families (registered in the period) and the mean days from registration
    to first contact of those families (1 decimal; null when none was contacted yet). For
    one municipality: families with a member living there."""
    from samen.care.models import Family

    if not Family.objects.exists():
        return KonektiFigures(None, None)
    registered = Family.objects.filter(registered_on__range=(start, end))
    if municipality is not None:
        registered = registered.filter(members__municipality=municipality).distinct()
    registered = list(registered)
    days = [f.days_to_first_contact for f in registered if f.first_contact_on]
    average = round(sum(days) / len(days), 1) if days else None
    return KonektiFigures(len(registered), average)
