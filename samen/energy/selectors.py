"""Reads of the Energiehuis: dossiers scoped to the partners on them, the dated data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from samen.access import policy
from samen.access import rules as access_rules
from samen.core.dates import month_end
from samen.energy import rules
from samen.energy.models import FundHome, FundMovement, IncomeThreshold, LoanDossier, LoanRate


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


def energy_figures(start: dt.date, end: dt.date, municipality=None) -> EnergyFigures:
    """energy.loans.dossiers (submitted in the period, by application date) and
    energy.loans.by_rate (those dossiers by the rate they were given; a dossier not yet
    assessed has no rate and is not in this object)."""
    if not LoanDossier.objects.exists():
        return EnergyFigures(None, None)
    submitted = LoanDossier.objects.filter(applied_on__range=(start, end))
    if municipality is not None:  # the home's municipality
        submitted = submitted.filter(municipality=municipality)
    by_rate = {
        rate_code(row["rate"]): row["n"]
        for row in submitted.exclude(rate=None).values("rate").annotate(n=Count("pk"))
    }
    return EnergyFigures(submitted.count(), by_rate)


# --- the rolling fund -------------------------------------------------------------------------


def fund_balance(on: dt.date | None = None) -> Decimal:
    movements = FundMovement.objects.all()
    if on is not None:
        movements = movements.filter(on__lte=on)
    return movements.aggregate(s=Sum("amount"))["s"] or Decimal(0)


def fund_balance_by_month(months: int = 24, today: dt.date | None = None) -> list[tuple]:
    """(month, balance at its end) for the last `months` months: the chart."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rows = list(FundMovement.objects.values_list("on", "amount").order_by("on"))
    result, running, i = [], Decimal(0), 0
    year, month = today.year, today.month
    ends = []
    for _n in range(months):
        ends.append(month_end(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for end in reversed(ends):
        while i < len(rows) and rows[i][0] <= end:
            running += rows[i][1]
            i += 1
        result.append((end, running))
    return result


def fund_homes_for(user):
    """The homes the user's own OCMWs selected (with the owner's name)."""
    desks = {m.organisation_id for m in policy.file_memberships(user)}
    return FundHome.objects.filter(desk__in=desks).select_related("owner", "municipality")


def rolling_fund_homes(start: dt.date, end: dt.date, municipality=None) -> int | None:
    """energy.rolling_fund.homes: homes whose renovation the fund pre-financed, with the
    works started in the period."""
    if not FundHome.objects.exists():
        return None
    homes = FundHome.objects.filter(works_started_on__range=(start, end),
                                    movements__kind="prefinance")  # fmt: skip
    if municipality is not None:
        homes = homes.filter(municipality=municipality)
    return homes.distinct().count()
