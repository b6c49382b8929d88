"""Writes of care: the GBO intake and the follow-up of each right it found."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samen.access import audit, policy
from samen.access import rules as access_rules
from samen.care.models import OPEN, CheckEvent, Intake, Right, RightCheck, RightStatus
from samen.registry.models import Organisation, Person


@transaction.atomic
def intake_create(
    *, actor, membership, person: Person, question: str, context: str, rights, on: dt.date
) -> Intake:
    """A front desk registers a contact and the rights the person probably has."""
    if membership not in policy.file_memberships(actor) or not membership.organisation_id:
        raise PermissionDenied
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    if not question.strip():
        raise ValidationError({"question": _("Wat is de vraag?")})
    intake = Intake.objects.create(person=person, desk=membership.organisation, on=on,
                                   question=question.strip(), context=context.strip(),
                                   by=actor)  # fmt: skip
    for right in rights:
        check = RightCheck.objects.create(intake=intake, right=right,
                                          partner=membership.organisation, since=on)  # fmt: skip
        CheckEvent.objects.create(right_check=check, status=RightStatus.PROBABLE, on=on,
                                  partner=membership.organisation, by=actor)  # fmt: skip
    audit.record(actor, "create", intake, person_id=person.pk, purpose="gbo",
                 membership=membership)  # fmt: skip
    return intake


@transaction.atomic
def check_update(
    *, actor, check: RightCheck, status: str, partner: Organisation, on: dt.date, note: str = ""
) -> RightCheck:
    """Follow a right up: another partner takes it over, it is applied for, realised,
    refused or closed. The desk that found it or the partner that follows it writes."""
    check = RightCheck.objects.select_for_update().select_related("intake").get(pk=check.pk)
    mine = {m.organisation_id for m in policy.file_memberships(actor)}
    if not mine & {check.partner_id, check.intake.desk_id}:
        raise PermissionDenied
    if status not in RightStatus.values:
        raise ValidationError({"status": _("Kies een stand.")})
    if check.status not in OPEN:
        raise ValidationError(_("Dit recht is al afgehandeld."))
    if on < check.since:
        raise ValidationError({"on": _("De datum ligt voor de vorige stap (%(d)s).")
                               % {"d": f"{check.since:%d/%m/%Y}"}})  # fmt: skip
    if partner.pk not in (check.partner_id, check.intake.desk_id) and not _reaches(
        partner, check.intake.person_id
    ):
        raise ValidationError({"partner": _(
            "%(o)s kan dit dossier nog niet openen: verwijs de persoon eerst door, met "
            "toestemming."
        ) % {"o": partner}})  # fmt: skip
    check.status, check.partner, check.since = status, partner, on
    check.save(update_fields=["status", "partner", "since"])
    CheckEvent.objects.create(right_check=check, status=status, partner=partner, on=on,
                              note=note.strip(), by=actor)  # fmt: skip
    audit.record(actor, "update", check.intake, person_id=check.intake.person_id, purpose="gbo")
    return check


@transaction.atomic
def right_save(*, actor, right: Right) -> Right:
    """The rights checklist is configured by coordinators."""
    if not policy.has_role(actor, access_rules.AGGREGATES):
        raise PermissionDenied
    right.full_clean()
    right.save()
    return right


def _reaches(organisation: Organisation, person_id: int) -> bool:
    """The partner holds the person's file: an active enrolment, or an open referral on a
    valid basis (consent not withdrawn)."""
    from samen.registry.models import Enrolment, Status

    return (
        Enrolment.objects.filter(person_id=person_id, organisation=organisation,
                                 status=Status.ACTIVE).exists()
        or policy.open_referrals().filter(person_id=person_id,
                                          to_organisation=organisation).exists()
    )  # fmt: skip


@transaction.atomic
def intake_import(
    *, actor, person_id: int, desk: Organisation, on: dt.date, question: str, right, status: str
) -> Intake:
    """An intake from a register, with the right explored (if any) in its recorded stage."""
    if not policy.has_role(actor, access_rules.IMPORT_PERSONS):
        raise PermissionDenied
    intake = Intake.objects.create(person_id=person_id, desk=desk, on=on,
                                   question=question.strip(), by=actor)  # fmt: skip
    if right is not None:
        check = RightCheck.objects.create(intake=intake, right=right, partner=desk,
                                          status=status, since=on)  # fmt: skip
        CheckEvent.objects.create(right_check=check, status=status, partner=desk, on=on,
                                  note="import", by=actor)  # fmt: skip
    audit.record(actor, "import", intake, person_id=person_id, purpose="gbo")
    return intake


# --- the volunteer database ---------------------------------------------------------------------


def _ensure_volunteer_admin(actor) -> None:
    if not policy.has_role(actor, access_rules.VOLUNTEER_ADMIN):
        raise PermissionDenied


OWN_FIELDS = ("email", "phone", "languages", "weekdays", "skills")  # what a volunteer keeps


@transaction.atomic
def volunteer_save(*, actor, volunteer):
    """The volunteer database is kept by coordinators; a volunteer updates their own contact
    details, languages, skills and availability."""
    from samen.care.models import Volunteer

    if (
        volunteer.pk
        and volunteer.account_id == actor.pk
        and not policy.has_role(actor, access_rules.VOLUNTEER_ADMIN)
    ):
        stored = Volunteer.objects.get(pk=volunteer.pk)
        for name in OWN_FIELDS:
            setattr(stored, name, getattr(volunteer, name))
        volunteer = stored
    else:
        _ensure_volunteer_admin(actor)
    volunteer.full_clean()
    volunteer.save()
    return volunteer


def _asking_organisation(actor) -> Organisation:
    member = next((m for m in policy.memberships(actor)
                   if m.role in access_rules.VOLUNTEER_ASK), None)  # fmt: skip
    if member is None:
        raise PermissionDenied
    if member.organisation_id:
        return member.organisation
    # A regional team asks on behalf of W13, the association the teams belong to.
    return Organisation.objects.filter(kind="association").order_by("pk").first()


@transaction.atomic
def volunteer_request_create(*, actor, request):
    request.organisation = _asking_organisation(actor)
    request.asked_by = actor
    if request.hours is not None and request.hours <= 0:
        raise ValidationError({"hours": _("Hoeveel uren?")})
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def assign(*, actor, request, volunteer):
    """Only a screened volunteer (good conduct certificate, insured), free that day, and not
    more volunteers than asked."""
    from samen.care import selectors
    from samen.care.models import Assignment, VolunteerRequest

    _ensure_volunteer_admin(actor)
    request = VolunteerRequest.objects.select_for_update().get(pk=request.pk)
    if not selectors.screened(volunteer, request.on):
        raise ValidationError(_("%(v)s is niet gescreend of niet verzekerd op die dag.")
                              % {"v": volunteer})  # fmt: skip
    if Assignment.objects.filter(volunteer=volunteer, request__on=request.on).exists():
        raise ValidationError(_("%(v)s is die dag al ingezet.") % {"v": volunteer})
    if request.assignments.count() >= request.needed:
        raise ValidationError(_("Er zijn al %(n)s vrijwilligers voor deze vraag.")
                              % {"n": request.needed})  # fmt: skip
    return Assignment.objects.create(request=request, volunteer=volunteer)


@transaction.atomic
def hours_log(*, actor, assignment, hours):
    """The hours worked, by the coordinators or the organisation that asked."""
    asked_by_mine = assignment.request.organisation_id == _asking_organisation(actor).pk
    if not (policy.has_role(actor, access_rules.VOLUNTEER_ADMIN) or asked_by_mine):
        raise PermissionDenied
    if hours <= 0 or hours > 24:
        raise ValidationError({"hours": _("Tussen 0 en 24 uur.")})
    assignment.hours = hours
    assignment.save(update_fields=["hours"])
    return assignment


@transaction.atomic
def thanks_event_save(*, actor, event):
    _ensure_volunteer_admin(actor)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def consultation_add(
    *, actor, referral, on: dt.date, kind: str, note: str, shared_summary: str = ""
):
    """Solentra logs a consultation of a client referred to it (the referral still open)."""
    from samen.care import selectors
    from samen.care.models import Consultation

    if not selectors.solentra_referrals(actor).filter(pk=referral.pk).exists():
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Wat is er besproken?")})
    consultation = Consultation(person_id=referral.person_id, referral=referral, on=on,
                                kind=kind, note=note.strip(),
                                shared_summary=shared_summary.strip(), by=actor)  # fmt: skip
    consultation.full_clean()
    consultation.save()
    audit.record(actor, "create", consultation, person_id=referral.person_id,
                 purpose="solentra")  # fmt: skip
    return consultation
