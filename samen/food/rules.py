"""Food-safety rules of the hub, with their sources.

Dates: FAVV/AFSCA, "Omzendbrief betreffende de bepalingen van toepassing op voedselbanken
en liefdadigheidsinstellingen", PCCB/S3/CDP/1092228, version 2 of 22/07/2015:
- a use-by date ("te gebruiken tot", TGT) is never exceeded: such a lot is refused;
- a best-before date ("ten minste houdbaar tot", THT) may be exceeded by a margin that
  depends on the product group: very long shelf life (sugar, coffee, dry pasta, rice,
  tins, frozen) a year or more; long (dry biscuits, cereals, crisps, oils, hard cheese)
  two months; limited (bread, soft cheese) and short (meat, fish, pastry, fresh juice,
  eggs, yoghurts, cut fruit and vegetables) not at all.
Temperatures: Royal Decree of 22/12/2005 on food hygiene and Reg. (EC) 853/2004:
chilled products at most 7 °C, frozen products -18 °C (tolerance to -15 °C in transport).

The margins are seeded into each category and editable there (data, not code); the
temperature limits stay here, with their source, as they are law.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

VALID_FROM = dt.date(2015, 7, 22)

# Best-before margins in days per product group (the circular's four groups).
MARGIN_VERY_LONG = 365
MARGIN_LONG = 60
MARGIN_NONE = 0

# Highest temperature on arrival at which a lot is accepted.
CHILLED_MAX = Decimal("7.0")
FROZEN_MAX = Decimal("-15.0")  # -18 °C storage, transport tolerance to -15 °C
TEMPERATURE_LIMITS = {"chilled": CHILLED_MAX, "frozen": FROZEN_MAX, "ambient": None}

# A weighed lot outside these bounds is a typing error, not food (a crate holds ~15 kg).
MAX_KG_PER_CRATE = Decimal("40")
MAX_KG_PER_LOT = Decimal("2000")


def _nl(value: Decimal) -> str:
    """9.5 → "9,5": the messages are Dutch."""
    return str(value).replace(".", ",")


@dataclass(frozen=True)
class Verdict:
    decision: str  # "accepted", "quarantined" or "refused"
    reasons: tuple[str, ...] = ()
    flagged: bool = False  # accepted, but worth a look (best-before passed within margin)


def intake_verdict(
    *,
    temperature_class: str,
    date_kind: str,
    date: dt.date | None,
    arrival_celsius: Decimal | None,
    margin_days: int,
    today: dt.date,
) -> Verdict:
    """The decision for one lot at the hub's door. Pure: no database."""
    if date_kind == "use_by" and date is not None and date < today:
        return Verdict("refused", (f"TGT {date:%d/%m/%Y} is verstreken: nooit aanvaarden.",))
    if date_kind == "best_before" and date is not None and date < today:
        days = (today - date).days
        if days > margin_days:
            return Verdict(
                "refused",
                (
                    f"THT {date:%d/%m/%Y} is {days} dagen verstreken; de marge voor deze "
                    f"categorie is {margin_days} dagen.",
                ),
            )
        flag = f"THT {date:%d/%m/%Y} verstreken, binnen de marge van {margin_days} dagen."
        verdict = Verdict("accepted", (flag,), flagged=True)
    else:
        verdict = Verdict("accepted")
    limit = TEMPERATURE_LIMITS.get(temperature_class)
    if limit is not None:
        if arrival_celsius is None:
            return Verdict(
                "quarantined", (*verdict.reasons, "Geen temperatuur gemeten bij aankomst.")
            )
        if arrival_celsius > limit:
            return Verdict(
                "quarantined",
                (
                    *verdict.reasons,
                    f"{_nl(arrival_celsius)} °C bij aankomst; het maximum is {_nl(limit)} °C.",
                ),
            )
    return verdict


# Storage spaces (cold rooms, freezers, vans) must stay within these limits (HACCP; the
# same royal decree). A reading above the limit quarantines the lots stored there.
STORAGE_LIMITS = {"chilled": CHILLED_MAX, "frozen": Decimal("-18.0"), "ambient": None}
VAN_LIMITS = {"chilled": CHILLED_MAX, "frozen": FROZEN_MAX, "ambient": None}


def reading_out_of_range(temperature_class: str, celsius: Decimal, *, van: bool = False) -> bool:
    limit = (VAN_LIMITS if van else STORAGE_LIMITS).get(temperature_class)
    return limit is not None and celsius > limit
