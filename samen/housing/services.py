"""Writes of the housing module. Each checks the actor's role, validates, and is audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import audit, policy, rules
from samen.housing.models import (
    SENSITIVE_NEEDS,
    AcceleratedAllocationRequest,
    Consultation,
    Contact,
    ContactKind,
    CrisisAdmission,
    CrisisBed,
    Duty,
    DutyRole,
    Dwelling,
    EvictionOutcome,
    EvictionReport,
    FollowUp,
    GuidanceTrajectory,
    HousedKind,
    Occupation,
    Offer,
    OfferStatus,
    Outflow,
    OutreachAction,
    OutreachKind,
    RentalListing,
    RequestStatus,
    Situation,
    SituationDecision,
    WalkInPoint,
    WoonclubHousehold,
)
from samen.housing.selectors import (
    MELDPUNT_TEAM,
    accelerated_requests_for,
    admissions_for,
    candidates,
    households_for,
    is_dedicated,
    is_meldpunt,
    is_woonclub,
    may_record_listings,
    ocmw_of,
    partner_organisations,
    trajectories_for,
)
from samen.registry import services as registry
from samen.registry.models import (
    Enrolment,
    LegalBasis,
    Membership,
    Organisation,
    Person,
    Programme,
    Status,
    Team,
)

BED_TAKEN = gettext_lazy("Dit bed is intussen ingenomen; kies een ander vrij bed.")


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


# --- Kracht.Wonen: the meldpunt ----------------------------------------------------------


@transaction.atomic
def situation_report(
    *, actor, membership: Membership, persons: list[Person], data: dict, legal_basis: str,
    consent=None, justification: str = "",
) -> Situation:  # fmt: skip
    """A service reports a situation to the meldpunt. Each person involved is referred to
    the meldpunt team (the registry's referral: its legal basis, its categories — with
    mental health or addiction only when those needs are reported), so the team opens
    their files as any receiving service does."""
    if membership not in policy.memberships(actor) or membership.role not in rules.FILE_ROLES:
        raise PermissionDenied
    wanted = {p.pk for p in persons}
    in_scope = policy.scope_persons(actor, Person.objects.filter(pk__in=wanted))
    if not wanted or in_scope.count() != len(wanted):
        raise PermissionDenied
    if legal_basis == LegalBasis.CONSENT and len(persons) > 1:
        raise ValidationError({"legal_basis": _(
            "Met toestemming meld je één persoon; voor een gezin kies je wettelijke opdracht "
            "met een verantwoording."
        )})  # fmt: skip
    data = dict(data)
    municipalities = data.pop("municipalities", [])
    situation = Situation(organisation=membership.organisation, team=membership.team,
                          reported_by=actor, **data)  # fmt: skip
    situation.full_clean()
    situation.save()
    situation.persons.set(persons)
    situation.municipalities.set(municipalities)
    categories = ["basic", "contact", "social", "housing"] + [
        SENSITIVE_NEEDS[need] for need in situation.needs if need in SENSITIVE_NEEDS
    ]
    team = Team.objects.get(code=MELDPUNT_TEAM)
    programme = Programme.objects.get(code="kracht_wonen")
    for person in persons:
        registry.referral_create(
            actor=actor, membership=membership, person=person, receiver=team,
            programme=programme, reason=_("Melding Kracht.Wonen: %s") % situation.description,
            legal_basis=legal_basis, categories=categories, consent=consent,
            justification=justification,
        )  # fmt: skip
    return situation


def _ensure_meldpunt(actor) -> None:
    if not is_meldpunt(actor):
        raise PermissionDenied


@transaction.atomic
def situation_decide(*, actor, situation: Situation, decision: str, reason: str) -> Situation:
    """The meldpunt's decision: a Kracht.Wonen trajectory, another route, or not
    retained — always with the reason."""
    _ensure_meldpunt(actor)
    situation = Situation.objects.select_for_update().get(pk=situation.pk)
    errors = {}
    if situation.decision:
        errors["decision"] = _("Over deze situatie is al beslist.")
    elif decision not in SituationDecision.values:
        errors["decision"] = _("Kies een beslissing.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de beslissing.")
    if errors:
        raise ValidationError(errors)
    situation.decision, situation.decision_reason = decision, reason
    situation.decided_on, situation.decided_by = timezone.localdate(), actor
    situation.save(update_fields=["decision", "decision_reason", "decided_on", "decided_by"])
    for person in situation.persons.all():
        audit.record(actor, "update", situation, person_id=person.pk, purpose="kracht_wonen")
    return situation


@transaction.atomic
def consultation_record(
    *, actor, held_on: dt.date, participants: str, situations: list[Situation], decisions: str
) -> Consultation:
    _ensure_meldpunt(actor)
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("Een overleg in de toekomst kan je nog niet verslaan.")
    if not participants.strip():
        errors["participants"] = _("Wie nam deel?")
    if not situations:
        errors["situations"] = _("Kies de besproken situaties.")
    if not decisions.strip():
        errors["decisions"] = _("Noteer de afspraken en beslissingen.")
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        held_on=held_on, participants=participants, decisions=decisions, created_by=actor
    )
    consultation.situations.set(situations)
    audit.record(actor, "create", consultation, purpose="kracht_wonen")
    return consultation


# --- Kracht.Wonen: the dwelling pool ------------------------------------------------------

DWELLING_FIELDS = ("manager", "street", "postcode", "municipality", "kind", "bedrooms",
                   "accessible", "rent", "in_maintenance", "since")  # fmt: skip


@transaction.atomic
def dwelling_save(*, actor, dwelling: Dwelling | None, data: dict) -> Dwelling:
    _ensure_meldpunt(actor)
    dwelling = dwelling or Dwelling()
    for name in DWELLING_FIELDS:
        if name in data:
            setattr(dwelling, name, data[name])
    dwelling.full_clean()
    dwelling.save()
    audit.record(actor, "update", dwelling, purpose="kracht_wonen")
    return dwelling


@transaction.atomic
def offer_make(*, actor, dwelling: Dwelling, situation: Situation) -> Offer:
    """Offer a free dwelling to a situation that fits it. One situation, one dwelling at a
    time: the rows are locked and the database holds one open offer per each."""
    _ensure_meldpunt(actor)
    dwelling = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
    if dwelling.in_maintenance or dwelling.occupations.filter(end__isnull=True).exists():
        raise ValidationError(_("Deze woning is niet vrij."))
    if situation.pk not in {s.pk for s in candidates(dwelling)}:
        raise ValidationError(
            _("Deze situatie past niet bij deze woning of heeft al een lopend aanbod.")
        )
    offer = Offer(dwelling=dwelling, situation=situation, offered_by=actor)
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError:
        raise ValidationError(_("Er loopt al een aanbod voor deze woning of situatie.")) from None
    for person in situation.persons.all():
        audit.record(actor, "create", offer, person_id=person.pk, purpose="kracht_wonen")
    return offer


@transaction.atomic
def offer_answer(
    *, actor, offer: Offer, accept: bool, reason: str = "", start: dt.date | None = None,
    agreement: str = "",
) -> Offer:  # fmt: skip
    """The household's answer. Refused: with its reason (the situation is free for the
    next offer). Accepted: the occupation starts, with its agreement."""
    _ensure_meldpunt(actor)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    errors = {}
    if offer.status != OfferStatus.OPEN:
        errors["__all__"] = _("Op dit aanbod is al geantwoord.")
    elif not accept and not reason.strip():
        errors["reason"] = _("Geef de reden van de weigering.")
    elif accept and start is None:
        errors["start"] = _("Geef de begindatum van de bewoning.")
    elif accept and not agreement.strip():
        errors["agreement"] = _("Noem de overeenkomst (bv. tijdelijke bezettingsovereenkomst).")
    elif accept and offer.dwelling.occupations.filter(end__gte=start).exists():
        errors["start"] = _("De vorige bewoning liep toen nog.")
    if errors:
        raise ValidationError(errors)
    offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.REFUSED
    offer.reason, offer.answered_on = reason, timezone.localdate()
    offer.save(update_fields=["status", "reason", "answered_on"])
    if accept:
        Occupation.objects.create(
            dwelling=offer.dwelling, situation=offer.situation, start=start,
            persons=offer.situation.persons.count(), agreement=agreement,
        )  # fmt: skip
    for person in offer.situation.persons.all():
        audit.record(actor, "update", offer, person_id=person.pk, purpose="kracht_wonen")
    return offer


@transaction.atomic
def occupation_end(*, actor, occupation: Occupation, end: dt.date, outflow: str) -> Occupation:
    _ensure_meldpunt(actor)
    occupation = Occupation.objects.select_for_update().get(pk=occupation.pk)
    errors = {}
    if occupation.end:
        errors["__all__"] = _("Deze bewoning is al beëindigd.")
    elif end < occupation.start:
        errors["end"] = _("Het einde ligt voor het begin.")
    elif end > timezone.localdate():
        errors["end"] = _("Het einde ligt in de toekomst.")
    if outflow not in Outflow.values:
        errors["outflow"] = _("Kies waar het gezin naartoe gaat.")
    if errors:
        raise ValidationError(errors)
    occupation.end, occupation.outflow = end, outflow
    occupation.awaiting_accelerated_allocation = False
    occupation.save(update_fields=["end", "outflow", "awaiting_accelerated_allocation"])
    for person in occupation.situation.persons.all():
        audit.record(actor, "update", occupation, person_id=person.pk, purpose="kracht_wonen")
    return occupation


@transaction.atomic
def occupation_awaiting(*, actor, occupation: Occupation, waiting: bool) -> Occupation:
    """While still living there, the household waits (or no longer) for an accelerated
    allocation of a social home."""
    _ensure_meldpunt(actor)
    occupation = Occupation.objects.select_for_update().get(pk=occupation.pk)
    if occupation.end:
        raise ValidationError(_("Deze bewoning is al beëindigd."))
    occupation.awaiting_accelerated_allocation = waiting
    occupation.save(update_fields=["awaiting_accelerated_allocation"])
    for person in occupation.situation.persons.all():
        audit.record(actor, "update", occupation, person_id=person.pk, purpose="kracht_wonen")
    return occupation


# --- Eviction prevention and accelerated allocation ---------------------------------------


def _ensure_file_member(actor, membership: Membership) -> None:
    if membership not in policy.memberships(actor) or membership.role not in rules.FILE_ROLES:
        raise PermissionDenied


@transaction.atomic
def eviction_report(*, actor, membership: Membership, data: dict) -> EvictionReport:
    """One reporting point: the report goes to the OCMW of the tenant's municipality."""
    _ensure_file_member(actor, membership)
    ocmw = ocmw_of(data.get("municipality"))
    if ocmw is None:
        raise ValidationError({"municipality": _("Kies een gemeente van de regio.")})
    if data.get("received_on") and data["received_on"] > timezone.localdate():
        raise ValidationError({"received_on": _("Die datum ligt in de toekomst.")})
    report = EvictionReport(ocmw=ocmw, reported_by=actor, **data)
    report.full_clean()
    report.save()
    audit.record(actor, "create", report, purpose="eviction", membership=membership)
    return report


def _ensure_routed(actor, report: EvictionReport) -> None:
    orgs = {m.organisation_id for m in policy.memberships(actor) if m.role in rules.FILE_ROLES}
    if report.ocmw_id not in orgs:
        raise PermissionDenied


@transaction.atomic
def outreach_add(*, actor, report: EvictionReport, kind: str, note: str, on: dt.date):
    _ensure_routed(actor, report)
    if on > timezone.localdate():
        raise ValidationError({"on": _("Die datum ligt in de toekomst.")})
    if kind not in OutreachKind.values:
        raise ValidationError({"kind": _("Kies de actie.")})
    action = OutreachAction.objects.create(report=report, kind=kind, note=note, on=on, by=actor)
    audit.record(actor, "update", report, purpose="eviction")
    return action


@transaction.atomic
def eviction_outcome(*, actor, report: EvictionReport, outcome: str, on: dt.date):
    _ensure_routed(actor, report)
    errors = {}
    if outcome not in EvictionOutcome.values:
        errors["outcome"] = _("Kies de afloop.")
    if on < report.received_on or on > timezone.localdate():
        errors["outcome_on"] = _("De datum ligt voor de melding of in de toekomst.")
    if errors:
        raise ValidationError(errors)
    report.outcome, report.outcome_on = outcome, on
    report.save(update_fields=["outcome", "outcome_on"])
    audit.record(actor, "update", report, purpose="eviction")
    return report


@transaction.atomic
def accelerated_request_file(
    *, actor, membership: Membership, person: Person, company: Organisation, motivation: str
) -> AcceleratedAllocationRequest:
    _ensure_file_member(actor, membership)
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    errors = {}
    if company.kind != "social_housing":
        errors["company"] = _("Kies een sociale huisvestingsmaatschappij.")
    if not motivation.strip():
        errors["motivation"] = _("Motiveer de aanvraag.")
    if errors:
        raise ValidationError(errors)
    request = AcceleratedAllocationRequest.objects.create(
        person=person, company=company, motivation=motivation, filed_by=actor,
        organisation=membership.organisation, team=membership.team,
    )  # fmt: skip
    audit.record(actor, "create", request, person_id=person.pk, purpose="eviction",
                 membership=membership)  # fmt: skip
    return request


@transaction.atomic
def accelerated_request_decide(
    *, actor, request: AcceleratedAllocationRequest, granted: bool, on: dt.date, note: str = ""
) -> AcceleratedAllocationRequest:
    """The company's decision, recorded by the service that filed the request."""
    if not accelerated_requests_for(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    request = AcceleratedAllocationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.FILED:
        raise ValidationError(_("Over deze aanvraag is al beslist."))
    if on < request.filed_on or on > timezone.localdate():
        raise ValidationError(
            {"decided_on": _("De datum ligt voor de aanvraag of in de toekomst.")}
        )
    request.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
    request.decided_on, request.decision_note = on, note
    request.save(update_fields=["status", "decided_on", "decision_note"])
    audit.record(actor, "update", request, person_id=request.person_id, purpose="eviction")
    return request


# --- The dedicated team -------------------------------------------------------------------


@transaction.atomic
def trajectory_start(*, actor, person: Person, kracht_wonen: bool, start: dt.date):
    """A member of the dedicated team starts guiding a person it may see."""
    if not is_dedicated(actor):
        raise PermissionDenied
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    if start > timezone.localdate():
        raise ValidationError({"start": _("Die datum ligt in de toekomst.")})
    if GuidanceTrajectory.objects.filter(person=person, end__isnull=True).exists():
        raise ValidationError(_("Deze persoon heeft al een lopend traject bij het team."))
    trajectory = GuidanceTrajectory.objects.create(
        person=person, member=actor, kracht_wonen=kracht_wonen, start=start
    )
    audit.record(actor, "create", trajectory, person_id=person.pk, purpose="kracht_wonen")
    return trajectory


@transaction.atomic
def contact_log(*, actor, trajectory, kind: str, note: str, on: dt.date) -> Contact:
    if not trajectories_for(actor).filter(pk=trajectory.pk).exists():
        raise PermissionDenied
    errors = {}
    if kind not in ContactKind.values:
        errors["kind"] = _("Kies de soort contact.")
    if on > timezone.localdate() or on < trajectory.start:
        errors["on"] = _("De datum ligt voor het traject of in de toekomst.")
    if errors:
        raise ValidationError(errors)
    contact = Contact.objects.create(trajectory=trajectory, kind=kind, note=note, on=on, by=actor)
    audit.record(
        actor, "update", trajectory, person_id=trajectory.person_id, purpose="kracht_wonen"
    )
    return contact


@transaction.atomic
def trajectory_end(*, actor, trajectory, end: dt.date):
    if not trajectories_for(actor).filter(pk=trajectory.pk).exists():
        raise PermissionDenied
    if trajectory.end:
        raise ValidationError(_("Dit traject is al afgesloten."))
    if end < trajectory.start or end > timezone.localdate():
        raise ValidationError({"end": _("De datum ligt voor het traject of in de toekomst.")})
    trajectory.end = end
    trajectory.save(update_fields=["end"])
    audit.record(
        actor, "update", trajectory, person_id=trajectory.person_id, purpose="kracht_wonen"
    )
    return trajectory


# --- Woonclub -----------------------------------------------------------------------------


@transaction.atomic
def woonclub_intake(*, actor, person: Person, data: dict) -> WoonclubHousehold:
    """A household's intake at a walk-in point, for a person of the team's files."""
    if not is_woonclub(actor):
        raise PermissionDenied
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    data = dict(data)
    municipalities = data.pop("municipalities", [])
    if data.get("intake_on") and data["intake_on"] > timezone.localdate():
        raise ValidationError({"intake_on": _("Die datum ligt in de toekomst.")})
    household = WoonclubHousehold(person=person, created_by=actor, **data)
    household.full_clean()
    household.save()
    household.municipalities.set(municipalities)
    audit.record(actor, "create", household, person_id=person.pk, purpose="woonclub")
    return household


@transaction.atomic
def woonclub_housed(*, actor, household: WoonclubHousehold, on: dt.date, kind: str):
    if not households_for(actor).filter(pk=household.pk).exists():
        raise PermissionDenied
    errors = {}
    if household.housed_on:
        errors["__all__"] = _("Dit gezin is al gehuisvest.")
    elif on < household.intake_on or on > timezone.localdate():
        errors["housed_on"] = _("De datum ligt voor de intake of in de toekomst.")
    if kind not in HousedKind.values:
        errors["housed_kind"] = _("Kies waar het gezin woont.")
    if errors:
        raise ValidationError(errors)
    household.housed_on, household.housed_kind = on, kind
    household.save(update_fields=["housed_on", "housed_kind"])
    audit.record(actor, "update", household, person_id=household.person_id, purpose="woonclub")
    return household


@transaction.atomic
def listing_record(*, actor, data: dict) -> RentalListing:
    """A volunteer (or the team, or an import) records a rental listing."""
    if not (may_record_listings(actor) or policy.has_role(actor, rules.IMPORT_REFERENCE_DATA)):
        raise PermissionDenied
    listing = RentalListing(recorded_by=actor, **data)
    errors = {}
    if listing.seen_on and listing.seen_on > timezone.localdate():
        errors["seen_on"] = _("Die datum ligt in de toekomst.")
    if listing.rent is not None and not 100 <= listing.rent <= 5000:
        errors["rent"] = _("Een huur tussen € 100 en € 5.000 per maand.")
    if errors:
        raise ValidationError(errors)
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def listing_gone(*, actor, listing: RentalListing) -> RentalListing:
    if not may_record_listings(actor):
        raise PermissionDenied
    listing.available = False
    listing.save(update_fields=["available"])
    return listing


# --- Imports (historic records; docs/imports.md) -------------------------------------------


def _ensure_importer(actor, roles) -> None:
    if not policy.has_role(actor, roles):
        raise PermissionDenied


@transaction.atomic
def dwelling_import(*, actor, data: dict) -> Dwelling:
    _ensure_importer(actor, rules.IMPORT_REFERENCE_DATA)
    dwelling = Dwelling(**data)
    dwelling.full_clean()
    dwelling.save()
    audit.record(actor, "import", dwelling, purpose="import")
    return dwelling


@transaction.atomic
def admission_import(
    *, actor, bed: CrisisBed, person_id: int, admitted_at, discharged_at, reason: str,
    follow_up: str,
) -> CrisisAdmission:  # fmt: skip
    """A historic admission: refused when it overlaps another stay in the same bed."""
    _ensure_importer(actor, rules.IMPORT_PERSONS)
    bed = CrisisBed.objects.select_for_update().get(pk=bed.pk)
    end = discharged_at or timezone.now()
    overlapping = bed.admissions.filter(admitted_at__lt=end).filter(
        Q(discharged_at__isnull=True) | Q(discharged_at__gt=admitted_at)
    )
    if overlapping.exists():
        raise ValidationError(_("Dit bed was toen al bezet."))
    admission = CrisisAdmission(
        bed=bed, person_id=person_id, admitted_by=actor, admitted_at=admitted_at,
        discharged_at=discharged_at, reason=reason, follow_up=follow_up,
        legal_basis=LegalBasis.LEGAL_TASK,
    )  # fmt: skip
    admission.full_clean()
    admission.save()
    audit.record(actor, "import", admission, person_id=person_id, purpose="import")
    return admission


@transaction.atomic
def situation_import(*, actor, person_id: int, data: dict) -> Situation:
    _ensure_importer(actor, rules.IMPORT_PERSONS)
    situation = Situation(reported_by=actor, **data)
    if situation.decision:
        situation.decided_on, situation.decided_by = situation.reported_on, actor
    situation.full_clean()
    situation.save()
    situation.persons.set([person_id])
    audit.record(actor, "import", situation, person_id=person_id, purpose="import")
    return situation


@transaction.atomic
def woonclub_import(*, actor, person_id: int, data: dict) -> WoonclubHousehold:
    _ensure_importer(actor, rules.IMPORT_PERSONS)
    household = WoonclubHousehold(person_id=person_id, created_by=actor, **data)
    household.full_clean()
    household.save()
    audit.record(actor, "import", household, person_id=person_id, purpose="import")
    return household


# --- A crisis partner's beds ---------------------------------------------------------------


def _partner_of(actor):
    partners = partner_organisations(actor)
    if not partners:
        raise PermissionDenied
    return Organisation.objects.get(pk=min(partners))


@transaction.atomic
def bed_add(*, actor, label: str) -> CrisisBed:
    """A partner adds a bed to the network (its capacity is its beds in use)."""
    partner = _partner_of(actor)
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Geef het bed een naam.")})
    if CrisisBed.objects.filter(partner=partner, label__iexact=label).exists():
        raise ValidationError({"label": _("Er is al een bed met die naam.")})
    bed = CrisisBed.objects.create(partner=partner, label=label)
    audit.record(actor, "create", bed, purpose="crisis")
    return bed


@transaction.atomic
def bed_in_use(*, actor, bed: CrisisBed, active: bool) -> CrisisBed:
    """In or out of use; a bed with someone in it stays in use until the discharge."""
    if bed.partner_id not in partner_organisations(actor):
        raise PermissionDenied
    bed = CrisisBed.objects.select_for_update().get(pk=bed.pk)
    if not active and bed.admissions.filter(discharged_at__isnull=True).exists():
        raise ValidationError(_("Er ligt iemand in dit bed: eerst het ontslag."))
    bed.active = active
    bed.save(update_fields=["active"])
    audit.record(actor, "update", bed, purpose="crisis")
    return bed


@transaction.atomic
def duty_take(*, actor, point: WalkInPoint, on: dt.date) -> Duty:
    """A counsellor or a volunteer takes a session of a walk-in point."""
    if not may_record_listings(actor):  # the Woonclub team and its volunteers
        raise PermissionDenied
    if on < timezone.localdate():
        raise ValidationError({"on": _("Die dag is al voorbij.")})
    if Duty.objects.filter(point=point, on=on, user=actor).exists():
        raise ValidationError({"on": _("Je staat die dag al op deze zitdag.")})
    role = DutyRole.STAFF if is_woonclub(actor) else DutyRole.VOLUNTEER
    return Duty.objects.create(point=point, on=on, user=actor, role=role)


@transaction.atomic
def duty_drop(*, actor, duty: Duty) -> None:
    if duty.user_id != actor.pk and not is_woonclub(actor):
        raise PermissionDenied
    duty.delete()
