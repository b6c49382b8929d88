"""Reads of the Energiehuis: dossiers scoped to the partners on them, the dated data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from samen.access import policy
from samen.access import rules as access_rules
from samen.energy import rules
from samen.energy.models import IncomeThreshold, LoanDossier, LoanRate


def partner_organisations(user) -> set[int]:
    """The organisations a user works for in a role that takes part in energy dossiers."""
    return {
        m.organisation_id
        for m in policy.memberships(user)
        if m.role in access_rules.ENERGY and m.organisation_id
    }


def dossiers_for(user) -> QuerySet[LoanDossier]:
    """The dossiers on which one of the user's organisations is a partner."""
    return (
        LoanDossier.objects.filter(partners__in=partner_organisations(user))
        .distinct()
        .select_related("person", "desk", "municipality")
    )


def rate_on(product: str, target: str, day: dt.date) -> Decimal | None:
    rows = LoanRate.objects.filter(product=product, target=target)
    return rules.value_on(list(rows.values_list("valid_from", "rate")), day)


def threshold_on(product: str, household: str, day: dt.date) -> tuple[Decimal, Decimal] | None:
    """The income limit and the amount per dependant on a day, for the household type (or
    for any household when the product has one limit)."""
    rows = IncomeThreshold.objects.filter(product=product, household__in=[household, "any"])
    found = rules.value_on([(r.valid_from, (r.amount, r.per_dependant)) for r in rows], day)
    return found


def disbursed(dossier) -> Decimal:
    return dossier.disbursements.aggregate(s=Sum("amount"))["s"] or Decimal(0)


def schedule_of(dossier) -> list[rules.Instalment]:
    """The repayment schedule of an offer or contract (on the disbursed amount once money
    was paid out in full)."""
    if dossier.offer_amount is None or dossier.rate is None:
        return []
    first = dossier.first_due or _first_of_next_month(dossier.contract_on or dossier.applied_on)
    return rules.schedule(dossier.offer_amount, dossier.rate, dossier.offer_months, first)


def _first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class EnergyFigures:
    dossiers: int | None
    by_rate: dict[str, int] | None


def rate_code(rate: Decimal) -> str:
    """A rate in percent without trailing zeros: "0", "2", "2.25"."""
    text = f"{rate:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def energy_figures(start: dt.date, end: dt.date) -> EnergyFigures:
    """energy.loans.dossiers (submitted in the period, by application date) and
    energy.loans.by_rate (those dossiers by the rate they were given; a dossier not yet
    assessed has no rate and is not in this object)."""
    if not LoanDossier.objects.exists():
        return EnergyFigures(None, None)
    submitted = LoanDossier.objects.filter(applied_on__range=(start, end))
    by_rate = {
        rate_code(row["rate"]): row["n"]
        for row in submitted.exclude(rate=None).values("rate").annotate(n=Count("pk"))
    }
    return EnergyFigures(submitted.count(), by_rate)
