"""The fair allocation at cut-off (pure: no database).

Per product, when demand exceeds supply: weighted max-min fairness ("water filling").
Every organisation gets min(asked, level × weight) for the one level at which the supply
is used up, weights being the beneficiaries. So nobody gets more than asked, and nobody
can get more without taking from one whose weighted share is not larger.

Exact: amounts are whole hundredths of a kg and all arithmetic is on integers. The level
is the rational Rem / W of the first line not fully served; each line below it gets
floor(Rem × w / W) cents, and the few cents left go by largest remainder, ties by the
caller's order — so the result is deterministic and sums exactly to the supply.
Vectorised with numpy over many products at once (a million lines in well under a second).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

CENT = Decimal("0.01")


def allocate_cents(
    product: np.ndarray, asked: np.ndarray, weight: np.ndarray, supply: np.ndarray
) -> np.ndarray:
    """Granted cents per line. product: line → product index into `supply` (cents);
    asked: cents (int64 ≥ 0); weight: int64 > 0. Ties keep the lines' given order."""
    n = len(asked)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    asked = asked.astype(np.int64)
    weight = weight.astype(np.int64)
    # Sort by product, then by asked/weight (exact for these magnitudes: distinct ratios of
    # integers below 1e7 and 1e5 differ by far more than float64's resolution), then order.
    order = np.lexsort((np.arange(n), asked / weight, product))
    p, a, w = product[order], asked[order], weight[order]
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
    segment = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n]))

    def exclusive_cumsum(x):  # within each product
        total = np.cumsum(x)
        return total - x - np.r_[0, total][starts][segment]

    asked_before = exclusive_cumsum(a)
    weight_total = np.add.reduceat(w, starts)[segment]
    weight_left = weight_total - exclusive_cumsum(w)
    remaining = supply[p].astype(np.int64) - asked_before
    served = a * weight_left <= remaining * w  # a prefix of each product's lines
    granted = np.where(served, a, 0)

    capped = np.flatnonzero(~served)
    if len(capped):
        seg_of = segment[capped]
        first = capped[np.r_[True, seg_of[1:] != seg_of[:-1]]]  # first capped line per product
        level_num = np.zeros(len(starts), dtype=np.int64)
        level_den = np.ones(len(starts), dtype=np.int64)
        level_num[segment[first]] = remaining[first]
        level_den[segment[first]] = weight_left[first]
        scaled = level_num[seg_of] * w[capped]
        quotient, remainder = np.divmod(scaled, level_den[seg_of])
        granted[capped] = quotient
        left = level_num - np.bincount(seg_of, weights=quotient, minlength=len(starts)).astype(
            np.int64
        )
        # Largest remainder first, then the lines' order, within each product.
        rank_order = np.lexsort((order[capped], -remainder, seg_of))
        ranked_seg = seg_of[rank_order]
        seg_first = np.r_[True, ranked_seg[1:] != ranked_seg[:-1]]
        position = np.arange(len(rank_order)) - np.maximum.accumulate(
            np.where(seg_first, np.arange(len(rank_order)), 0)
        )
        bonus = position < left[ranked_seg]
        granted[capped[rank_order[bonus]]] += 1
    result = np.empty(n, dtype=np.int64)
    result[order] = granted
    return result


@dataclass(frozen=True)
class Share:
    asked: Decimal
    weight: Decimal
    granted: Decimal


def fair_shares(
    supply: Decimal, demands: dict[Hashable, tuple[Decimal, Decimal]]
) -> dict[Hashable, Share]:
    """One product: key → (asked kg, weight > 0) gives key → Share; ties by key."""
    keys = sorted(demands, key=str)
    asked = np.array([int(demands[k][0] / CENT) for k in keys], dtype=np.int64)
    weight = np.array([int(demands[k][1]) for k in keys], dtype=np.int64)
    granted = allocate_cents(
        np.zeros(len(keys), dtype=np.int64),
        asked,
        weight,
        np.array([int(supply / CENT)], dtype=np.int64),
    )
    return {
        k: Share(demands[k][0], demands[k][1], Decimal(int(g)) * CENT)
        for k, g in zip(keys, granted, strict=True)
    }


def assign_lots(
    needs: list[tuple[Hashable, Decimal]], lots: list[tuple[Hashable, Decimal]]
) -> list[tuple[Hashable, Hashable, Decimal]]:
    """Fill each need (in the given order) from the lots in the given order — the caller
    gives them first expiring first — so no later lot is touched while an earlier one has
    stock. Returns (need key, lot key, kg) pieces."""
    remaining = [[key, kg] for key, kg in lots]
    pieces, i = [], 0
    for need_key, need in needs:
        while need > 0 and i < len(remaining):
            take = min(need, remaining[i][1])
            if take > 0:
                pieces.append((need_key, remaining[i][0], take))
                remaining[i][1] -= take
                need -= take
            if remaining[i][1] <= 0:
                i += 1
    return pieces


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
