"""Writes of the housing module. Each checks the actor's role, validates, and is audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import audit, policy, rules
from samen.housing.models import CrisisAdmission, CrisisBed, FollowUp
from samen.housing.selectors import admissions_for
from samen.registry import services as registry
from samen.registry.models import Enrolment, LegalBasis, Membership, Person, Programme, Status

BED_TAKEN = _("Dit bed is intussen ingenomen; kies een ander vrij bed.")


@transaction.atomic
def admission_create(
    *, actor, membership: Membership, bed: CrisisBed, person: dict, reason: str,
    legal_basis: str,
) -> CrisisAdmission:  # fmt: skip
    """Admit a person to a free bed in one step. `person`: first_name, last_name and
    birth_date; a person of the worker's own files with that name and birth date is
    taken, else one is registered (enrolled in the crisis network for the worker's unit).
    The bed's row is locked, and the database holds one open admission per bed, so two
    workers clicking at once never share a bed."""
    if membership not in policy.memberships(actor) or membership.role not in rules.CRISIS_ADMIT:
        raise PermissionDenied
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de opname.")
    if legal_basis not in (LegalBasis.VITAL_INTEREST, LegalBasis.LEGAL_TASK):
        errors["legal_basis"] = _(
            "Kies vitaal belang of wettelijke opdracht; een toestemming kan je nadien op het "
            "dossier registreren."
        )
    if errors:
        raise ValidationError(errors)
    bed = CrisisBed.objects.select_for_update().get(pk=bed.pk)
    if not bed.active or bed.admissions.filter(discharged_at__isnull=True).exists():
        raise ValidationError(BED_TAKEN)
    programme = Programme.objects.get(code="crisis")
    subject = _known_person(actor, person)
    if subject is None:
        subject = registry.person_create(
            actor=actor, membership=membership, data=person, programme=programme,
            legal_basis=legal_basis, basis_note=reason, purpose="crisis",
        )  # fmt: skip
    elif not Enrolment.objects.filter(
        person=subject, programme=programme, status=Status.ACTIVE,
        **{membership.unit._meta.model_name: membership.unit},
    ).exists():  # fmt: skip
        registry.enrolment_create(
            actor=actor, membership=membership, person=subject, programme=programme,
            legal_basis=legal_basis, basis_note=reason, purpose="crisis",
        )  # fmt: skip
    admission = CrisisAdmission(
        bed=bed, person=subject, admitted_by=actor, reason=reason, legal_basis=legal_basis,
        organisation=membership.organisation, team=membership.team,
    )  # fmt: skip
    try:
        with transaction.atomic():
            admission.save()
    except IntegrityError:  # the partial unique index: another admission won the bed
        raise ValidationError(BED_TAKEN) from None
    audit.record(actor, "create", admission, person_id=subject.pk, purpose="crisis",
                 membership=membership)  # fmt: skip
    return admission


def _known_person(actor, data: dict) -> Person | None:
    """A person of the actor's own files with this name and birth date (one, or none)."""
    if not data.get("birth_date"):
        return None
    matches = policy.scope_persons(
        actor,
        Person.objects.filter(
            first_name__iexact=data["first_name"].strip(),
            last_name__iexact=data["last_name"].strip(),
            birth_date=data["birth_date"],
        ),
    )
    return matches.first() if matches.count() == 1 else None


@transaction.atomic
def admission_discharge(
    *, actor, admission: CrisisAdmission, at: dt.datetime | None = None, follow_up: str,
    note: str = "",
) -> CrisisAdmission:  # fmt: skip
    """Discharge with the follow-up towards a structural solution: by the partner whose
    bed it is, or by the referring service."""
    if not admissions_for(actor).filter(pk=admission.pk).exists():
        raise PermissionDenied
    admission = CrisisAdmission.objects.select_for_update().get(pk=admission.pk)
    if admission.discharged_at:
        raise ValidationError(_("Deze persoon is al ontslagen."))
    at = at or timezone.now()
    errors = {}
    if follow_up not in FollowUp.values:
        errors["follow_up"] = _("Kies het vervolg.")
    if at < admission.admitted_at:
        errors["discharged_at"] = _("Het ontslag ligt voor de opname.")
    if at > timezone.now():
        errors["discharged_at"] = _("Het ontslag ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    admission.discharged_at, admission.follow_up, admission.follow_up_note = at, follow_up, note
    admission.save(update_fields=["discharged_at", "follow_up", "follow_up_note"])
    audit.record(actor, "update", admission, person_id=admission.person_id, purpose="crisis")
    return admission
