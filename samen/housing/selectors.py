"""Reads of the housing module: every one scoped to who asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import policy, rules
from samen.housing.models import CrisisAdmission, CrisisBed
from samen.registry.models import Person

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


def person_in_scope(user, pk: int):
    """One person of the user's files, or None."""
    return policy.scope_persons(user, Person.objects.filter(pk=pk)).first()


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


def crisis_figures(start: dt.date, end: dt.date, municipality=None) -> CrisisFigures:
    """crisis.admissions (starting in the period), crisis.persons (distinct persons with an
    admission starting in it) and crisis.nights (nights within it, whenever the stay
    began): null when the network has no admissions at all, 0 when none match. For one
    municipality: the beds there."""
    if not CrisisAdmission.objects.exists():
        return CrisisFigures(None, None, None)
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min), tz)
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), tz)
    admissions = CrisisAdmission.objects.all()
    if municipality is not None:
        admissions = admissions.filter(bed__partner__municipality=municipality)
    starting = admissions.filter(admitted_at__gte=since, admitted_at__lt=until)
    now = timezone.now()
    overlapping = admissions.filter(admitted_at__lt=until + dt.timedelta(days=1)).filter(
        Q(discharged_at__isnull=True) | Q(discharged_at__gt=since - dt.timedelta(days=1))
    )
    total = sum(
        1
        for a in overlapping.only("admitted_at", "discharged_at")
        for night in nights(a.admitted_at, a.discharged_at or now)
        if start <= night <= end
    )
    return CrisisFigures(starting.count(), starting.values("person_id").distinct().count(), total)


# --- Kracht.Wonen: the meldpunt ----------------------------------------------------------

MELDPUNT_TEAM = "meldpunt"


def is_meldpunt(user) -> bool:
    """A member (with a file role) of the regional meldpunt team."""
    return any(
        m.role in rules.FILE_ROLES and m.team_id and m.team.code == MELDPUNT_TEAM
        for m in policy.memberships(user)
    )


def household_of(person) -> QuerySet:
    """The other current members of the person's household(s)."""
    from samen.registry.models import HouseholdMember, Person

    households = HouseholdMember.objects.filter(person=person, end_date__isnull=True).values(
        "household_id"
    )
    members = HouseholdMember.objects.filter(household_id__in=households, end_date__isnull=True)
    return Person.objects.filter(pk__in=members.values("person_id")).exclude(pk=person.pk)


def situations_for(user) -> QuerySet:
    """The meldpunt team sees every reported situation; a service sees the ones it
    reported itself."""
    from samen.housing.models import Situation

    situations = Situation.objects.prefetch_related("persons").select_related(
        "organisation", "team", "reported_by"
    )
    if is_meldpunt(user):
        return situations
    members = [m for m in policy.memberships(user) if m.role in rules.FILE_ROLES]
    orgs = {m.organisation_id for m in members if m.organisation_id}
    teams = {m.team_id for m in members if m.team_id}
    return situations.filter(Q(organisation_id__in=orgs) | Q(team_id__in=teams))


def visible_needs(user, situation) -> list[str]:
    """The situation's needs, without a sensitive one (mental health, addiction) unless
    the user may see that category for every person in it."""
    from samen.housing.models import SENSITIVE_NEEDS

    accesses = [policy.person_access(user, p) for p in situation.persons.all()]
    return [
        need for need in situation.needs
        if need not in SENSITIVE_NEEDS
        or all(a is not None and a.sees(SENSITIVE_NEEDS[need]) for a in accesses)
    ]  # fmt: skip


@dataclass(frozen=True)
class Score:
    total: float
    parts: list[tuple[str, float]]  # (why, points), in Dutch


def priority_score(situation, today: dt.date | None = None) -> Score:
    """A transparent score: points for the months without a home (capped), for the
    vulnerability and for the urgency, each with its weight (SAMEN_KW_WEIGHTS)."""
    from django.conf import settings

    weights = settings.SAMEN_KW_WEIGHTS
    today = today or timezone.localdate()
    months = (
        (today.year - situation.homeless_since.year) * 12
        + (today.month - situation.homeless_since.month)
        - (today.day < situation.homeless_since.day)
    )
    months = max(0, min(months, weights["months_cap"]))
    per_month, per_v, per_u = (
        weights["per_month"],
        weights["per_vulnerability"],
        weights["per_urgency"],
    )
    parts = [
        (_("%(n)s maanden zonder thuis × %(w)s") % {"n": months, "w": f"{per_month:g}"},
         months * per_month),
        (_("kwetsbaarheid %(n)s/5 × %(w)s") % {"n": situation.vulnerability, "w": f"{per_v:g}"},
         situation.vulnerability * per_v),
        (_("urgentie %(n)s/5 × %(w)s") % {"n": situation.urgency, "w": f"{per_u:g}"},
         situation.urgency * per_u),
    ]  # fmt: skip
    return Score(round(sum(points for _why, points in parts), 1), parts)


def priority_list(user) -> list:
    """Open situations (no decision yet), highest score first; ties: reported first."""
    open_ = [s for s in situations_for(user).filter(decision="")]
    for situation in open_:
        situation.score = priority_score(situation)
    return sorted(open_, key=lambda s: (-s.score.total, s.reported_on, s.pk))


def consultations() -> QuerySet:
    from samen.housing.models import Consultation

    return Consultation.objects.prefetch_related("situations__persons")


@dataclass(frozen=True)
class MeldpuntFigures:
    situations: int | None
    persons: int | None
    offered: int | None
    consultations: int | None
    consultation_situations: int | None


def meldpunt_figures(start: dt.date, end: dt.date, municipality=None) -> MeldpuntFigures:
    """kw.meldpunt.situations / .persons / .offered (situations reported in the period,
    the distinct persons in them, those offered a Kracht.Wonen trajectory) and
    kw.crisis_consultations (held in the period) / .situations (distinct situations
    discussed in them). Null when the meldpunt has no records at all. For one municipality:
    the situations with a person living there, and only those persons."""
    from samen.housing.models import Consultation, Situation, SituationDecision

    if not Situation.objects.exists():
        return MeldpuntFigures(None, None, None, None, None)
    situations = Situation.objects.all()
    persons = Person.objects.filter(meldpunt_situations__reported_on__range=(start, end))
    held = Consultation.objects.filter(held_on__range=(start, end))
    if municipality is not None:
        situations = situations.filter(
            pk__in=Situation.objects.filter(persons__municipality=municipality).values("pk")
        )
        persons = persons.filter(municipality=municipality)
        held = held.filter(situations__in=situations).distinct()
    reported = situations.filter(reported_on__range=(start, end))
    return MeldpuntFigures(
        reported.count(),
        persons.distinct().count(),
        reported.filter(decision=SituationDecision.KRACHT_WONEN).count(),
        held.count(),
        situations.filter(consultations__in=held).distinct().count(),
    )


# --- Kracht.Wonen: the dwelling pool ------------------------------------------------------


def dwellings() -> QuerySet:
    """The pool, each dwelling with whether a household lives there now and its open offer."""
    from samen.housing.models import Dwelling, Occupation, Offer

    living = Occupation.objects.filter(dwelling=OuterRef("pk"), end__isnull=True)
    offered = Offer.objects.filter(dwelling=OuterRef("pk"), status="open")
    return Dwelling.objects.select_related("manager", "municipality").annotate(
        occupied=Exists(living), offered=Exists(offered)
    )


def dwelling_state(dwelling) -> dict:
    """Who lives in a dwelling now, its open offer, and the households before."""
    return {
        "occupation": dwelling.occupations.filter(end__isnull=True)
        .select_related("situation").first(),
        "offer": dwelling.offers.filter(status="open").select_related("situation").first(),
        "history": dwelling.occupations.exclude(end__isnull=True).select_related("situation"),
    }  # fmt: skip


def walk_in_points() -> QuerySet:
    from samen.housing.models import WalkInPoint

    return WalkInPoint.objects.select_related("municipality")


def candidates(dwelling) -> list:
    """Situations that fit a free dwelling, highest priority first: offered a Kracht.Wonen
    trajectory, not living in the pool, without an open offer; the household fits the
    places; accessible when needed; in one of the municipalities asked for (if any)."""
    from samen.housing.models import Occupation, Offer, Situation, SituationDecision

    living = Occupation.objects.filter(end__isnull=True).values("situation_id")
    offered = Offer.objects.filter(status="open").values("situation_id")
    situations = (
        Situation.objects.filter(decision=SituationDecision.KRACHT_WONEN)
        .exclude(pk__in=living)
        .exclude(pk__in=offered)
        .prefetch_related("persons", "municipalities")
    )
    fitting = [
        s for s in situations
        if s.persons.count() <= dwelling.places
        and (dwelling.accessible or not s.needs_accessible)
        and (not s.municipalities.all() or dwelling.municipality in s.municipalities.all())
    ]  # fmt: skip
    for situation in fitting:
        situation.score = priority_score(situation)
    return sorted(fitting, key=lambda s: (-s.score.total, s.reported_on, s.pk))


def vacancy_days(dwelling, start: dt.date, end: dt.date) -> int:
    """Days in [start, end] the dwelling was in the pool without a household."""
    first = max(start, dwelling.since)
    if first > end:
        return 0
    lived = set()
    for occupation in dwelling.occupations.all():
        a, b = max(first, occupation.start), min(end, occupation.end or end)
        lived |= {a + dt.timedelta(days=i) for i in range((b - a).days + 1)} if a <= b else set()
    return (end - first).days + 1 - len(lived)


@dataclass(frozen=True)
class PoolFigures:
    dwellings: int | None
    occupations: int | None
    outflow: dict | None
    waiting_accelerated_allocation: int | None


def pool_figures(start: dt.date, end: dt.date, municipality=None) -> PoolFigures:
    """kw.dwellings (in the pool on the period's last day, or today for the running
    year), kw.occupations (active at any time in it), kw.outflow (ended in it, by
    destination), kw.waiting_accelerated_allocation (active on its last day, waiting)."""
    from samen.housing.models import Dwelling, Occupation, Outflow

    if not Dwelling.objects.exists():
        return PoolFigures(None, None, None, None)
    last = min(end, timezone.localdate())
    dwellings, occupations = Dwelling.objects.all(), Occupation.objects.all()
    if municipality is not None:  # where the dwelling lies
        dwellings = dwellings.filter(municipality=municipality)
        occupations = occupations.filter(dwelling__municipality=municipality)
    active = occupations.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=start))
    on_last = occupations.filter(start__lte=last).filter(Q(end__isnull=True) | Q(end__gte=last))
    ended = occupations.filter(end__range=(start, end))
    return PoolFigures(
        dwellings.filter(since__lte=last).count(),
        active.count(),
        {o: ended.filter(outflow=o).count() for o in Outflow.values},
        on_last.filter(awaiting_accelerated_allocation=True).count(),
    )


# --- Eviction prevention and accelerated allocation ---------------------------------------


def _file_units(user) -> tuple[set[int], set[int]]:
    members = [m for m in policy.memberships(user) if m.role in rules.FILE_ROLES]
    return ({m.organisation_id for m in members if m.organisation_id},
            {m.team_id for m in members if m.team_id})  # fmt: skip


def eviction_reports_for(user) -> QuerySet:
    """Reports routed to the user's OCMW, and the ones the user reported."""
    from samen.housing.models import EvictionReport

    orgs, _teams = _file_units(user)
    return EvictionReport.objects.filter(Q(ocmw_id__in=orgs) | Q(reported_by=user)).select_related(
        "municipality", "ocmw"
    )


def ocmw_of(municipality):
    from samen.registry.models import Organisation

    return Organisation.objects.filter(kind="ocmw", municipality=municipality).first()


def accelerated_requests_for(user) -> QuerySet:
    """The requests filed by the user's units, for persons the user may see."""
    from samen.housing.models import AcceleratedAllocationRequest

    orgs, teams = _file_units(user)
    return (
        AcceleratedAllocationRequest.objects.filter(
            Q(organisation_id__in=orgs) | Q(team_id__in=teams)
        )
        .filter(person__in=policy.scope_persons(user, Person.objects.all()))
        .select_related("person", "company")
    )


@dataclass(frozen=True)
class HousingFigures:
    eviction_reports: int | None
    accelerated_allocation_requests: int | None


def housing_figures(start: dt.date, end: dt.date, municipality=None) -> HousingFigures:
    """housing.eviction_reports (received in the period) and
    housing.accelerated_allocation_requests (filed in it); null without any record. For
    one municipality: the tenant's."""
    from samen.housing.models import AcceleratedAllocationRequest, EvictionReport

    any_report = EvictionReport.objects.exists()
    any_request = AcceleratedAllocationRequest.objects.exists()
    reports = EvictionReport.objects.filter(received_on__range=(start, end))
    requests = AcceleratedAllocationRequest.objects.filter(filed_on__range=(start, end))
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
        requests = requests.filter(person__municipality=municipality)
    return HousingFigures(reports.count() if any_report else None,
                          requests.count() if any_request else None)  # fmt: skip


# --- The dedicated team -------------------------------------------------------------------

DEDICATED_TEAM = "dedicated"


def is_dedicated(user) -> bool:
    return any(
        m.role in rules.FILE_ROLES and m.team_id and m.team.code == DEDICATED_TEAM
        for m in policy.memberships(user)
    )


def trajectories_for(user) -> QuerySet:
    """The dedicated team sees its trajectories, for persons its members may see."""
    from samen.housing.models import GuidanceTrajectory

    if not is_dedicated(user):
        return GuidanceTrajectory.objects.none()
    return GuidanceTrajectory.objects.filter(
        person__in=policy.scope_persons(user, Person.objects.all())
    ).select_related("person", "member")


def caseload() -> list[tuple]:
    """Active trajectories per member of the dedicated team (no person data)."""
    from django.db.models import Count

    from samen.housing.models import GuidanceTrajectory

    rows = (
        GuidanceTrajectory.objects.filter(end__isnull=True)
        .values("member__username", "member__first_name", "member__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "member__username")
    )
    return [(f"{r['member__first_name']} {r['member__last_name']}".strip()
             or r["member__username"], r["n"]) for r in rows]  # fmt: skip


@dataclass(frozen=True)
class TrajectoryFigures:
    dedicated_team: int | None
    kracht_wonen: int | None


def trajectory_figures(start: dt.date, end: dt.date, municipality=None) -> TrajectoryFigures:
    """kw.trajectories.dedicated_team (active in the period, not for Kracht.Wonen) and
    kw.trajectories.kracht_wonen (active in it, for Kracht.Wonen residents)."""
    from samen.housing.models import GuidanceTrajectory

    if not GuidanceTrajectory.objects.exists():
        return TrajectoryFigures(None, None)
    active = GuidanceTrajectory.objects.filter(start__lte=end).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if municipality is not None:
        active = active.filter(person__municipality=municipality)
    return TrajectoryFigures(
        active.filter(kracht_wonen=False).count(), active.filter(kracht_wonen=True).count()
    )


# --- Woonclub -----------------------------------------------------------------------------

WOONCLUB_TEAM = "woonclub"


def is_woonclub(user) -> bool:
    return any(
        m.role in rules.FILE_ROLES and m.team_id and m.team.code == WOONCLUB_TEAM
        for m in policy.memberships(user)
    )


def may_record_listings(user) -> bool:
    """Volunteers record rental listings (and see nothing else); so does the team."""
    return is_woonclub(user) or bool(policy.roles(user) & rules.VOLUNTEERS)


def households_for(user) -> QuerySet:
    from samen.housing.models import WoonclubHousehold

    if not is_woonclub(user):
        return WoonclubHousehold.objects.none()
    return WoonclubHousehold.objects.filter(
        person__in=policy.scope_persons(user, Person.objects.all())
    ).select_related("person", "point")


def listings() -> QuerySet:
    from samen.housing.models import RentalListing

    return RentalListing.objects.select_related("municipality")


def suggestions(household) -> list:
    """Listings still available that fit: the rent within the configured share of the
    income, enough bedrooms (one for the adults, one per two children), in a municipality
    the household asked for (if any). Cheapest first: suggestions for the counsellor."""
    import math

    from django.conf import settings

    share = Decimal(str(settings.SAMEN_WOONCLUB_RENT_SHARE))
    bedrooms = (1 if household.adults else 0) + math.ceil(household.children / 2)
    wanted = list(household.municipalities.all())
    found = listings().filter(available=True, rent__lte=household.income * share,
                              bedrooms__gte=bedrooms)  # fmt: skip
    if wanted:
        found = found.filter(municipality__in=wanted)
    return list(found.order_by("rent", "-seen_on"))


@dataclass(frozen=True)
class WoonclubFigures:
    points: int | None
    new_households: int | None
    persons: int | None
    singles: int | None
    by_situation: dict | None
    housed: int | None
    search_days_avg: float | None
    reasons_pct: dict | None


def woonclub_figures(start: dt.date, end: dt.date, municipality=None) -> WoonclubFigures:
    """The woonclub.* figures of key-figures.md for the period (see there); households are
    counted once, at their first intake; persons are the adults and children recorded. For
    one municipality: its walk-in points and the households living there."""
    from samen.housing.models import HousingSituation, MoveReason, WalkInPoint, WoonclubHousehold

    if not WoonclubHousehold.objects.exists() and not WalkInPoint.objects.exists():
        return WoonclubFigures(None, None, None, None, None, None, None, None)
    points = WalkInPoint.objects.filter(active_from__lte=end).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=start)
    )
    households = WoonclubHousehold.objects.all()
    if municipality is not None:
        points = points.filter(municipality=municipality)
        households = households.filter(person__municipality=municipality)
    first_intake = {}  # a household is new at its first intake (one query, ordered)
    fields = ("person_id", "intake_on", "adults", "children", "situation", "reasons", "housed_on")
    for h in households.filter(intake_on__lte=end).order_by("intake_on", "pk").only(*fields):
        first_intake.setdefault(h.person_id, h)
    new = [h for h in first_intake.values() if h.intake_on >= start]
    housed_in_period = households.filter(housed_on__range=(start, end))
    days = [(h.housed_on - h.intake_on).days
            for h in housed_in_period.only("intake_on", "housed_on")]  # fmt: skip
    count = len(new)
    return WoonclubFigures(
        points.count(),
        count,
        sum(h.adults + h.children for h in new),
        sum(1 for h in new if h.adults == 1),
        {s: sum(1 for h in new if h.situation == s) for s in HousingSituation.values},
        sum(1 for h in new if h.housed_on and h.housed_on <= end),
        round(sum(days) / len(days), 1) if days else None,
        {
            r: round(100 * sum(1 for h in new if r in h.reasons) / count, 2) if count else 0.0
            for r in MoveReason.values
        },
    )


def planning(weeks: int = 8) -> QuerySet:
    """The walk-in points' duties from today on, for the coming weeks (names of staff and
    volunteers only)."""
    from samen.housing.models import Duty

    today = timezone.localdate()
    return Duty.objects.filter(on__range=(today, today + dt.timedelta(weeks=weeks))).select_related(
        "point__municipality", "user"
    )
