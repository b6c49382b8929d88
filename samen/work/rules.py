"""The legal rules of wijk-werken (pure: no database). Every rule names its source and the
day it applies from, so a register of another year is judged by that year's rules.

Sources: the decree of 7 July 2017 on wijk-werken and the Flemish government decision of
29 September 2017 carrying it out, in force from 1 January 2018; the tax reduction for
private users from the Flemish tax code (Vlaamse Codex Fiscaliteit): 30 % for cheques
bought up to 2019, 20 % from 2020. Each rule below names the instrument it comes from.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

DECREE = "decreet van 7 juli 2017 betreffende wijk-werken"
DECISION = "besluit van de Vlaamse Regering van 29 september 2017"
TAX_CODE = "Vlaamse Codex Fiscaliteit (belastingvermindering voor wijk-werkcheques)"
START = dt.date(2018, 1, 1)  # wijk-werken replaced the PWA system on this day
PWA_CUTOFF = dt.date(2017, 9, 30)  # a PWA contract on this day: no 12-month limit
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    """A value with the day it applies from and where it comes from."""

    value: object
    valid_from: dt.date
    source: str


ALLOWED_PRICES = Rule((Decimal("5.95"), Decimal("6.45"), Decimal("6.95"), Decimal("7.45")),
                      START, DECISION)  # fmt: skip
MAX_HOURS_MONTH = Rule(60, START, DECREE)
MAX_HOURS_YEAR = Rule(630, START, DECREE)
MAX_MONTHS = Rule(12, START, f"{DECREE} (niet voor wie op 30/09/2017 een PWA-contract had)")
ALLOWANCE_PER_HOUR = Rule(Decimal("4.10"), START, DECISION)
KM_ALLOWANCE = Rule(Decimal("0.15"), START, DECISION)
KM_THRESHOLD = Rule(10, START, f"{DECISION} (heen en terug meer dan 10 km)")
TAX_REDUCTION = (
    Rule(Decimal("0.30"), START, TAX_CODE),
    Rule(Decimal("0.20"), dt.date(2020, 1, 1), TAX_CODE),
)


class LimitError(ValueError):
    """A registration that would break a legal limit; the message names the limit."""


def price_allowed(price: Decimal) -> bool:
    return price in ALLOWED_PRICES.value


def price_effective_from(changed_on: dt.date) -> dt.date:
    """An organiser's new cheque price applies from the next 1 January (the price does not
    vary by user or activity within a year)."""
    return dt.date(changed_on.year + 1, 1, 1)


def price_on(prices: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal:
    """The organiser's price on a day: the latest (effective date, price) not after it."""
    valid = [(since, price) for since, price in prices if since <= day]
    if not valid:
        raise ValueError(f"geen chequeprijs op {day:%d/%m/%Y}")
    return max(valid)[1]


def cheques_for(hours: Decimal) -> int:
    """One cheque per started hour of a performance."""
    if hours <= 0:
        raise ValueError("een prestatie duurt langer dan 0 uur")
    return math.ceil(hours)


def check_hours(
    *, month_hours: Decimal, year_hours: Decimal, adding: Decimal, worker: str = ""
) -> None:
    """Refuse a registration that would take a wijk-werker past 60 hours in the month or
    630 in the calendar year (the hours already registered plus the new ones)."""
    who = f"{worker}: " if worker else ""
    if month_hours + adding > MAX_HOURS_MONTH.value:
        raise LimitError(who + _(
            "maximaal %(max)s uur per maand (%(source)s); al %(done)s uur deze maand, deze "
            "prestatie zou %(after)s uur maken."
        ) % {"max": MAX_HOURS_MONTH.value, "source": MAX_HOURS_MONTH.source,
             "done": hours_text(month_hours),
             "after": hours_text(month_hours + adding)})  # fmt: skip
    if year_hours + adding > MAX_HOURS_YEAR.value:
        raise LimitError(who + _(
            "maximaal %(max)s uur per jaar (%(source)s); al %(done)s uur dit jaar, deze "
            "prestatie zou %(after)s uur maken."
        ) % {"max": MAX_HOURS_YEAR.value, "source": MAX_HOURS_YEAR.source,
             "done": hours_text(year_hours),
             "after": hours_text(year_hours + adding)})  # fmt: skip


def months_limit_ends(started: dt.date, *, ex_pwa: bool) -> dt.date | None:
    """The last day a wijk-werker may work: 12 months after the start, except for who had
    a PWA contract on 30 September 2017 (no end)."""
    if ex_pwa:
        return None
    month = started.month - 1 + MAX_MONTHS.value
    year = started.year + month // 12
    month = month % 12 + 1
    day = min(started.day, _days_in(year, month))
    return dt.date(year, month, day) - dt.timedelta(days=1)


def check_period(*, started: dt.date, on: dt.date, ex_pwa: bool) -> None:
    end = months_limit_ends(started, ex_pwa=ex_pwa)
    if on < started:
        raise LimitError(_("de prestatie ligt voor de start van het wijk-werktraject"))
    if end is not None and on > end:
        raise LimitError(_(
            "maximaal %(max)s maanden wijk-werken (%(source)s): gestart op %(start)s, dus tot "
            "en met %(end)s."
        ) % {"max": MAX_MONTHS.value, "source": MAX_MONTHS.source,
             "start": f"{started:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"})  # fmt: skip


def allowance(*, hours: Decimal, round_trip_km: Decimal = Decimal(0)) -> Decimal:
    """The wijk-werker's allowance for a performance: €4.10 an hour, plus €0.15 a km when
    the round trip is longer than 10 km (then for every km of it)."""
    amount = hours * ALLOWANCE_PER_HOUR.value
    if round_trip_km > KM_THRESHOLD.value:
        amount += round_trip_km * KM_ALLOWANCE.value
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_reduction(*, amount: Decimal, bought_on: dt.date) -> Decimal:
    """A private user's tax reduction on cheques bought that day."""
    if bought_on < START:
        raise ValueError("wijk-werkcheques bestaan sinds 1 januari 2018")
    rate = max((r for r in TAX_REDUCTION if r.valid_from <= bought_on),
               key=lambda r: r.valid_from).value  # fmt: skip
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def _days_in(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def hours_text(hours) -> str:
    """Hours as people write them: 59, 60,5, 2,25 (the database may return 59.00)."""
    return f"{Decimal(hours):.2f}".rstrip("0").rstrip(".").replace(".", ",")
