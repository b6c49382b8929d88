"""The rules of the Energiehuis loans (pure: no database). The logic lives here with the
initial values, each with the day it applies from and its source; values that change by
date (rates, income thresholds) are data in the database, seeded from `INITIAL_RATES` and
`INITIAL_THRESHOLDS` and maintained by an administrator, looked up by the date of the
application.

Sources: the Flemish Energy Loan (Vlaamse Energielening) under the Energiebesluit of
19 November 2010, title VIII/1 (Energielening), applications up to 31 August 2022; Mijn
VerbouwLening under the Flemish government decision of 8 July 2022, applications from
1 September 2022 (Vlaams Energie- en Klimaatagentschap, VEKA).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ENERGY_LOAN = "energielening"
VERBOUWLENING = "verbouwlening"
CENT = Decimal("0.01")

ENERGY_LOAN_SOURCE = "Energiebesluit van 19 november 2010, titel VIII/1 (Energielening)"
VERBOUWLENING_SOURCE = "besluit van de Vlaamse Regering van 8 juli 2022 (Mijn VerbouwLening)"


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    first_day: dt.date | None  # applications from
    last_day: dt.date | None  # applications up to
    minimum: Decimal
    maximum: Decimal
    max_months: int
    source: str


PRODUCTS = {
    ENERGY_LOAN: Product(ENERGY_LOAN, "Vlaamse Energielening", None, dt.date(2022, 8, 31),
                         Decimal("1250"), Decimal("15000"), 120, ENERGY_LOAN_SOURCE),
    VERBOUWLENING: Product(VERBOUWLENING, "Mijn VerbouwLening", dt.date(2022, 9, 1), None,
                           Decimal("0"), Decimal("60000"), 300, VERBOUWLENING_SOURCE),
}  # fmt: skip
MIN_HOME_AGE = 15  # Mijn VerbouwLening: a home at least 15 years old

# (product, target group, valid from, yearly rate in %, source) — seeded into LoanRate.
INITIAL_RATES = [
    (ENERGY_LOAN, "priority", dt.date(2018, 1, 1), Decimal("0"), ENERGY_LOAN_SOURCE),
    (ENERGY_LOAN, "standard", dt.date(2018, 1, 1), Decimal("2"), ENERGY_LOAN_SOURCE),
    (VERBOUWLENING, "all", dt.date(2022, 9, 1), Decimal("0"), VERBOUWLENING_SOURCE),
    (VERBOUWLENING, "all", dt.date(2023, 2, 1), Decimal("2.25"), VERBOUWLENING_SOURCE),
    (VERBOUWLENING, "all", dt.date(2024, 2, 24), Decimal("2.75"), VERBOUWLENING_SOURCE),
]
# (product, household type, valid from, taxable income at most, plus per dependant,
# source) — seeded into IncomeThreshold as starting values; the administrator checks them
# against the year's publication and adds each new year as data.
INITIAL_THRESHOLDS = [
    (ENERGY_LOAN, "any", dt.date(2018, 1, 1), Decimal("31520"), Decimal("1760"),
     f"{ENERGY_LOAN_SOURCE}; startwaarde, na te kijken door de beheerder"),
    (VERBOUWLENING, "single", dt.date(2022, 9, 1), Decimal("43460"), Decimal("3700"),
     f"{VERBOUWLENING_SOURCE}; startwaarde, na te kijken door de beheerder"),
    (VERBOUWLENING, "couple", dt.date(2022, 9, 1), Decimal("62090"), Decimal("3700"),
     f"{VERBOUWLENING_SOURCE}; startwaarde, na te kijken door de beheerder"),
]  # fmt: skip

DOCUMENTS = {  # the checklist before the contract
    ENERGY_LOAN: ["identiteitskaart", "laatste aanslagbiljet personenbelasting",
                  "offertes van de werken", "eigendomsbewijs of huurcontract"],
    VERBOUWLENING: ["identiteitskaart", "laatste aanslagbiljet personenbelasting",
                    "offertes van de werken", "eigendomsbewijs",
                    "bewijs van het bouwjaar (kadaster)"],
}  # fmt: skip

PRIORITY_GROUNDS = {  # the Energielening's priority target group: any one of these
    "increased_allowance": "verhoogde tegemoetkoming bij het ziekenfonds",
    "low_income": "gezamenlijk belastbaar inkomen onder de grens van het jaar",
    "debt_mediation": "schuldbemiddeling met onbetaalde energiefacturen",
    "ocmw_energy": "OCMW-begeleiding voor energiefacturen",
    "protected_customer": "beschermde afnemer",
    "social_rental_agency": "verhuurder via een sociaal verhuurkantoor",
}


# --- the lookups (values passed in: the data the database holds) -------------------------


def value_on(rows: list[tuple[dt.date, object]], day: dt.date):
    """The value of the latest row (valid from, value) not after `day`, or None."""
    valid = [row for row in rows if row[0] <= day]
    return max(valid, key=lambda row: row[0])[1] if valid else None


def product_for(applied_on: dt.date) -> Product:
    """The loan that existed on the day of application."""
    for product in PRODUCTS.values():
        if (product.first_day is None or applied_on >= product.first_day) and (
            product.last_day is None or applied_on <= product.last_day
        ):
            return product
    raise ValueError(f"geen energielening op {applied_on:%d/%m/%Y}")


def income_limit(threshold: Decimal, per_dependant: Decimal, dependants: int) -> Decimal:
    return threshold + per_dependant * dependants


# --- eligibility, explained criterion by criterion ----------------------------------------


@dataclass(frozen=True)
class Criterion:
    name: str
    met: bool
    explanation: str


@dataclass
class Verdict:
    product: Product
    eligible: bool
    target: str  # "priority", "standard" or "all": the rate group
    criteria: list[Criterion] = field(default_factory=list)


@dataclass(frozen=True)
class Application:
    applied_on: dt.date
    amount: Decimal
    months: int
    owner_occupier: bool = True
    home_built: int | None = None  # year
    household: str = "single"  # single or couple
    dependants: int = 0
    taxable_income: Decimal | None = None
    grounds: tuple[str, ...] = ()  # PRIORITY_GROUNDS that apply (besides low income)
    landlord_via_sra: bool = False
    non_profit: bool = False


def eligibility(app: Application, *, threshold: tuple[Decimal, Decimal] | None) -> Verdict:
    """The verdict with the reason for each criterion. `threshold`: the income limit and
    the amount per dependant of the application's date and household type (data)."""
    product = product_for(app.applied_on)
    amount_ok = product.minimum <= app.amount <= product.maximum
    criteria = [
        Criterion("bedrag", amount_ok, f"€ {money(app.amount)} ligt "
                  f"{'binnen' if amount_ok else 'buiten'} € {money(product.minimum)} – "
                  f"€ {money(product.maximum)}."),
        Criterion("looptijd", 1 <= app.months <= product.max_months,
                  f"{app.months} maanden; hoogstens {product.max_months}."),
    ]  # fmt: skip
    limit = income_limit(threshold[0], threshold[1], app.dependants) if threshold else None
    under = limit is not None and app.taxable_income is not None and app.taxable_income <= limit
    if product.code == ENERGY_LOAN:
        grounds = [PRIORITY_GROUNDS[g] for g in app.grounds if g in PRIORITY_GROUNDS]
        if under:
            grounds.append(PRIORITY_GROUNDS["low_income"])
        if app.landlord_via_sra:
            grounds.append(PRIORITY_GROUNDS["social_rental_agency"])
        criteria.append(Criterion(
            "voorrangsdoelgroep", bool(grounds),
            ("Voorrangsdoelgroep (0 %): " + "; ".join(grounds) + ".") if grounds else
            "Geen grond voor de voorrangsdoelgroep: de lening aan het gewone tarief.",
        ))  # fmt: skip
        eligible = all(c.met for c in criteria[:2])
        return Verdict(product, eligible, "priority" if grounds else "standard", criteria)
    # Mijn VerbouwLening
    age = app.applied_on.year - app.home_built if app.home_built else None
    criteria.append(Criterion("woning", age is not None and age >= MIN_HOME_AGE,
                              f"De woning is {age} jaar oud; minstens {MIN_HOME_AGE}."
                              if age is not None else "Bouwjaar onbekend."))  # fmt: skip
    if app.landlord_via_sra or app.non_profit:
        who = "verhuurder via een sociaal verhuurkantoor" if app.landlord_via_sra else "vzw"
        criteria.append(Criterion("aanvrager", True, f"Aanvrager: {who}."))
    else:
        criteria.append(Criterion("aanvrager", app.owner_occupier,
                                  "Eigenaar-bewoner." if app.owner_occupier
                                  else "Geen eigenaar-bewoner."))  # fmt: skip
        text = (f"Belastbaar inkomen € {money(app.taxable_income)}; grens € {money(limit)} "
                f"({app.dependants} persoon/personen ten laste)."
                if limit is not None and app.taxable_income is not None
                else "Inkomen of inkomensgrens onbekend.")  # fmt: skip
        criteria.append(Criterion("inkomen", under, text))
    return Verdict(product, all(c.met for c in criteria), "all", criteria)


# --- the repayment schedule -----------------------------------------------------------------


@dataclass(frozen=True)
class Instalment:
    number: int
    due: dt.date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal  # after this instalment


def monthly_rate(yearly_percent: Decimal) -> Decimal:
    """The actuarial monthly rate of a yearly rate (JKP, as Belgian consumer credit law
    states rates): (1 + i)^(1/12) − 1, to 12 decimals."""
    from decimal import localcontext

    with localcontext() as ctx:
        ctx.prec = 40
        yearly = Decimal(1) + Decimal(yearly_percent) / 100
        monthly = (yearly.ln() / 12).exp() - 1
    return monthly.quantize(Decimal("1e-12"))


def schedule(amount: Decimal, yearly_percent: Decimal, months: int, first_due: dt.date):
    """An annuity: equal monthly payments in euro cents; each month's interest on the
    balance rounded to the cent; the last instalment absorbs the rounding."""
    amount = Decimal(amount).quantize(CENT)
    rate = monthly_rate(yearly_percent)
    if rate == 0:
        payment = (amount / months).quantize(CENT, rounding=ROUND_HALF_UP)
    else:
        growth = (1 + rate) ** months
        payment = (amount * rate * growth / (growth - 1)).quantize(CENT, rounding=ROUND_HALF_UP)
    balance, rows = amount, []
    for number in range(1, months + 1):
        interest = (balance * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        principal = balance if number == months else min(payment - interest, balance)
        balance -= principal
        rows.append(Instalment(number, _add_months(first_due, number - 1), principal + interest,
                               interest, principal, balance))  # fmt: skip
    return rows


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


def money(amount) -> str:
    """1.234,56 (Belgian notation, without the euro sign)."""
    whole, cents = f"{Decimal(amount):.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + f",{cents}"
