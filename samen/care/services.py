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


# --- Konekti ------------------------------------------------------------------------------------

FAMILY_CATEGORIES = ["basic", "contact", "social"]


def parse_children(text: str) -> list[tuple[str, dt.date | None]]:
    """One child per line: first name; birth date (dd/mm/jjjj, optional)."""
    children = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, birth = line.partition(";")
        born = None
        if birth.strip():
            try:
                born = dt.datetime.strptime(birth.strip(), "%d/%m/%Y").date()
            except ValueError:
                raise ValidationError({"children": _(
                    "Lijn %(n)s: '%(b)s' is geen datum (dd/mm/jjjj).") % {
                        "n": number, "b": birth.strip()}}) from None  # fmt: skip
        if not name.strip():
            raise ValidationError({"children": _("Lijn %(n)s: de voornaam ontbreekt.")
                                   % {"n": number}})  # fmt: skip
        children.append((name.strip(), born))
    return children


@transaction.atomic
def family_refer(
    *, actor, membership, parent: Person, children_text: str, question: str,
    guardian_name: str, consent: bool, on: dt.date,
):  # fmt: skip
    """A professional registers the family of a parent of their own files: the parent's
    consent (also for the minor children) is recorded, and every member is referred to the
    connection team on it."""
    from samen.care.models import Family
    from samen.registry import services as registry
    from samen.registry.models import LegalBasis, Programme, Team

    if not consent:
        raise ValidationError({"consent": _("Zonder toestemming van de ouder geen aanmelding.")})
    if not guardian_name.strip():
        raise ValidationError({"guardian_name": _("Wie gaf de toestemming?")})
    if not question.strip():
        raise ValidationError({"question": _("Wat is de vraag van het gezin?")})
    if not policy.scope_persons(actor, Person.objects.filter(pk=parent.pk)).exists():
        raise PermissionDenied
    programme, team = Programme.objects.get(code="konekti"), Team.objects.get(code="konekti")
    members = [parent]
    for first_name, born in parse_children(children_text):
        members.append(registry.person_create(
            actor=actor, membership=membership, programme=programme,
            legal_basis=LegalBasis.LEGAL_TASK, basis_note="kind van een begeleide ouder",
            data={"first_name": first_name, "last_name": parent.last_name, "birth_date": born},
        ))  # fmt: skip
    for member in members:
        minor = member.pk != parent.pk
        given = registry.consent_record(
            actor=actor, membership=membership, person=member, purpose=programme,
            recipient=team, categories=FAMILY_CATEGORIES, given_by_guardian=minor,
            guardian_name=guardian_name.strip(),
        )  # fmt: skip
        registry.referral_create(
            actor=actor, membership=membership, person=member, receiver=team,
            programme=programme, reason=question.strip(), legal_basis=LegalBasis.CONSENT,
            consent=given, categories=FAMILY_CATEGORIES,
        )  # fmt: skip
    family = Family.objects.create(name=_("Gezin %(n)s") % {"n": parent.last_name},
                                   registered_on=on, by_professional=membership.organisation,
                                   question=question.strip())  # fmt: skip
    family.members.set(members)
    audit.record(actor, "create", family, person_id=parent.pk, purpose="konekti",
                 membership=membership)  # fmt: skip
    return family


@transaction.atomic
def application_send(*, data: dict):
    """The public registration: nothing enters the registry until the team takes it up."""
    from samen.care.models import Application

    application = Application(**data)
    if not application.consent:
        raise ValidationError({"consent": _("Zonder je toestemming kunnen we je niet helpen.")})
    parse_children(application.children)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def family_from_application(*, actor, membership, application):
    """The team makes a family of a registration: the parent and children are registered
    and enrolled with the team on the parent's consent, given on the form."""
    from samen.care import selectors
    from samen.care.models import Application, Family
    from samen.registry.models import Consent, Enrolment, LegalBasis, Programme

    if not selectors.is_konekti(actor) or membership.team_id is None:
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.family_id:
        raise ValidationError(_("Deze aanmelding werd al opgenomen."))
    first, _sep, last = application.parent_name.strip().partition(" ")
    programme = Programme.objects.get(code="konekti")
    members = [Person.objects.create(first_name=first, last_name=last or first,
                                     phone=application.phone, email=application.email,
                                     municipality=application.municipality)]  # fmt: skip
    members += [Person.objects.create(first_name=name, last_name=members[0].last_name,
                                      birth_date=born, municipality=application.municipality)
                for name, born in parse_children(application.children)]  # fmt: skip
    for member in members:
        consent = Consent.objects.create(
            person=member, team=membership.team, purpose=programme,
            recipient_team=membership.team, categories=FAMILY_CATEGORIES,
            given_by_guardian=member.pk != members[0].pk, guardian_name=application.parent_name,
            given_at=application.sent_at, recorded_by=actor,
        )  # fmt: skip
        Enrolment.objects.create(person=member, programme=programme, team=membership.team,
                                 legal_basis=LegalBasis.CONSENT, consent=consent,
                                 basis_note="aanmelding via de website", created_by=actor,
                                 start_date=application.sent_at.date())  # fmt: skip
        audit.record(actor, "create", member, purpose="konekti", membership=membership)
    family = Family.objects.create(name=_("Gezin %(n)s") % {"n": members[0].last_name},
                                   registered_on=application.sent_at.date(),
                                   question=application.question)  # fmt: skip
    family.members.set(members)
    application.family = family
    application.save(update_fields=["family"])
    return family


def _ensure_team(actor, family) -> None:
    from samen.care import selectors

    if not selectors.families_for(actor).filter(pk=family.pk).exists():
        raise PermissionDenied


@transaction.atomic
def family_follow(*, actor, family, connector=None, first_contact_on=None):
    """Assign a connector (no waiting list) and register the first contact."""
    from samen.care import selectors

    _ensure_team(actor, family)
    if connector is not None:
        if not selectors.connectors().filter(pk=connector.pk).exists():
            raise ValidationError({"connector": _("Kies een verbinder van het team.")})
        family.connector = connector
    if first_contact_on is not None:
        if first_contact_on < family.registered_on:
            raise ValidationError({"first_contact_on": _("Het eerste contact ligt voor de "
                                                         "aanmelding.")})  # fmt: skip
        family.first_contact_on = first_contact_on
    family.save(update_fields=["connector", "first_contact_on"])
    audit.record(actor, "update", family, person_id=None, purpose="konekti")
    return family


@transaction.atomic
def plan_add(*, actor, family, what: str, data: dict):
    """Write in the family plan: a goal, an action, a review, a home visit, a psychologist's
    consultation (psychologists only)."""
    from samen.care import selectors
    from samen.care.models import Action, Goal, HomeVisit, PsyConsultation, Review

    _ensure_team(actor, family)
    if family.closed_on:
        raise ValidationError(_("Het traject is afgesloten."))
    if what == "consultation" and not selectors.is_psychologist(actor):
        raise PermissionDenied
    model = {"goal": Goal, "action": Action, "review": Review, "visit": HomeVisit,
             "consultation": PsyConsultation}[what]  # fmt: skip
    if what == "action":
        goal = data.pop("goal")
        if goal.family_id != family.pk:
            raise PermissionDenied
        obj = Action(goal=goal, **data)
    elif what in ("visit", "consultation"):
        obj = model(family=family, by=actor, **data)
    else:
        obj = model(family=family, **data)
    obj.full_clean()
    obj.save()
    audit.record(actor, "update", family, purpose="konekti", detail={"added": what})
    return obj


@transaction.atomic
def review_hold(*, actor, review, held_on: dt.date, note: str):
    _ensure_team(actor, review.family)
    if not note.strip():
        raise ValidationError({"note": _("Wat besliste het gezin?")})
    review.held_on, review.note = held_on, note.strip()
    review.save(update_fields=["held_on", "note"])
    return review


@transaction.atomic
def family_close(*, actor, family, on: dt.date, outcome: str):
    _ensure_team(actor, family)
    if not outcome.strip():
        raise ValidationError({"outcome": _("Wat is de uitkomst?")})
    family.closed_on, family.outcome = on, outcome.strip()
    family.save(update_fields=["closed_on", "outcome"])
    return family
