"""Writes of the Energiehuis. A dossier moves application → eligibility → technical visit
→ offer → contract → disbursements → repayments; every step is written on the one shared
timeline, by a user of one of the partner organisations on the dossier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samen.access import audit, policy
from samen.access import rules as access_rules
from samen.energy import rules, selectors
from samen.energy.models import (
    Disbursement,
    DossierEvent,
    EventKind,
    FundHome,
    FundMovement,
    HomeStatus,
    IncomeThreshold,
    LoanDossier,
    LoanRate,
    MovementKind,
    Repayment,
    Status,
)
from samen.registry.models import Organisation, Person


def _partner(actor, dossier: LoanDossier) -> Organisation:
    """The actor's organisation that is a partner on the dossier (else no access)."""
    mine = selectors.partner_organisations(actor)
    found = dossier.partners.filter(pk__in=mine).order_by("pk").first()
    if found is None:
        raise PermissionDenied
    return found


def _event(actor, dossier, kind: str, text: str, organisation=None) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier, by=actor, kind=kind, text=text,
        organisation=organisation or _partner(actor, dossier),
    )  # fmt: skip


def _status(actor, dossier: LoanDossier, status: str, text: str = "") -> None:
    dossier.status = status
    dossier.save()
    label = Status(status).label
    _event(actor, dossier, EventKind.STATUS, f"{label}. {text}".strip())
    audit.record(actor, "update", dossier, person_id=dossier.person_id, purpose="energy")


def _expect(dossier: LoanDossier, *allowed: str) -> None:
    if dossier.status not in allowed:
        raise ValidationError(
            _("Dat kan niet in deze stap (%(s)s).") % {"s": Status(dossier.status).label}
        )


@transaction.atomic
def dossier_create(*, actor, membership, person: Person, data: dict, partners=()) -> LoanDossier:
    """The local housing desk files an application for a person of its own files; the
    loan is the one that existed on the day of application."""
    if membership not in policy.file_memberships(actor) or not membership.organisation_id:
        raise PermissionDenied
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    try:
        product = rules.product_for(data["applied_on"])
    except ValueError:
        raise ValidationError(
            {"applied_on": _("Op die dag bestond er geen energielening.")}
        ) from None
    dossier = LoanDossier(person=person, desk=membership.organisation, product=product.code,
                          **data)  # fmt: skip
    dossier.full_clean()
    dossier.save()
    dossier.partners.set({membership.organisation, *partners})
    for name in rules.DOCUMENTS[product.code]:
        dossier.documents.create(name=name)
    _event(actor, dossier, EventKind.STATUS, _("Aanvraag ingediend: %(p)s.") % {"p": product.name},
           organisation=membership.organisation)  # fmt: skip
    audit.record(actor, "create", dossier, person_id=person.pk, purpose="energy",
                 membership=membership)  # fmt: skip
    return dossier


@transaction.atomic
def dossier_assess(*, actor, dossier: LoanDossier) -> rules.Verdict:
    """Eligibility by the rules and the data of the day of application, with the reason
    for every criterion; the rate of that day for the target group is fixed."""
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    _partner(actor, dossier)
    _expect(dossier, Status.APPLIED, Status.REFUSED)
    application = rules.Application(
        applied_on=dossier.applied_on, amount=dossier.amount, months=dossier.months,
        owner_occupier=dossier.owner_occupier, home_built=dossier.home_built,
        household=dossier.household, dependants=dossier.dependants,
        taxable_income=dossier.taxable_income, grounds=tuple(dossier.grounds),
        landlord_via_sra=dossier.landlord_via_sra, non_profit=dossier.non_profit,
    )  # fmt: skip
    threshold = selectors.threshold_on(dossier.product, dossier.household, dossier.applied_on)
    verdict = rules.eligibility(application, threshold=threshold)
    rate = selectors.rate_on(dossier.product, verdict.target, dossier.applied_on)
    if verdict.eligible and rate is None:
        raise ValidationError(_("Er is geen rentevoet voor deze lening op de dag van de "
                                "aanvraag: vul de tarieven aan."))  # fmt: skip
    dossier.verdict = [[c.name, c.met, c.explanation] for c in verdict.criteria]
    dossier.target, dossier.rate = (verdict.target, rate) if verdict.eligible else ("", None)
    summary = " ".join(c.explanation for c in verdict.criteria)
    _status(actor, dossier, Status.ELIGIBLE if verdict.eligible else Status.REFUSED, summary)
    return verdict


@transaction.atomic
def dossier_visit(*, actor, dossier: LoanDossier, advice: str) -> LoanDossier:
    """The technical adviser's visit and advice on the works."""
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.has_role(actor, access_rules.TECHNICAL_ADVISER):
        raise PermissionDenied
    _partner(actor, dossier)
    _expect(dossier, Status.ELIGIBLE)
    if not advice.strip():
        raise ValidationError({"advice": _("Wat is het advies?")})
    _status(actor, dossier, Status.VISITED, advice.strip())
    return dossier


@transaction.atomic
def dossier_offer(*, actor, dossier: LoanDossier, amount: Decimal, months: int) -> LoanDossier:
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    _partner(actor, dossier)
    _expect(dossier, Status.VISITED, Status.OFFERED)
    product = rules.PRODUCTS[dossier.product]
    errors = {}
    if not product.minimum <= amount <= product.maximum:
        errors["amount"] = _("Tussen € %(a)s en € %(b)s.") % {
            "a": rules.money(product.minimum), "b": rules.money(product.maximum)}  # fmt: skip
    if not 1 <= months <= product.max_months:
        errors["months"] = _("Hoogstens %(n)s maanden.") % {"n": product.max_months}
    if errors:
        raise ValidationError(errors)
    dossier.offer_amount, dossier.offer_months = amount, months
    _status(actor, dossier, Status.OFFERED, _("€ %(a)s over %(m)s maanden aan %(r)s %%.") % {
        "a": rules.money(amount), "m": months, "r": selectors.rate_code(dossier.rate)})  # fmt: skip
    return dossier


@transaction.atomic
def dossier_contract(
    *,
    actor,
    dossier: LoanDossier,
    signed_on: dt.date,
    first_due: dt.date,
    repayment_iban: str = "",
) -> LoanDossier:
    """The contract: every document of the checklist received; the schedule starts."""
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    _partner(actor, dossier)
    _expect(dossier, Status.OFFERED)
    open_items = dossier.documents.filter(received_on__isnull=True)
    missing = list(open_items.values_list("name", flat=True))
    if missing:
        raise ValidationError(_("Nog niet ontvangen: %(d)s.") % {"d": ", ".join(missing)})
    if first_due <= signed_on:
        raise ValidationError({"first_due": _("De eerste aflossing volgt op het contract.")})
    dossier.contract_on, dossier.first_due = signed_on, first_due
    dossier.repayment_iban = repayment_iban
    _status(actor, dossier, Status.CONTRACTED)
    return dossier


@transaction.atomic
def document_receive(*, actor, document, on: dt.date):
    _partner(actor, document.dossier)
    document.received_on = on
    document.save(update_fields=["received_on"])
    _event(actor, document.dossier, EventKind.DOCUMENT,
           _("Ontvangen: %(d)s.") % {"d": document.name})  # fmt: skip
    return document


@transaction.atomic
def note_add(*, actor, dossier: LoanDossier, text: str) -> DossierEvent:
    """A message on the shared timeline (all partners read it)."""
    if not text.strip():
        raise ValidationError({"text": _("Het bericht is leeg.")})
    event = _event(actor, dossier, EventKind.NOTE, text.strip())
    audit.record(actor, "update", dossier, person_id=dossier.person_id, purpose="energy")
    return event


@transaction.atomic
def disbursement_add(
    *, actor, dossier: LoanDossier, invoice: str, amount: Decimal, paid_on: dt.date
) -> Disbursement:
    """Pay out against an invoice, never more than the contract."""
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    _partner(actor, dossier)
    _expect(dossier, Status.CONTRACTED)
    left = dossier.offer_amount - selectors.disbursed(dossier)
    if amount <= 0 or amount > left:
        raise ValidationError({"amount": _("Nog uit te betalen: € %(l)s.")
                               % {"l": rules.money(left)}})  # fmt: skip
    payment = Disbursement.objects.create(dossier=dossier, invoice=invoice.strip(),
                                          amount=amount, paid_on=paid_on)  # fmt: skip
    _event(actor, dossier, EventKind.PAYMENT, _("Uitbetaald: € %(a)s (factuur %(f)s).") % {
        "a": rules.money(amount), "f": payment.invoice})  # fmt: skip
    return payment


@transaction.atomic
def repayment_add(*, actor, dossier: LoanDossier, amount: Decimal, on: dt.date) -> Repayment:
    dossier = LoanDossier.objects.select_for_update().get(pk=dossier.pk)
    _partner(actor, dossier)
    _expect(dossier, Status.CONTRACTED)
    if amount <= 0:
        raise ValidationError({"amount": _("Een aflossing is meer dan € 0.")})
    repayment = Repayment.objects.create(dossier=dossier, amount=amount, received_on=on)
    due = sum((i.payment for i in selectors.schedule_of(dossier)), Decimal(0))
    paid = sum(r.amount for r in dossier.repayments.all())
    if paid >= due:
        _status(actor, dossier, Status.CLOSED, _("Volledig afgelost."))
    return repayment


@transaction.atomic
def dossier_import(*, actor, person_id: int, desk: Organisation, data: dict) -> LoanDossier:
    """A dossier from a register (checked row by row by the import), with the filing desk
    and the Energiehuis's data as they were."""
    if not policy.has_role(actor, access_rules.IMPORT_PERSONS):
        raise PermissionDenied
    product = rules.product_for(data["applied_on"])
    dossier = LoanDossier(person_id=person_id, desk=desk, product=product.code, **data)
    if dossier.status in (Status.OFFERED, Status.CONTRACTED, Status.CLOSED):
        dossier.offer_amount, dossier.offer_months = dossier.amount, dossier.months
    dossier.full_clean()
    dossier.save()
    dossier.partners.set([desk])
    DossierEvent.objects.create(dossier=dossier, by=actor, organisation=desk,
                                kind=EventKind.STATUS,
                                text=_("Ingevoerd uit een register: %(s)s.")
                                % {"s": Status(dossier.status).label})  # fmt: skip
    audit.record(actor, "import", dossier, person_id=person_id, purpose="energy")
    return dossier


# --- the dated data ---------------------------------------------------------------------------


def _ensure_admin(actor) -> None:
    if not policy.has_role(actor, access_rules.ENERGY_ADMIN):
        raise PermissionDenied


@transaction.atomic
def rate_add(*, actor, rate: LoanRate) -> LoanRate:
    _ensure_admin(actor)
    rate.full_clean()
    rate.save()
    return rate


@transaction.atomic
def threshold_add(*, actor, threshold: IncomeThreshold) -> IncomeThreshold:
    _ensure_admin(actor)
    threshold.full_clean()
    threshold.save()
    return threshold


# --- the rolling fund -------------------------------------------------------------------------


def _desk_member(actor, home) -> None:
    """A worker of the OCMW that selected the home."""
    if home.desk_id not in {m.organisation_id for m in policy.file_memberships(actor)}:
        raise PermissionDenied


@transaction.atomic
def fund_capital(*, actor, amount: Decimal, on: dt.date, note: str = "") -> FundMovement:
    """Capital put into the fund (the region, a municipality, a sponsor)."""
    _ensure_admin(actor)
    if amount <= 0:
        raise ValidationError({"amount": _("Een inbreng is meer dan € 0.")})
    return FundMovement.objects.create(kind=MovementKind.CAPITAL, on=on, amount=amount,
                                       note=note.strip(), by=actor)  # fmt: skip


@transaction.atomic
def fund_home_select(*, actor, membership, owner: Person, data: dict) -> FundHome:
    """An OCMW selects the home of an owner of its own files."""
    if membership not in policy.file_memberships(actor) or not membership.organisation_id:
        raise PermissionDenied
    if not policy.scope_persons(actor, Person.objects.filter(pk=owner.pk)).exists():
        raise PermissionDenied
    home = FundHome(owner=owner, desk=membership.organisation, **data)
    home.full_clean()
    home.save()
    audit.record(actor, "create", home, person_id=owner.pk, purpose="energy",
                 membership=membership)  # fmt: skip
    return home


@transaction.atomic
def fund_prefinance(*, actor, home: FundHome, amount: Decimal, on: dt.date, note: str = ""):
    """Pay the works out of the fund: never more than its balance nor than the home's
    renovation budget. The first payment starts the works."""
    _desk_member(actor, home)
    # One pre-financing at a time: the first capital row is the fund's lock.
    FundMovement.objects.select_for_update().filter(kind=MovementKind.CAPITAL).first()
    home = FundHome.objects.select_for_update().get(pk=home.pk)
    if home.status == HomeStatus.REPAID:
        raise ValidationError(_("Deze woning is al terugbetaald."))
    balance = selectors.fund_balance()
    spent = -sum(m.amount for m in home.movements.filter(kind=MovementKind.PREFINANCE))
    errors = {}
    if amount <= 0:
        errors["amount"] = _("Een betaling is meer dan € 0.")
    elif amount > balance:
        errors["amount"] = _("Het fonds heeft nog € %(b)s.") % {"b": rules.money(balance)}
    elif spent + amount > home.budget:
        errors["amount"] = _("Het budget van de woning laat nog € %(l)s toe.") % {
            "l": rules.money(home.budget - spent)}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    movement = FundMovement.objects.create(kind=MovementKind.PREFINANCE, on=on, amount=-amount,
                                           home=home, note=note.strip(), by=actor)  # fmt: skip
    if home.works_started_on is None:
        home.works_started_on, home.status = on, HomeStatus.WORKS
        home.save(update_fields=["works_started_on", "status"])
    audit.record(actor, "update", home, person_id=home.owner_id, purpose="energy")
    return movement


@transaction.atomic
def fund_repay(*, actor, home: FundHome, amount: Decimal, on: dt.date, note: str = ""):
    """The home is sold or transferred: the fund is repaid and rolls on to the next home."""
    _desk_member(actor, home)
    home = FundHome.objects.select_for_update().get(pk=home.pk)
    spent = -sum(m.amount for m in home.movements.filter(kind=MovementKind.PREFINANCE))
    if not spent:
        raise ValidationError(_("Het fonds heeft voor deze woning nog niets betaald."))
    if amount <= 0:
        raise ValidationError({"amount": _("Een terugbetaling is meer dan € 0.")})
    movement = FundMovement.objects.create(kind=MovementKind.REPAYMENT, on=on, amount=amount,
                                           home=home, note=note.strip(), by=actor)  # fmt: skip
    home.status = HomeStatus.REPAID
    home.save(update_fields=["status"])
    audit.record(actor, "update", home, person_id=home.owner_id, purpose="energy")
    return movement
