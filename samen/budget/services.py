"""Writes of Budget In Zicht. The budget app writes only the owner's own budget; a counsellor
never writes it. Group work and education belong to the Budget In Zicht team."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.access import audit, policy
from samen.budget import bank, selectors
from samen.budget.models import (
    INCOME,
    Budget,
    Category,
    Entry,
    FairLoan,
    GroupSeries,
    GroupSession,
    PlanLine,
    Recurring,
    Share,
)
from samen.registry.models import Person


@transaction.atomic
def budget_register(*, email: str, password: str) -> Budget:
    """Self-registration for the budget app: an e-mail address and a strong password."""
    email = email.strip().lower()
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Dit is geen geldig e-mailadres.")
    User = get_user_model()
    if not errors and User.objects.filter(username=email).exists():
        errors["email"] = _("Er bestaat al een account met dit e-mailadres.")
    user = User(username=email, email=email)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    return Budget.objects.create(owner=user)


def _own(actor, budget: Budget) -> None:
    if budget.owner_id != actor.pk or not selectors.is_app_user(actor):
        raise PermissionDenied


@transaction.atomic
def plan_set(*, actor, budget: Budget, month: dt.date, category: str, amount: Decimal):
    """The planned amount of a category in a month (0 removes it)."""
    _own(actor, budget)
    if amount < 0:
        raise ValidationError({"amount": _("Een bedrag van 0 of meer.")})
    if amount == 0:
        budget.plan.filter(month=month, category=category).delete()
        return None
    line, _created = PlanLine.objects.update_or_create(
        budget=budget, month=selectors.month_start(month), category=category,
        defaults={"amount": amount},
    )  # fmt: skip
    return line


@transaction.atomic
def recurring_add(*, actor, budget: Budget, data: dict) -> Recurring:
    _own(actor, budget)
    item = Recurring(budget=budget, **data)
    item.start = selectors.month_start(item.start)
    if item.end:
        item.end = selectors.month_start(item.end)
        if item.end < item.start:
            raise ValidationError({"end": _("Het einde ligt voor het begin.")})
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def recurring_end(*, actor, item: Recurring, last_month: dt.date) -> Recurring:
    _own(actor, item.budget)
    item.end = max(selectors.month_start(last_month), item.start)
    item.save(update_fields=["end"])
    return item


@transaction.atomic
def entry_add(
    *, actor, budget: Budget, on: dt.date, amount: Decimal, category: str, description: str = ""
) -> Entry:
    """Quick entry: the amount as a positive number; the category says in or out."""
    _own(actor, budget)
    if amount <= 0:
        raise ValidationError({"amount": _("Een bedrag groter dan 0.")})
    signed = amount if category in INCOME else -amount
    return Entry.objects.create(budget=budget, on=on, amount=signed, category=category,
                                description=description.strip())  # fmt: skip


@transaction.atomic
def bank_import(*, actor, budget: Budget, content: bytes) -> tuple[int, int]:
    """A bank export, all or nothing: (lines added, lines already there). A line's category
    is guessed from its counterparty and description, and can be changed afterwards."""
    _own(actor, budget)
    try:
        lines = bank.read(content)
    except bank.BankFileError as exc:
        raise ValidationError({"file": exc.problems}) from None
    known = set(budget.entries.exclude(imported="").values_list("imported", flat=True))
    new = [line for line in lines if line.fingerprint not in known]
    Entry.objects.bulk_create(
        Entry(budget=budget, on=line.on, amount=line.amount, category=bank.guess(line),
              counterparty=line.counterparty, description=line.description,
              imported=line.fingerprint)
        for line in new
    )  # fmt: skip
    return len(new), len(lines) - len(new)


@transaction.atomic
def entry_recategorise(*, actor, entry: Entry, category: str) -> Entry:
    _own(actor, entry.budget)
    if category not in Category.values:
        raise ValidationError({"category": _("Kies een categorie.")})
    entry.category = category
    entry.amount = abs(entry.amount) if category in INCOME else -abs(entry.amount)
    entry.save(update_fields=["category", "amount"])
    return entry


@transaction.atomic
def share_grant(*, actor, budget: Budget, counsellor) -> Share:
    """The citizen's explicit consent: this counsellor may read the budget."""
    _own(actor, budget)
    if not selectors.counsellors().filter(pk=counsellor.pk).exists():
        raise ValidationError({"counsellor": _("Kies een budgetbegeleider uit de lijst.")})
    if budget.shares.filter(counsellor=counsellor, revoked_at__isnull=True).exists():
        raise ValidationError({"counsellor": _("Je deelt al met deze begeleider.")})
    share = Share.objects.create(budget=budget, counsellor=counsellor)
    audit.record(actor, "consent", budget, purpose="biz", detail={"counsellor": counsellor.pk})
    return share


@transaction.atomic
def share_revoke(*, actor, share: Share) -> Share:
    _own(actor, share.budget)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        audit.record(actor, "consent_withdraw", share.budget, purpose="biz",
                     detail={"counsellor": share.counsellor_id})  # fmt: skip
    return share


# --- group work and education -------------------------------------------------------------------


def _ensure_biz(actor) -> None:
    if not selectors.is_counsellor(actor):
        raise PermissionDenied


@transaction.atomic
def series_create(*, actor, title: str, municipality, organisation) -> GroupSeries:
    _ensure_biz(actor)
    series = GroupSeries(title=title.strip(), municipality=municipality, organisation=organisation)
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def participant_add(*, actor, series: GroupSeries, person: Person) -> None:
    """A person in budget guidance of the counsellor's own files joins the series."""
    _ensure_biz(actor)
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied
    series.participants.add(person)
    audit.record(actor, "update", series, person_id=person.pk, purpose="biz")


@transaction.atomic
def session_hold(*, actor, series: GroupSeries, on: dt.date, topic: str, present) -> GroupSession:
    """A session with who was there (participants of the series only)."""
    _ensure_biz(actor)
    if not topic.strip():
        raise ValidationError({"topic": _("Wat was het thema?")})
    allowed = set(series.participants.values_list("pk", flat=True))
    if {p.pk for p in present} - allowed:
        raise ValidationError({"present": _("Alleen deelnemers van de reeks.")})
    session = GroupSession.objects.create(series=series, on=on, topic=topic.strip())
    session.present.set(present)
    for person in present:
        audit.record(actor, "update", session, person_id=person.pk, purpose="biz")
    return session


@transaction.atomic
def record_save(*, actor, obj):
    """An education activity or an event (no person data)."""
    _ensure_biz(actor)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def fair_loan_book(*, actor, loan: FairLoan) -> FairLoan:
    """Lend the mobile budget fair: refused when it is already out on any of those days."""
    _ensure_biz(actor)
    list(FairLoan.objects.select_for_update().all())  # one booking at a time
    if loan.end < loan.start:
        raise ValidationError({"end": _("Het einde ligt voor het begin.")})
    clash = FairLoan.objects.filter(start__lte=loan.end, end__gte=loan.start).first()
    if clash:
        raise ValidationError(_("De budgetbeurs is dan al uitgeleend aan %(b)s (%(s)s – %(e)s).")
                              % {"b": clash.borrower, "s": f"{clash.start:%d/%m/%Y}",
                                 "e": f"{clash.end:%d/%m/%Y}"})  # fmt: skip
    loan.full_clean()
    loan.save()
    return loan


# --- imports ------------------------------------------------------------------------------------


@transaction.atomic
def education_import(*, actor, activity):
    """An education activity from a spreadsheet (checked row by row by the import)."""
    from samen.access import rules as access_rules

    if not policy.has_role(actor, access_rules.IMPORT_REFERENCE_DATA):
        raise PermissionDenied
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def attendance_import(*, actor, title: str, municipality, on: dt.date, topic: str, person_id: int,
                      present: bool):  # fmt: skip
    """One person at one session of a series (both made when new): the session, and which
    of session and series this row made."""
    from samen.access import rules as access_rules
    from samen.registry.models import Organisation

    if not policy.has_role(actor, access_rules.IMPORT_PERSONS):
        raise PermissionDenied
    w13 = Organisation.objects.filter(kind="association").order_by("pk").first()
    series, new_series = GroupSeries.objects.get_or_create(
        title=title, municipality=municipality, defaults={"organisation": w13}
    )
    session, new_session = GroupSession.objects.get_or_create(
        series=series, on=on, defaults={"topic": topic}
    )
    series.participants.add(person_id)
    if present:
        session.present.add(person_id)
    audit.record(actor, "import", session, person_id=person_id, purpose="biz")
    return session, {"session": new_session, "series": new_series}


@transaction.atomic
def attendance_undo(*, actor, session: GroupSession, person_id: int, made: dict) -> None:
    from samen.access import rules as access_rules

    if not policy.has_role(actor, access_rules.IMPORT_PERSONS):
        raise PermissionDenied
    series = session.series
    session.present.remove(person_id)
    if not GroupSession.objects.filter(series=series, present=person_id).exists():
        series.participants.remove(person_id)
    if made["session"] and not session.present.exists():
        session.delete()
    if made["series"] and not series.sessions.exists():
        series.delete()
    audit.record(actor, "import_undo", person_id=person_id, purpose="biz")


@transaction.atomic
def budget_start(*, actor) -> Budget:
    """A citizen without a budget yet (a citizen of the registry) starts one."""
    if not selectors.is_app_user(actor):
        raise PermissionDenied
    budget, _created = Budget.objects.get_or_create(owner=actor)
    return budget
