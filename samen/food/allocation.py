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
BY_SUPPLY, BY_CATEGORY, BY_CRATES, AS_ASKED = "supply", "category", "crates", "asked"
CRATE_KG = Decimal(10)  # kg in a crate when the lots do not say


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


def _nl(kg: Decimal) -> str:
    return f"{kg:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Context:
    """What a line's explanation refers to: the product's supply and total asked, the
    organisation's persons, the category's name and maximum, the organisation's crates."""

    supply: Decimal
    asked_total: Decimal
    persons: int
    category: str = ""
    category_max: Decimal | None = None
    crates: int | None = None


def explain(product: str, asked: Decimal, granted: Decimal, reason: str, c: Context) -> str:
    """Why an organisation gets what it gets of one product, in Dutch."""
    if reason == AS_ASKED:
        return f"{product}: {_nl(granted)} kg, zoals gevraagd."
    head = f"{product}: gevraagd {_nl(asked)} kg, toegekend {_nl(granted)} kg. "
    if reason == BY_CATEGORY:
        return head + (
            f"Voor {c.category} is het maximum {_nl(c.category_max)} kg per bestelling; "
            f"dat is met de producten van die categorie bereikt."
        )
    if reason == BY_CRATES:
        return head + (
            f"Jullie koelruimte ({c.crates} bakken) is vol met de gekoelde en diepgevroren "
            f"producten van vandaag, eerlijk over die producten verdeeld."
        )
    return head + (
        f"Alle organisaties samen vroegen {_nl(c.asked_total)} kg voor {_nl(c.supply)} kg "
        f"aanbod; het aanbod is eerlijk verdeeld naar rato van jullie {c.persons} personen, "
        f"en niemand krijgt meer dan gevraagd."
    )


def explain_organisation(lines: list[tuple[Decimal, Decimal, str]]) -> str:
    """One organisation's allocation in a sentence: (asked, granted, reason) per line."""
    asked = sum((a for a, _g, _r in lines), Decimal(0))
    granted = sum((g for _a, g, _r in lines), Decimal(0))
    text = f"Toegekend: {_nl(granted)} kg van de {_nl(asked)} kg gevraagd"
    held = {r for _a, _g, r in lines if r != AS_ASKED}
    if not held:
        return text + ", alles zoals gevraagd."
    why = {
        BY_SUPPLY: "het aanbod (eerlijk verdeeld naar het aantal personen)",
        BY_CATEGORY: "het maximum per categorie",
        BY_CRATES: "jullie koelruimte",
    }
    parts = [why[r] for r in (BY_SUPPLY, BY_CATEGORY, BY_CRATES) if r in held]
    short = sum(1 for _a, _g, r in lines if r != AS_ASKED)
    held_by = " en ".join(parts)
    return text + f"; {short} van de {len(lines)} producten beperkt door {held_by}."


# --- Across products: an organisation's cold storage and the category maxima -------------
#
# Constraints that tie an organisation's lines together (its cold-storage crates, the
# maximum per category) are, like the supply of a product, packing constraints: sums of
# lines with non-negative coefficients under a bound. For those the weighted max-min fair
# allocation (the lexicographic optimum) is found exactly by progressive filling: every
# free line grows at the rate of its weight until a line reaches its ask or a constraint is
# full, which freezes the lines in it; repeat. This is the classic algorithm for max-min
# fairness in networks (Bertsekas & Gallager, Data Networks, §6.5.2), vectorised with numpy;
# `max_min_by_lps` computes the same optimum as a sequence of LPs with HiGHS, the cross-check
# the tests and the benchmark use. Without binding cross constraints the result is the
# per-product water filling above, which is run first and used when it already fits.


@dataclass(frozen=True)
class Line:
    key: Hashable
    organisation: Hashable
    product: Hashable
    asked_cents: int


@dataclass(frozen=True)
class Limits:
    """What ties lines together. supply: product → cents; weight: organisation → persons;
    category: product → category; category_max: category → cents per order (absent: none);
    crates_per_kg: product → crates one kg fills (chilled and frozen products only);
    crates: organisation → cold-storage crates (absent: not recorded, no limit)."""

    supply: dict
    weight: dict
    category: dict
    category_max: dict
    crates_per_kg: dict
    crates: dict


@dataclass(frozen=True)
class Granted:
    cents: int
    reason: str  # AS_ASKED, BY_SUPPLY, BY_CATEGORY or BY_CRATES


@dataclass
class _Rows:
    """The shared constraints as a sparse matrix: entry k puts line col[k] with coef[k] in
    row row[k]; row r is of `kind[r]` with `bound[r]` (kg, or crates)."""

    kind: list
    bound: np.ndarray
    row: np.ndarray
    col: np.ndarray
    coef: np.ndarray


def _rows(lines: list[Line], limits: Limits) -> _Rows:
    groups: dict[tuple, list[int]] = {}
    for i, line in enumerate(lines):
        groups.setdefault((BY_SUPPLY, line.product), []).append(i)
        cat = limits.category.get(line.product)
        if limits.category_max.get(cat) is not None:
            groups.setdefault((BY_CATEGORY, line.organisation, cat), []).append(i)
        if limits.crates_per_kg.get(line.product) and line.organisation in limits.crates:
            groups.setdefault((BY_CRATES, line.organisation), []).append(i)
    kind, bound, row, col, coef = [], [], [], [], []
    for r, (key, members) in enumerate(groups.items()):
        kind.append(key[0])
        if key[0] == BY_SUPPLY:
            bound.append(limits.supply.get(key[1], 0) / 100)
        elif key[0] == BY_CATEGORY:
            bound.append(limits.category_max[key[2]] / 100)
        else:
            bound.append(float(limits.crates[key[1]]))
        for i in members:
            row.append(r)
            col.append(i)
            coef.append(
                1.0 if key[0] != BY_CRATES else float(limits.crates_per_kg[lines[i].product])
            )
    return _Rows(kind, np.array(bound), np.array(row), np.array(col), np.array(coef))


def allocate_constrained(lines: list[Line], limits: Limits) -> dict[Hashable, Granted]:
    """The fair allocation of `lines` under `limits`, in cents, with what held each line back.
    Deterministic: ties follow the order of `lines`."""
    if not lines:
        return {}
    products = sorted({line.product for line in lines}, key=str)
    index = {p: i for i, p in enumerate(products)}
    asked = np.array([line.asked_cents for line in lines], dtype=np.int64)
    weight = np.array([max(int(limits.weight.get(line.organisation, 1)), 1) for line in lines])
    supply = np.array([int(limits.supply.get(p, 0)) for p in products], dtype=np.int64)
    product_of = np.array([index[line.product] for line in lines], dtype=np.int64)
    rows = _rows(lines, limits)
    granted = allocate_cents(product_of, asked, weight, supply)
    if (_usage(rows, granted) > rows.bound + 1e-9).any():
        granted = _to_cents(rows, _progressive_filling(rows, asked / 100, weight), asked)
    reasons = _reasons(rows, granted, asked)
    return {
        line.key: Granted(int(g), reason)
        for line, g, reason in zip(lines, granted, reasons, strict=True)
    }


def _usage(rows: _Rows, cents: np.ndarray) -> np.ndarray:
    return np.bincount(
        rows.row, weights=rows.coef * cents[rows.col] / 100, minlength=len(rows.kind)
    )


def _progressive_filling(rows: _Rows, asked: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Kg per line: the weighted max-min fair point of {0 ≤ x ≤ asked, rows}."""
    n = len(asked)
    x, free = np.zeros(n), asked > 0
    slack = rows.bound.astype(float).copy()
    tolerance = 1e-9 * np.maximum(rows.bound, 1.0)
    while free.any():
        rate = np.bincount(
            rows.row, weights=rows.coef * weight[rows.col] * free[rows.col], minlength=len(slack)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            by_row = np.where(rate > 0, np.maximum(slack, 0) / rate, np.inf)
        by_line = np.where(free, (asked - x) / weight, np.inf)
        step = min(by_row.min(), by_line.min())
        x[free] += step * weight[free]
        slack -= step * rate
        full = slack <= tolerance
        stuck = np.zeros(n, dtype=bool)
        stuck[rows.col[full[rows.row]]] = True
        done = free & (stuck | (x >= asked - 1e-12))
        x[done & (x > asked)] = asked[done & (x > asked)]
        free &= ~done
    return x


def _to_cents(rows: _Rows, kg: np.ndarray, asked: np.ndarray) -> np.ndarray:
    """Round down to cents (every constraint stays met), then give the cents left one by one,
    largest remainder first, to lines whose constraints all still have room."""
    exact = kg * 100
    granted = np.minimum(np.floor(exact + 1e-6).astype(np.int64), asked)
    slack = rows.bound - _usage(rows, granted)
    entries: dict[int, list[tuple[int, float]]] = {}
    for r, i, c in zip(rows.row, rows.col, rows.coef, strict=True):
        entries.setdefault(int(i), []).append((int(r), c / 100))
    remainder = exact - granted
    for i in np.lexsort((np.arange(len(kg)), -remainder)):
        if remainder[i] < 1e-6 or granted[i] >= asked[i]:
            continue
        if all(slack[r] >= c - 1e-9 for r, c in entries[int(i)]):
            granted[i] += 1
            for r, c in entries[int(i)]:
                slack[r] -= c
    return granted


def _reasons(rows: _Rows, granted: np.ndarray, asked: np.ndarray) -> list[str]:
    """What holds each line back: a category maximum before cold storage before supply."""
    slack = rows.bound - _usage(rows, granted)
    full = slack < rows.coef.max(initial=1.0) / 100 - 1e-9
    held = {kind: np.zeros(len(asked), dtype=bool) for kind in (BY_CATEGORY, BY_CRATES)}
    kinds = np.array(rows.kind)
    for kind, mask in held.items():
        hit = full[rows.row] & (kinds[rows.row] == kind)
        mask[rows.col[hit]] = True
    return [
        AS_ASKED if g >= a else BY_CATEGORY if held[BY_CATEGORY][i]
        else BY_CRATES if held[BY_CRATES][i] else BY_SUPPLY
        for i, (g, a) in enumerate(zip(granted, asked, strict=True))
    ]  # fmt: skip


def max_min_by_lps(lines: list[Line], limits: Limits) -> np.ndarray:
    """The same optimum (kg per line) as a sequence of LPs with HiGHS — the cross-check.
    Maximise the level t of the free lines (x_i ≥ t·w_i); a free line whose row has a
    non-zero dual is tight in every optimum (complementary slackness): freeze it; repeat."""
    import highspy

    rows = _rows(lines, limits)
    n = len(lines)
    asked = np.array([line.asked_cents for line in lines]) / 100
    weight = np.array([max(int(limits.weight.get(line.organisation, 1)), 1) for line in lines])
    inf = highspy.kHighsInf
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.addCols(n, np.zeros(n), np.zeros(n), asked, 0, [], [], [])
    h.addCols(1, np.ones(1), np.zeros(1), np.array([(asked / weight).max() + 1]), 0, [], [], [])
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for r in range(len(rows.kind)):
        members = rows.row == r
        idx = rows.col[members].astype(np.int32)
        h.addRow(-inf, float(rows.bound[r]), len(idx), idx, rows.coef[members])
    first = h.getNumRow()
    for i in range(n):  # t − x_i / w_i ≤ 0 while line i is free
        h.addRow(-inf, 0.0, 2, np.array([i, n], dtype=np.int32), np.array([-1 / weight[i], 1.0]))
    free, x = asked > 0, np.zeros(n)
    for i in np.flatnonzero(~free):
        h.changeRowBounds(first + int(i), -inf, inf)
    while free.any():
        h.run()
        solution = h.getSolution()
        level = solution.col_value[n]
        tight = free & (np.abs(np.array(solution.row_dual[first:])) > 1e-9)
        for i in np.flatnonzero(tight if tight.any() else free):
            x[i] = min(level * weight[i], asked[i])
            h.changeColBounds(int(i), max(x[i] - 1e-9, 0.0), x[i])
            h.changeRowBounds(first + int(i), -inf, inf)
            free[i] = False
    return x
