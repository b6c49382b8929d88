"""Every read of person data: already scoped by the access policy, and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from samen.access import audit, policy
from samen.access.models import AuditEntry, BreakGlass
from samen.access.policy import PersonAccess
from samen.registry import insz as insz_codec
from samen.registry.models import (
    Consent,
    Enrolment,
    ExternalId,
    HouseholdMember,
    Membership,
    Note,
    Organisation,
    Person,
    PersonMerge,
    Programme,
    Referral,
    ReferralStatus,
    Status,
    Team,
)
from samen.registry.normalise import fold

SEARCH_LIMIT = 50


def persons_search(
    user, *, name: str = "", birth_date: dt.date | None = None, insz: str = "", purpose: str
) -> list[Person]:
    """Search within the user's scope. One audit entry: the criteria used (not their
    values) and the ids found."""
    persons = policy.scope_persons(user, Person.objects.all())
    if insz:
        digest = insz_codec.hash_of(insz)
        persons = persons.filter(insz_hash=digest) if digest else persons.none()
    for word in name.split():
        folded = fold(word)
        persons = persons.filter(name_key__contains=folded) if folded else persons
    if birth_date:
        persons = persons.filter(birth_date=birth_date)
    found = list(persons.select_related("municipality")[:SEARCH_LIMIT])
    criteria = [k for k, v in (("name", name), ("birth_date", birth_date), ("insz", insz)) if v]
    audit.record(
        user,
        "search",
        purpose=purpose,
        detail={"criteria": criteria, "found": [p.pk for p in found]},
    )
    return found


def person_get(user, pk: int) -> tuple[Person, PersonAccess]:
    """The person and what the user may see of them, or 404 (never 403: a file outside
    one's scope does not exist for that user)."""
    person = (
        Person.objects.select_related("municipality", "reference_organisation", "merged_into")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    access = policy.person_access(user, person)
    if access is None:
        # An attempt outside one's scope is an access event too: the DPO sees it.
        audit.record(user, "denied", person, purpose="buiten toegang")
        raise Http404
    return person, access


def person_in_scope(user, pk: int) -> Person:
    """A person the user may act on (writes), without audit of a read."""
    return person_get(user, pk)[0]


@dataclass
class PersonFile:
    person: Person
    access: PersonAccess
    household: list[HouseholdMember]
    enrolments: list[Enrolment]
    referrals: list[Referral]
    consents: list[Consent]
    notes: list[Note]
    revisions: list
    merges: list[PersonMerge]

    def timeline(self) -> list[dict]:
        """Notes and what happened in the file, newest first, from what the user sees."""
        events = [
            {"at": n.created_at, "kind": "note", "unit": n.unit, "note": n} for n in self.notes
        ]
        for e in self.enrolments:
            events.append(
                {"at": _start_of(e.start_date), "kind": "enrolment", "unit": e.unit, "item": e}
            )
        for r in self.referrals:
            events.append({"at": r.sent_at, "kind": "referral", "unit": r.sender, "item": r})
        for c in self.consents:
            events.append({"at": c.given_at, "kind": "consent", "unit": c.holder, "item": c})
            if c.withdrawn_at:
                events.append(
                    {"at": c.withdrawn_at, "kind": "withdrawal", "unit": c.holder, "item": c}
                )
        return sorted(events, key=lambda e: e["at"], reverse=True)  # fmt: skip


def _start_of(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


CONTACT_FIELDS = ("phone", "email", "street", "house_number", "postcode", "city")


def _masked(person: Person, access: PersonAccess) -> Person:
    """The person's own fields as this user may see them: what the granted categories do
    not cover is blanked here (the instance is never saved), so no page or export can
    show it whatever its template does."""
    if not access.sees("contact"):
        for name in CONTACT_FIELDS:
            setattr(person, name, "")
        person.municipality = person.reference_organisation = None
    if not access.sees("identity"):
        person.insz_encrypted = ""
    return person


def person_file(user, pk: int, *, purpose: str = "") -> PersonFile:
    person, access = person_get(user, pk)
    person = _masked(person, access)
    audit.record(
        user,
        "view",
        person,
        purpose=purpose or "dossier",
        membership=access.membership,
        detail={"via": access.reason_ids[:5]},
    )
    return PersonFile(
        person=person,
        access=access,
        household=household_of(person),
        enrolments=_enrolments(person, access),
        referrals=_referrals(person, access),
        consents=_consents(person, access),
        notes=list(
            Note.objects.filter(person=person)
            .filter(access.note_filter)
            .select_related("organisation", "team", "author")
        )
        if not access.own
        else [],
        revisions=list(person.revisions.all()[:20]) if access.sees("basic") else [],
        merges=list(PersonMerge.objects.filter(kept=person).select_related("merged")),
    )


def household_of(person: Person) -> list[HouseholdMember]:
    link = person.household_links.filter(end_date__isnull=True).first()
    if not link:
        return []
    return list(
        HouseholdMember.objects.filter(
            household_id=link.household_id, end_date__isnull=True
        ).select_related("person")
    )


def _enrolments(person: Person, access: PersonAccess) -> list[Enrolment]:
    enrolments = Enrolment.objects.filter(person=person).select_related(
        "programme", "organisation", "team", "consent"
    )
    if access.own:
        return list(enrolments)
    # Another unit's enrolment shows only when its programme's category is granted.
    return list(
        enrolments.filter(
            access.unit_filter | Q(programme__sensitive_category__in=access.categories)
        )
    )


def _referrals(person: Person, access: PersonAccess) -> list[Referral]:
    referrals = Referral.objects.filter(person=person).select_related(
        "programme", "from_organisation", "from_team", "to_organisation", "to_team", "consent"
    )
    if access.own:
        return list(referrals)
    mine = Q(
        from_organisation_id__in=_ids(access, "organisation"), from_organisation__isnull=False
    ) | Q(from_team_id__in=_ids(access, "team"), from_team__isnull=False)
    mine |= Q(
        to_organisation_id__in=_ids(access, "organisation"), to_organisation__isnull=False
    ) | Q(to_team_id__in=_ids(access, "team"), to_team__isnull=False)
    return list(referrals.filter(mine))


def _consents(person: Person, access: PersonAccess) -> list[Consent]:
    consents = Consent.objects.filter(person=person).select_related(
        "purpose", "organisation", "team", "recipient_organisation", "recipient_team"
    )
    if access.own:
        return list(consents)
    orgs, teams = _ids(access, "organisation"), _ids(access, "team")
    return list(
        consents.filter(
            Q(organisation_id__in=orgs) | Q(team_id__in=teams)
            | Q(recipient_organisation_id__in=orgs) | Q(recipient_team_id__in=teams)
        )
    )  # fmt: skip


def _ids(access: PersonAccess, kind: str) -> set[int]:
    return access.unit_ids[kind]


def referrals_inbox(user) -> QuerySet[Referral]:
    """Referrals waiting for an answer from one of the user's units."""
    members = policy.file_memberships(user)
    orgs = {m.organisation_id for m in members if m.organisation_id}
    teams = {m.team_id for m in members if m.team_id}
    return (
        policy.open_referrals()
        .filter(status=ReferralStatus.SENT)
        .filter(Q(to_organisation_id__in=orgs) | Q(to_team_id__in=teams))
        .select_related("person", "programme", "from_organisation", "from_team")
    )


def recent_persons(user, limit: int = 10) -> list[Person]:
    """Files this user opened lately (from the audit trail: ids only, re-scoped)."""
    ids = list(
        AuditEntry.objects.filter(user_id=user.pk, action="view", person_id__isnull=False)
        .order_by("-seq")
        .values_list("person_id", flat=True)[:100]
    )
    ordered = list(dict.fromkeys(ids))[:limit]
    persons = {p.pk: p for p in policy.scope_persons(user, Person.objects.filter(pk__in=ordered))}
    return [persons[i] for i in ordered if i in persons]


def person_export(user, pk: int) -> dict:
    """Everything held on one person (GDPR art. 15), as one JSON-ready bundle.

    Each controller answers for its own processing: a worker exports what their units hold
    and see (the same scope as the file); the person themself gets every record and every
    access to their data, but the professionals' notes through a worker, who checks them
    for other people's data first (docs/decisions.md)."""
    person, access = person_get(user, pk)
    person = _masked(person, access)
    audit.record(user, "export", person, purpose="gdpr", membership=access.membership)
    fields = (
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "language",
        "phone",
        "email",
        "address_kind",
        "street",
        "house_number",
        "postcode",
        "city",
    )
    accesses = AuditEntry.objects.filter(person_id=person.pk).order_by("seq")
    if not access.own:
        units = [f"organisation:{i}" for i in access.unit_ids["organisation"]]
        units += [f"team:{i}" for i in access.unit_ids["team"]]
        accesses = accesses.filter(unit__in=units)
    notes = Note.objects.filter(person=person).filter(access.note_filter)
    return {
        "persoon": {
            **{f: _json(getattr(person, f)) for f in fields},
            "gemeente": str(person.municipality or ""),
            "rijksregisternummer": person.insz,
            "beperkt_sinds": _json(person.restricted_at),
        },
        "gezin": [
            {"persoon": str(m.person), "relatie": m.relation, "vanaf": _json(m.start_date)}
            for m in household_of(person)
        ],
        "inschrijvingen": [
            {"programma": e.programme.name, "eigenaar": str(e.unit), "rechtsgrond": e.legal_basis,
             "status": e.status, "start": _json(e.start_date), "einde": _json(e.end_date)}
            for e in _enrolments(person, access)
        ],
        "doorverwijzingen": [
            {"van": str(r.sender), "naar": str(r.receiver), "programma": r.programme.name,
             "reden": r.reason, "rechtsgrond": r.legal_basis, "categorieën": r.categories,
             "status": r.status, "verstuurd": _json(r.sent_at)}
            for r in _referrals(person, access)
        ],
        "toestemmingen": [
            {"doel": c.purpose.name, "houder": str(c.holder), "ontvanger": str(c.recipient),
             "categorieën": c.categories, "door_ouder_of_voogd": c.given_by_guardian,
             "gegeven": _json(c.given_at), "ingetrokken": _json(c.withdrawn_at)}
            for c in _consents(person, access)
        ],
        "notities": [
            {"organisatie": str(n.unit), "categorie": n.category, "tekst": n.text,
             "datum": _json(n.created_at)}
            for n in notes.select_related("organisation", "team")
        ],
        "wijzigingen": [
            {"datum": _json(r.changed_at), "wijzigingen": r.changes}
            for r in person.revisions.all()
        ],
        "toegangen": [
            {"datum": _json(a.at), "actie": a.action, "rol": a.role, "eenheid": a.unit,
             "doel": a.purpose}
            for a in accesses
        ],
    }  # fmt: skip


def _json(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def possible_duplicates(user) -> list[list[Person]]:
    """Groups of current persons sharing normalised name and birth date."""
    groups = (
        Person.objects.current().exclude(birth_date__isnull=True)
        .values("name_key", "birth_date").annotate(n=Count("pk")).filter(n__gt=1)
        .order_by("name_key")
    )  # fmt: skip
    result = []
    for group in groups[:200]:
        result.append(list(
            Person.objects.current().filter(name_key=group["name_key"],
                                             birth_date=group["birth_date"])
            .select_related("municipality").order_by("pk")
        ))  # fmt: skip
    if result:
        audit.record(
            user,
            "duplicates_list",
            purpose="registerbeheer",
            detail={"groups": [[p.pk for p in g] for g in result]},
        )
    return result


def merges_recent() -> QuerySet[PersonMerge]:
    return PersonMerge.objects.select_related("kept", "merged").order_by("-merged_at")[:50]


def units_for_referral() -> tuple[QuerySet[Organisation], QuerySet[Team]]:
    return Organisation.objects.order_by("name"), Team.objects.order_by("name")


def programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("name")


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    )


def break_glass_active(user, person: Person) -> BreakGlass | None:
    return BreakGlass.objects.filter(user=user, person=person).order_by("-opened_at").first()


SMALL_CELL = 5


def enrolment_totals() -> list[dict]:
    """Distinct persons with an active enrolment, per programme (aggregates only)."""
    from samen.registry.models import Status

    rows = (
        Enrolment.objects.filter(status=Status.ACTIVE)
        .values("programme__name")
        .annotate(persons=Count("person", distinct=True))
        .order_by("programme__name")
    )
    return [{"programme": r["programme__name"], "persons": r["persons"]} for r in rows]


def enrolment_totals_by_municipality() -> list[dict]:
    """The same per municipality, cells under 5 suppressed (they could single someone out)."""
    from samen.registry.models import Status

    rows = (
        Enrolment.objects.filter(status=Status.ACTIVE)
        .values("person__municipality__name")
        .annotate(persons=Count("person", distinct=True))
        .order_by("person__municipality__name")
    )
    return [
        {"municipality": r["person__municipality__name"] or "—",
         "persons": r["persons"] if r["persons"] >= SMALL_CELL else None}
        for r in rows
    ]  # fmt: skip


def person_known_state(user, person_id: int) -> tuple[bool, bool]:
    """For 'known in the region': is the person in the user's scope, and does anybody
    follow the person now (an active enrolment)? Two booleans, nothing else."""
    in_scope = policy.scope_persons(user, Person.objects.filter(pk=person_id)).exists()
    followed = Enrolment.objects.filter(person_id=person_id, status="active").exists()
    return in_scope, followed


def person_by_token_id(person_id: int) -> Person:
    """The person a signed, user-bound token names (see registry/views.py)."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def household_candidates(user, *, exclude: int) -> QuerySet[Person]:
    return policy.scope_persons(user, Person.objects.exclude(pk=exclude))


def merge_pair(kept_id: int, merged_id: int) -> tuple[Person, Person]:
    """Two current persons for a programme lead's merge (identification only)."""
    persons = Person.objects.current().in_bulk([kept_id, merged_id])
    if kept_id not in persons or merged_id not in persons:
        raise Http404
    return persons[kept_id], persons[merged_id]


def consents_to_refer_on(user, person: Person) -> QuerySet[Consent]:
    """Active consents a unit of the user holds for this person: a referral on consent
    rests on a consent the referring unit recorded itself."""
    members = policy.file_memberships(user)
    return (
        Consent.objects.filter(person=person, withdrawn_at__isnull=True)
        .filter(
            Q(organisation_id__in=[m.organisation_id for m in members if m.organisation_id])
            | Q(team_id__in=[m.team_id for m in members if m.team_id])
        )
        .select_related("purpose", "recipient_organisation", "recipient_team")
    )


# --- matching for imports: ids only, and deliberately not scoped (a match with a person
# the importer cannot see is linked without revealing anything of that file) -------------


def match_by_insz(digest: str) -> int | None:
    found = Person.objects.filter(insz_hash=digest).values_list("pk", "merged_into_id").first()
    return (found[1] or found[0]) if found else None


def match_by_external_id(source: str, extern_id: str) -> int | None:
    return (
        ExternalId.objects.filter(source=source, extern_id=extern_id)
        .values_list("person_id", flat=True)
        .first()
    )


def match_by_name(
    name_key: str,
    birth_date,
    *,
    insz_digest: str | None = None,
    source: str = "",
    without_external_id: bool = False,
) -> list[tuple]:
    """(id, insz hash) of current persons with this name and birth date; with an INSZ,
    only those without another INSZ; with an extern_id, only those without one in that
    register."""
    matches = list(
        Person.objects.current().filter(name_key=name_key, birth_date=birth_date)
        .values_list("pk", "insz_hash")[:3]
    )  # fmt: skip
    if insz_digest:
        matches = [m for m in matches if m[1] in (None, insz_digest)]
    if without_external_id:
        taken = set(ExternalId.objects.filter(
            source=source, person_id__in=[m[0] for m in matches]
        ).values_list("person_id", flat=True))  # fmt: skip
        matches = [m for m in matches if m[0] not in taken]
    return matches


def person_for_import(pk: int) -> Person:
    return Person.objects.get(pk=pk)


def has_active_enrolment(person: Person, programme: Programme, unit) -> bool:
    unit_filter = (
        Q(organisation=unit, team__isnull=True) if isinstance(unit, Organisation)
        else Q(team=unit, organisation__isnull=True)
    )  # fmt: skip
    return Enrolment.objects.filter(
        unit_filter, person=person, programme=programme, status="active"
    ).exists()


def organisation_named(name: str, municipality) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name, municipality=municipality).first()


def retention_due(today: dt.date) -> list[int]:
    """Persons whose file is closed longer than its programmes keep it: every enrolment
    closed, and each one's end date plus its programme's retention period before today.
    Persons merged into another follow the one they were merged into."""
    from django.db.models import Exists, OuterRef

    open_or_recent = Enrolment.objects.filter(person=OuterRef("pk")).filter(
        Q(status=Status.ACTIVE) | Q(end_date__isnull=True) | Q(pk__in=_still_kept(today))
    )
    return list(
        Person.objects.current()
        .filter(anonymised_at__isnull=True, enrolments__isnull=False)
        .exclude(Exists(open_or_recent))
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _still_kept(today: dt.date):
    """Closed enrolments still within their programme's retention period."""
    kept = Q(pk__in=[])
    for years in Programme.objects.values_list("retention_years", flat=True).distinct():
        try:
            cutoff = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - years, day=28)
        kept |= Q(programme__retention_years=years, end_date__gte=cutoff)
    return Enrolment.objects.filter(kept).values("pk")
