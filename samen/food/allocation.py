"""The fair default allocation at cut-off (pure: no database).

Per product: when demand exceeds supply, weighted max-min fairness ("water filling"):
every organisation gets min(asked, level × weight) for the one level at which the supply
is used up, weights being the beneficiaries. So nobody gets more than asked, and nobody
can get more without taking from one whose weighted share is not larger. Amounts are in
hundredths of a kg; the last hundredths go by largest remainder, ties by key, so the
result is deterministic and sums exactly to the supply."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Share:
    asked: Decimal
    weight: Decimal
    granted: Decimal


def fair_shares(
    supply: Decimal, demands: dict[Hashable, tuple[Decimal, Decimal]]
) -> dict[Hashable, Share]:
    """demands: key → (asked kg, weight > 0). Returns key → Share."""
    asked_total = sum((asked for asked, _w in demands.values()), Decimal("0"))
    if asked_total <= supply:
        return {k: Share(a, w, a) for k, (a, w) in demands.items()}
    # Water filling: raise the level over keys sorted by asked/weight.
    remaining, weight_left = supply, sum((w for _a, w in demands.values()), Decimal("0"))
    level = Decimal("0")  # demand exceeds supply, so the loop always ends at a cap
    for _key, (asked, weight) in sorted(
        demands.items(), key=lambda kv: (kv[1][0] / kv[1][1], str(kv[0]))
    ):
        if asked <= remaining * weight / weight_left:  # this one is fully served
            remaining -= asked
            weight_left -= weight
            continue
        level = remaining / weight_left
        break
    exact = {k: min(a, level * w) for k, (a, w) in demands.items()}
    floored = {k: v.quantize(CENT, rounding=ROUND_FLOOR) for k, v in exact.items()}
    leftover = int((supply - sum(floored.values())) / CENT)
    # Hand out the last cents to the largest remainders that are still below their ask.
    order = sorted(exact, key=lambda k: (-(exact[k] - floored[k]), str(k)))
    for key in order:
        if leftover <= 0:
            break
        if floored[key] + CENT <= demands[key][0]:
            floored[key] += CENT
            leftover -= 1
    return {k: Share(a, w, floored[k]) for k, (a, w) in demands.items()}


def explain(
    share: Share, *, product: str, supply: Decimal, asked_total: Decimal, persons: int
) -> str:
    """Why an organisation gets what it gets, in Dutch."""
    nl = lambda d: f"{d:.2f}".replace(".", ",")  # noqa: E731
    if share.granted == share.asked:
        return f"{product}: {nl(share.granted)} kg, zoals gevraagd."
    return (
        f"{product}: gevraagd {nl(share.asked)} kg, toegekend {nl(share.granted)} kg. "
        f"Alle organisaties samen vroegen {nl(asked_total)} kg voor {nl(supply)} kg aanbod; "
        f"het aanbod is eerlijk verdeeld naar rato van jullie {persons} personen, en niemand "
        f"krijgt meer dan gevraagd."
    )
