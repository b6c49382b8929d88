"""Every write to the registry: keyword-only, atomic, validated, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import audit, policy, rules
from samen.core.services import notification_send, unit_members
from samen.registry import insz as insz_codec
from samen.registry.models import (
    AddressKind,
    Consent,
    Enrolment,
    ExternalId,
    Household,
    HouseholdMember,
    LegalBasis,
    Membership,
    Note,
    Person,
    PersonMerge,
    PersonRevision,
    Programme,
    Referral,
    ReferralStatus,
    Status,
)

PERSON_FIELDS = (
    "first_name", "last_name", "birth_date", "sex", "language", "phone", "email",
    "address_kind", "street", "house_number", "postcode", "city", "municipality",
    "reference_organisation",
)  # fmt: skip


class KnownInRegion(Exception):
    """The INSZ belongs to a person already in the registry. Carries only the id, which
    the caller must not show: it is used to offer a referral request, nothing else."""

    def __init__(self, person_id: int):
        super().__init__("known in region")
        self.person_id = person_id


def _unit_kwargs(unit, prefix: str = "") -> dict:
    from samen.registry.models import Organisation, Team

    if isinstance(unit, Organisation):
        return {f"{prefix}organisation": unit, f"{prefix}team": None}
    if isinstance(unit, Team):
        return {f"{prefix}organisation": None, f"{prefix}team": unit}
    raise ValidationError(_("Kies een organisatie of team."))


def _ensure_file_member(actor, membership: Membership) -> None:
    if membership not in policy.file_memberships(actor):
        raise PermissionDenied


def _ensure_not_restricted(person: Person) -> None:
    if Person.objects.filter(pk=person.pk, restricted_at__isnull=False).exists():
        raise ValidationError(
            _("De verwerking van dit dossier is beperkt: er kan niets gewijzigd worden.")
        )


NULLABLE_FIELDS = {"birth_date", "municipality", "reference_organisation"}


def _apply_person_fields(person: Person, data: dict) -> None:
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            if value in ("", None):
                value = None if name in NULLABLE_FIELDS else ""
            setattr(person, name, value)
    if person.address_kind != AddressKind.REFERENCE:
        person.reference_organisation = None


@transaction.atomic
def person_create(
    *,
    actor,
    membership: Membership,
    data: dict,
    insz: str = "",
    programme: Programme,
    legal_basis: str,
    basis_note: str = "",
    purpose: str = "",
) -> Person:
    """A new person, enrolled in the creator's unit (otherwise nobody could see the file).
    An INSZ already in the region raises KnownInRegion and creates nothing."""
    _ensure_file_member(actor, membership)
    if membership.role not in rules.CREATE_PERSON:
        raise PermissionDenied
    if legal_basis == LegalBasis.CONSENT:
        raise ValidationError(
            {"legal_basis": _("Registreer eerst de persoon; een toestemming volgt daarna.")}
        )
    person = Person()
    _apply_person_fields(person, data)
    if insz:
        compact = insz_codec.validate(insz)
        existing = Person.objects.filter(insz_hash=insz_codec.keyed_hash(compact)).first()
        if existing:
            raise KnownInRegion(existing.merged_into_id or existing.pk)
        person.set_insz(compact)
    person.full_clean()
    person.save()
    enrolment_create(
        actor=actor, membership=membership, person=person, programme=programme,
        legal_basis=legal_basis, basis_note=basis_note, purpose=purpose or programme.code,
    )  # fmt: skip
    audit.record(actor, "create", person, purpose=purpose or programme.code, membership=membership)
    return person


@transaction.atomic
def person_update(
    *, actor, person: Person, data: dict, insz: str | None = None, purpose: str = ""
) -> Person:
    """Rectification: the change and its history (old → new) in one step."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    _ensure_not_restricted(person)
    before = {name: _plain(getattr(person, name)) for name in PERSON_FIELDS}
    _apply_person_fields(person, data)
    changes = {
        name: [before[name], _plain(getattr(person, name))]
        for name in PERSON_FIELDS
        if before[name] != _plain(getattr(person, name))
    }
    if insz:
        compact = insz_codec.validate(insz)
        digest = insz_codec.keyed_hash(compact)
        if digest != person.insz_hash:
            if Person.objects.filter(insz_hash=digest).exclude(pk=person.pk).exists():
                raise ValidationError(
                    {"insz": _("Dit rijksregisternummer hoort al bij een andere persoon.")}
                )
            person.set_insz(compact)
            changes["insz"] = ["gewijzigd", "gewijzigd"]
    if not changes:
        return person
    person.full_clean()
    person.save()
    PersonRevision.objects.create(person=person, changed_by=actor, changes=changes)
    audit.record(actor, "update", person, purpose=purpose, detail={"fields": sorted(changes)})
    return person


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def person_restrict(*, actor, person: Person, reason: str) -> Person:
    """GDPR art. 18: the file stays but cannot be changed until the restriction is lifted."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de beperking.")})
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.restricted_at, person.restriction_reason = timezone.now(), reason
    person.save(update_fields=["restricted_at", "restriction_reason", "updated_at"])
    audit.record(actor, "restrict", person, purpose="gdpr")
    return person


@transaction.atomic
def person_lift_restriction(*, actor, person: Person) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.restricted_at, person.restriction_reason = None, ""
    person.save(update_fields=["restricted_at", "restriction_reason", "updated_at"])
    audit.record(actor, "lift_restriction", person, purpose="gdpr")
    return person


@transaction.atomic
def enrolment_create(
    *,
    actor,
    membership: Membership,
    person: Person,
    programme: Programme,
    legal_basis: str,
    consent: Consent | None = None,
    basis_note: str = "",
    start_date: dt.date | None = None,
    purpose: str = "",
) -> Enrolment:
    allowed = rules.FILE_ROLES | rules.IMPORT_PERSONS  # an administrator may import a register
    if membership not in policy.memberships(actor) or membership.role not in allowed:
        raise PermissionDenied
    _ensure_not_restricted(person)
    enrolment = Enrolment(
        person=person, programme=programme, legal_basis=legal_basis, consent=consent,
        basis_note=basis_note, start_date=start_date or timezone.localdate(), created_by=actor,
        **_unit_kwargs(membership.unit),
    )  # fmt: skip
    enrolment.full_clean()
    enrolment.save()
    audit.record(
        actor, "create", enrolment, purpose=purpose or programme.code, membership=membership
    )
    return enrolment


@transaction.atomic
def enrolment_close(*, actor, enrolment: Enrolment, end_date: dt.date | None = None) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Status.CLOSED:
        raise ValidationError(_("Deze inschrijving is al afgesloten."))
    enrolment.status, enrolment.end_date = Status.CLOSED, end_date or timezone.localdate()
    enrolment.full_clean()
    enrolment.save()
    audit.record(actor, "close", enrolment, purpose=enrolment.programme.code)
    return enrolment


@transaction.atomic
def consent_record(
    *,
    actor,
    membership: Membership,
    person: Person,
    purpose: Programme,
    recipient,
    categories: list[str],
    given_by_guardian: bool = False,
    guardian_name: str = "",
) -> Consent:
    _ensure_file_member(actor, membership)
    _ensure_not_restricted(person)
    consent = Consent(
        person=person, purpose=purpose, categories=sorted(set(categories)),
        given_by_guardian=given_by_guardian, guardian_name=guardian_name, recorded_by=actor,
        **_unit_kwargs(membership.unit), **_unit_kwargs(recipient, "recipient_"),
    )  # fmt: skip
    consent.full_clean()
    consent.save()
    audit.record(actor, "consent_given", consent, purpose=purpose.code, membership=membership)
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    """Ends what rests on this consent — its referrals — not the receivers' own enrolments."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    consent.withdrawn_at, consent.withdrawn_by = timezone.now(), actor
    consent.save()
    audit.record(actor, "consent_withdrawn", consent, purpose=consent.purpose.code)
    for referral in Referral.objects.filter(consent=consent, status__in=ReferralStatus.values):
        if referral.is_open:
            _referral_end(actor, referral, ReferralStatus.REVOKED, _("toestemming ingetrokken"))
    return consent


@transaction.atomic
def referral_create(
    *,
    actor,
    membership: Membership,
    person: Person,
    receiver,
    programme: Programme,
    reason: str,
    legal_basis: str,
    categories: list[str],
    consent: Consent | None = None,
    justification: str = "",
) -> Referral:
    _ensure_file_member(actor, membership)
    _ensure_not_restricted(person)
    if receiver == membership.unit:
        raise ValidationError({"receiver": _("Je kan niet naar je eigen organisatie verwijzen.")})
    referral = Referral(
        person=person, programme=programme, reason=reason, legal_basis=legal_basis,
        consent=consent if legal_basis == LegalBasis.CONSENT else None,
        justification=justification, categories=sorted(set(categories)), sent_by=actor,
        **_unit_kwargs(membership.unit, "from_"), **_unit_kwargs(receiver, "to_"),
    )  # fmt: skip
    referral.full_clean()
    referral.save()
    audit.record(actor, "refer", referral, purpose=programme.code, membership=membership)
    notification_send(
        users=unit_members(
            organisation_id=referral.to_organisation_id, team_id=referral.to_team_id,
            roles=rules.FILE_ROLES,
        ),
        kind="referral_received",
        text=_("Nieuwe doorverwijzing van %(sender)s (%(programme)s)")
        % {"sender": membership.unit, "programme": programme.name},
        url=reverse("person_detail", args=[person.pk]),
    )  # fmt: skip
    return referral


def _receiver_member(actor, referral: Referral) -> Membership:
    for member in policy.file_memberships(actor):
        if (member.organisation_id, member.team_id) == (
            referral.to_organisation_id, referral.to_team_id,
        ):  # fmt: skip
            return member
    raise PermissionDenied


def _sender_member(actor, referral: Referral) -> Membership:
    for member in policy.file_memberships(actor):
        if (member.organisation_id, member.team_id) == (
            referral.from_organisation_id, referral.from_team_id,
        ):  # fmt: skip
            return member
    raise PermissionDenied


@transaction.atomic
def referral_answer(*, actor, referral: Referral, accept: bool, note: str = "") -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    member = _receiver_member(actor, referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Deze doorverwijzing is al beantwoord."))
    if not accept and not note.strip():
        raise ValidationError({"answer_note": _("Geef de reden van de weigering.")})
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.REFUSED
    referral.answered_at, referral.answer_note = timezone.now(), note
    referral.save()
    audit.record(
        actor,
        "referral_accepted" if accept else "referral_refused",
        referral,
        purpose=referral.programme.code,
        membership=member,
    )
    notification_send(
        users=[referral.sent_by],
        kind="referral_answered",
        text=(_("Doorverwijzing aanvaard door %(unit)s") if accept
              else _("Doorverwijzing geweigerd door %(unit)s")) % {"unit": referral.receiver},
        url=reverse("person_detail", args=[referral.person_id]),
    )  # fmt: skip
    return referral


@transaction.atomic
def referral_close(*, actor, referral: Referral) -> Referral:
    """The receiver closes a referral it has finished with; the sender may revoke it."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    try:
        _receiver_member(actor, referral)
        status = ReferralStatus.CLOSED
    except PermissionDenied:
        _sender_member(actor, referral)
        status = ReferralStatus.REVOKED
    if not referral.is_open:
        raise ValidationError(_("Deze doorverwijzing is niet meer open."))
    return _referral_end(actor, referral, status, "")


def _referral_end(actor, referral: Referral, status: str, note: str) -> Referral:
    referral.status, referral.ended_at = status, timezone.now()
    if note:
        referral.answer_note = note
    referral.save()
    audit.record(actor, f"referral_{status}", referral, purpose=referral.programme.code)
    return referral


@transaction.atomic
def note_create(
    *, actor, membership: Membership, person: Person, category: str, text: str, purpose: str = ""
) -> Note:
    _ensure_file_member(actor, membership)
    _ensure_not_restricted(person)
    if category not in rules.ROLE_CATEGORIES.get(membership.role, ()):
        raise ValidationError({"category": _("Jouw rol mag deze categorie niet gebruiken.")})
    note = Note(
        person=person, category=category, text=text, author=actor, **_unit_kwargs(membership.unit)
    )
    note.full_clean()
    note.save()
    audit.record(actor, "create", note, purpose=purpose, membership=membership)
    return note


@transaction.atomic
def household_add_member(
    *, actor, person: Person, member: Person, relation: str, head_relation: str = "head"
) -> Household:
    """Put `member` in `person`'s current household (one is made when there is none)."""
    _ensure_not_restricted(person)
    if member.pk == person.pk:
        raise ValidationError({"member": _("Een persoon is al lid van het eigen gezin.")})
    link = person.household_links.filter(end_date__isnull=True).select_related("household").first()
    if link:
        household = link.household
    else:
        household = Household.objects.create()
        HouseholdMember.objects.create(household=household, person=person, relation=head_relation)
    if household.members.filter(person=member, end_date__isnull=True).exists():
        raise ValidationError({"member": _("Deze persoon is al lid van dit gezin.")})
    membership = HouseholdMember(household=household, person=member, relation=relation)
    membership.full_clean()
    membership.save()
    audit.record(
        actor, "household_add", membership, person_id=person.pk, detail={"member": member.pk}
    )
    return household


@transaction.atomic
def household_end_member(*, actor, link: HouseholdMember) -> HouseholdMember:
    _ensure_not_restricted(link.person)
    link.end_date = timezone.localdate()
    link.save(update_fields=["end_date"])
    audit.record(actor, "household_end", link, person_id=link.person_id)
    return link


@transaction.atomic
def external_id_link(*, source: str, extern_id: str, person: Person) -> ExternalId:
    link, _created = ExternalId.objects.get_or_create(
        source=source, extern_id=extern_id, defaults={"person": person}
    )
    if link.person_id != person.pk:
        raise ValidationError(_("Dit extern id hoort al bij een andere persoon."))
    return link


# --- duplicates ------------------------------------------------------------------------

MERGED_RELATIONS = {
    "enrolment": Enrolment, "referral": Referral, "note": Note, "consent": Consent,
    "householdmember": HouseholdMember, "externalid": ExternalId,
}  # fmt: skip


@transaction.atomic
def person_merge(*, actor, kept: Person, merged: Person) -> PersonMerge:
    """Everything of `merged` follows to `kept`; `merged` stays as a pointer, so the merge
    can be undone exactly (the moved ids are recorded)."""
    if not policy.has_role(actor, rules.MERGE_PERSONS):
        raise PermissionDenied
    if kept.pk == merged.pk:
        raise ValidationError(_("Kies twee verschillende personen."))
    kept, merged = (Person.objects.select_for_update().get(pk=p.pk) for p in (kept, merged))
    if kept.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("Een van beide personen is al samengevoegd."))
    moved = {}
    for name, model in MERGED_RELATIONS.items():
        ids = list(model.objects.filter(person=merged).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(person=kept)
        moved[name] = ids
    if merged.insz_hash and not kept.insz_hash:
        kept.insz_encrypted, kept.insz_hash = merged.insz_encrypted, merged.insz_hash
        merged.insz_hash = None
        moved["insz"] = True
        merged.save(update_fields=["insz_hash"])
        kept.save(update_fields=["insz_encrypted", "insz_hash"])
    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    merge = PersonMerge.objects.create(kept=kept, merged=merged, merged_by=actor, moved=moved)
    audit.record(actor, "merge", merge, person_id=kept.pk, detail={"merged": merged.pk})
    return merge


@transaction.atomic
def person_merge_undo(*, actor, merge: PersonMerge) -> PersonMerge:
    if not policy.has_role(actor, rules.MERGE_PERSONS):
        raise PermissionDenied
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError(_("Deze samenvoeging is al ongedaan gemaakt."))
    for name, model in MERGED_RELATIONS.items():
        model.objects.filter(pk__in=merge.moved.get(name, [])).update(person=merge.merged)
    if merge.moved.get("insz"):
        kept = merge.kept
        Person.objects.filter(pk=merge.merged_id).update(
            insz_encrypted=kept.insz_encrypted, insz_hash=None
        )
        digest = kept.insz_hash
        Person.objects.filter(pk=kept.pk).update(insz_encrypted="", insz_hash=None)
        Person.objects.filter(pk=merge.merged_id).update(insz_hash=digest)
    Person.objects.filter(pk=merge.merged_id).update(merged_into=None)
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    audit.record(
        actor, "merge_undo", merge, person_id=merge.kept_id, detail={"merged": merge.merged_id}
    )
    return merge


@transaction.atomic
def referral_request(*, actor, membership: Membership, person_id: int) -> int:
    """'Known in the region': ask the units that follow this person for a referral, without
    telling the asker who they are. Returns how many units were asked."""
    _ensure_file_member(actor, membership)
    holders = (
        Enrolment.objects.filter(person_id=person_id, status=Status.ACTIVE)
        .values_list("organisation_id", "team_id")
        .distinct()
    )
    url = reverse("person_detail", args=[person_id])
    for organisation_id, team_id in holders:
        notification_send(
            users=unit_members(organisation_id=organisation_id, team_id=team_id,
                               roles=rules.FILE_ROLES),
            kind="referral_requested",
            text=_("%(unit)s vraagt een doorverwijzing voor een persoon die jullie volgen")
            % {"unit": membership.unit},
            url=url,
        )  # fmt: skip
    person = Person.objects.get(pk=person_id)
    audit.record(
        actor, "referral_requested", person, membership=membership, detail={"holders": len(holders)}
    )
    return len(holders)


# --- users and memberships (an organisation administrator's work) ---------------------


def _admin_membership(actor, organisation) -> Membership:
    for member in policy.memberships(actor):
        if (
            member.role in rules.MANAGE_OWN_ORGANISATION
            and member.organisation_id == organisation.pk
        ):
            return member
    raise PermissionDenied


@transaction.atomic
def organisation_user_create(
    *,
    actor,
    organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    password: str,
):
    """A new user with one membership, in the administrator's own organisation only."""
    from django.contrib.auth import get_user_model

    admin = _admin_membership(actor, organisation)
    user = get_user_model()(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    audit.record(
        actor,
        "membership_create",
        membership,
        membership=admin,
        detail={"user": user.pk, "role": role},
    )
    return user


@transaction.atomic
def membership_end(*, actor, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    admin = _admin_membership(actor, membership.organisation)
    if membership.valid_to and membership.valid_to <= timezone.localdate():
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    membership.valid_to = timezone.localdate()
    membership.full_clean()
    membership.save()
    audit.record(
        actor, "membership_end", membership, membership=admin, detail={"user": membership.user_id}
    )
    return membership


# --- imports -----------------------------------------------------------------------------


@transaction.atomic
def person_import_save(
    *, actor, person: Person | None, data: dict, insz: str = "", purpose: str = "import"
) -> tuple[Person, bool, dict | None]:
    """Create a person from an import row, or fill the blanks of an existing one (an
    import never overwrites what a worker recorded). Returns (person, created, before)."""
    if person is None:
        person = Person()
        _apply_person_fields(person, data)
        if insz:
            person.set_insz(insz)
        person.full_clean()
        person.save()
        audit.record(actor, "import_create", person, purpose=purpose)
        return person, True, None
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = {name: _plain(getattr(person, name)) for name in PERSON_FIELDS}
    before["insz_encrypted"], before["insz_hash"] = person.insz_encrypted, person.insz_hash
    blanks = {
        k: v for k, v in data.items() if v not in ("", None) and getattr(person, k) in ("", None)
    }
    if insz and not person.insz_hash:
        person.set_insz(insz)
    if not blanks and person.insz_hash == before["insz_hash"]:
        return person, False, None
    _apply_person_fields(person, blanks)
    person.full_clean()
    person.save()
    audit.record(actor, "import_update", person, purpose=purpose)
    return person, False, before


@transaction.atomic
def person_import_restore(*, actor, person_id: int, before: dict) -> None:
    """Undo of an import's fill: put back the values the person had before."""
    person = Person.objects.select_for_update().get(pk=person_id)
    for name in PERSON_FIELDS:
        field = Person._meta.get_field(name)
        value = before.get(name)
        if field.is_relation:
            setattr(person, f"{name}_id", value or None)
        elif isinstance(field, type(Person._meta.get_field("birth_date"))):
            setattr(person, name, dt.date.fromisoformat(value) if value else None)
        else:
            setattr(person, name, value)
    person.insz_encrypted, person.insz_hash = before["insz_encrypted"], before["insz_hash"]
    person.save()
    audit.record(actor, "import_undo", person, purpose="import")


@transaction.atomic
def consent_import(
    *, actor, membership: Membership, person: Person, purpose: Programme, given_at: dt.datetime
) -> Consent:
    """A consent recorded on paper and kept in the programme's register."""
    consent = Consent(
        person=person, purpose=purpose, categories=sorted(purpose.categories), recorded_by=actor,
        given_at=given_at, **_unit_kwargs(membership.unit),
        **_unit_kwargs(membership.unit, "recipient_"),
    )  # fmt: skip
    consent.full_clean()
    consent.save()
    audit.record(actor, "consent_given", consent, purpose="import", membership=membership)
    return consent


@transaction.atomic
def organisation_save(*, actor, organisation, data: dict):
    """Create or update an organisation (reference data, no person data)."""
    from samen.registry.models import Organisation

    organisation = organisation or Organisation()
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def record_delete(*, actor, obj) -> None:
    """Undo of an import: remove what it created (refused when others built on it)."""
    from django.db.models import ProtectedError

    label = obj._meta.label_lower
    person_id = obj.pk if label == "registry.person" else getattr(obj, "person_id", None)
    try:
        obj.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("%(obj)s kan niet verwijderd worden: er werd intussen op verder gewerkt.")
            % {"obj": obj._meta.verbose_name}
        ) from exc
    if person_id:
        audit.record(
            actor, "import_undo", person_id=person_id, purpose="import", detail={"deleted": label}
        )


@transaction.atomic
def person_link_citizen(*, actor, person: Person, user) -> Person:
    """Give a person their own login: a citizen sees their own data and nothing else."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(_("Deze login hoort al bij een andere persoon."))
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    audit.record(actor, "citizen_linked", person, detail={"user": user.pk})
    return person


# --- Retention ----------------------------------------------------------------------

ANONYMISED = "[geanonimiseerd]"
# Per model that points at a person: the free text that goes (required fields get
# ANONYMISED, optional ones are emptied). What counts — dates, statuses, amounts,
# municipalities, kinds — stays, so the figures of past years do not change.
# A test checks that every model pointing at a person is named here or below.
RETENTION_FREE_TEXT = {
    "registry.enrolment": ["basis_note"],
    "registry.consent": ["guardian_name"],
    "registry.referral": ["reason", "justification", "answer_note"],
    "housing.crisisadmission": ["reason", "follow_up_note"],
    "housing.acceleratedallocationrequest": ["motivation", "decision_note"],
    "housing.woonclubhousehold": ["search_plan"],
    "work.worker": ["not_started_reason"],
    "work.activationtrajectory": ["referrer", "goals"],
    "energy.loandossier": ["works", "repayment_iban"],
    "care.intake": ["question", "context"],
    "care.consultation": ["note", "shared_summary"],
}
RETENTION_DELETED = ["registry.note", "registry.personrevision", "registry.externalid"]
# Records that keep no free text about the person (links, dates, counts), or that are
# kept whole for another reason: the break-glass log is audit evidence, the rolling
# fund's homes are assets with a loan still to repay, a wijk-werk user's number is ours.
RETENTION_KEPT = ["registry.person", "registry.householdmember", "registry.personmerge",
                  "access.breakglass", "housing.guidancetrajectory", "work.wijkwerkuser",
                  "energy.fundhome"]  # fmt: skip


@transaction.atomic
def person_anonymise(person: Person) -> None:
    """Keep birth year and municipality; remove everything else that names the person,
    including the file's history, notes, outside keys and the free text of its records.
    Persons merged into this one are anonymised with it."""
    from django.apps import apps

    persons = [person, *Person.objects.filter(merged_into=person)]
    ids = [p.pk for p in persons]
    for label in RETENTION_DELETED:
        apps.get_model(label).objects.filter(person_id__in=ids).delete()
    for label, fields in RETENTION_FREE_TEXT.items():
        model = apps.get_model(label)
        values = {f: ("" if model._meta.get_field(f).blank else ANONYMISED) for f in fields}
        model.objects.filter(person_id__in=ids).update(**values)
    now = timezone.now()
    for p in persons:
        citizen = p.user
        p.first_name, p.last_name = ANONYMISED, f"#{p.pk}"
        p.birth_date = p.birth_date.replace(month=1, day=1) if p.birth_date else None
        p.sex = p.phone = p.email = p.street = p.house_number = p.postcode = p.city = ""
        p.insz_encrypted, p.insz_hash, p.user = "", None, None
        p.restriction_reason, p.anonymised_at = "", now
        p.save()
        if citizen is not None:  # the citizen's own login goes with the file
            citizen.is_active = False
            citizen.set_unusable_password()
            citizen.save(update_fields=["is_active", "password"])
        audit.record(None, "anonymised", p, purpose="retention")


def retention_run(*, today: dt.date | None = None, dry_run: bool = False) -> list[int]:
    """Anonymise every person whose file is closed longer than its programmes keep it;
    one audited run, one transaction per person (an interrupted run leaves no half-done
    person and simply continues next time)."""
    from samen.registry.selectors import retention_due

    today = today or timezone.localdate()
    due = retention_due(today)
    if not dry_run:
        for person in Person.objects.filter(pk__in=due).order_by("pk"):
            person_anonymise(person)
    with transaction.atomic():
        audit.record(None, "retention_run", purpose="retention", detail={
            "day": today.isoformat(), "anonymised": 0 if dry_run else len(due),
            "due": len(due), "dry_run": dry_run,
        })  # fmt: skip
    return due


@transaction.atomic
def programme_retention_set(*, programme: Programme, years: int) -> Programme:
    if not 1 <= years <= 100:
        raise ValidationError(
            {"retention_years": _("Een bewaartermijn ligt tussen 1 en 100 jaar.")}
        )
    before = programme.retention_years
    programme.retention_years = years
    programme.save(update_fields=["retention_years"])
    audit.record(None, "retention_changed", programme, purpose="retention",
                 detail={"from": before, "to": years})  # fmt: skip
    return programme


def field_keys_rotate(batch: int = 500) -> int:
    """Encrypt every INSZ again under the newest of SAMEN_FIELD_KEYS, a batch per
    transaction (safe to interrupt and run again); afterwards the old keys can go."""
    done, last = 0, 0
    while True:
        with transaction.atomic():
            people = list(Person.objects.select_for_update().filter(pk__gt=last)
                          .exclude(insz_encrypted="").order_by("pk")[:batch])  # fmt: skip
            if not people:
                break
            for person in people:
                person.insz_encrypted = insz_codec.rotate(person.insz_encrypted)
            Person.objects.bulk_update(people, ["insz_encrypted"])
            last, done = people[-1].pk, done + len(people)
    with transaction.atomic():
        audit.record(None, "field_keys_rotated", purpose="security", detail={"values": done})
    return done
