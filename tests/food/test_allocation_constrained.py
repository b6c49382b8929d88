"""The fair allocation across products: an organisation's cold storage and the category
maxima. Properties on random instances (hypothesis), cross-checked against the sequence of
LPs (HiGHS), and a case computed by hand."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from samen.food.allocation import (
    AS_ASKED,
    BY_CATEGORY,
    BY_CRATES,
    BY_SUPPLY,
    Limits,
    Line,
    allocate_cents,
    allocate_constrained,
    max_min_by_lps,
)


def test_hand_computed_cold_storage_and_category_maximum():
    # Two organisations (A: 10 persons, B: 30), two chilled products (milk, yoghurt, one
    # crate per 10 kg) in the category "zuivel" with a maximum of 12 kg per order.
    # A has room for 1 crate (= 10 kg chilled); B has no cold storage recorded.
    lines = [
        Line("A-milk", "A", "milk", 800), Line("A-yog", "A", "yog", 800),
        Line("B-milk", "B", "milk", 2000), Line("B-yog", "B", "yog", 2000),
    ]  # fmt: skip
    limits = Limits(
        supply={"milk": 2000, "yog": 4000},
        weight={"A": 10, "B": 30},
        category={"milk": "zuivel", "yog": "zuivel"},
        category_max={"zuivel": 1200},
        crates_per_kg={"milk": 0.1, "yog": 0.1},
        crates={"A": 1},
    )
    result = allocate_constrained(lines, limits)
    # Milk alone: A 5, B 15 (by persons). But B may take 12 kg of zuivel at most, and A
    # 10 kg (its crate). Progressive filling: all grow at 1:3; B's 12 kg fills at level
    # 0.4 (A at 2+2=4 kg); B frozen (6+6). A grows alone until its crate is full: 10 kg
    # over milk and yoghurt evenly → 5 + 5; milk: 5 + 6 = 11 ≤ 20, yog: 5 + 6 ≤ 40.
    assert {k: g.cents for k, g in result.items()} == {
        "A-milk": 500, "A-yog": 500, "B-milk": 600, "B-yog": 600,
    }  # fmt: skip
    assert result["A-milk"].reason == BY_CRATES
    assert result["B-yog"].reason == BY_CATEGORY


@st.composite
def instances(draw):
    n_org = draw(st.integers(1, 6))
    n_prod = draw(st.integers(1, 6))
    lines = []
    for o in range(n_org):
        for p in draw(st.sets(st.integers(0, n_prod - 1), min_size=1)):
            lines.append(Line((o, p), o, p, draw(st.integers(0, 5000))))
    limits = Limits(
        supply={p: draw(st.integers(0, 12000)) for p in range(n_prod)},
        weight={o: draw(st.integers(1, 50)) for o in range(n_org)},
        category={p: p % 2 for p in range(n_prod)},
        category_max={0: draw(st.one_of(st.none(), st.integers(0, 6000)))},
        crates_per_kg={p: draw(st.sampled_from([0, 0.05, 0.1, 0.25])) for p in range(n_prod)},
        crates={o: draw(st.integers(0, 8)) for o in range(n_org) if draw(st.booleans())},
    )
    return lines, limits


def _loads(lines, limits, cents):
    per_product, per_cat, per_crates = {}, {}, {}
    for line, c in zip(lines, cents, strict=True):
        per_product[line.product] = per_product.get(line.product, 0) + c
        key = (line.organisation, limits.category[line.product])
        per_cat[key] = per_cat.get(key, 0) + c
        per_crates[line.organisation] = (
            per_crates.get(line.organisation, 0) + c / 100 * limits.crates_per_kg[line.product]
        )
    return per_product, per_cat, per_crates


@settings(max_examples=200, deadline=None)
@given(instances())
def test_feasible_fair_and_equal_to_the_sequence_of_lps(instance):
    lines, limits = instance
    result = allocate_constrained(lines, limits)
    cents = [result[line.key].cents for line in lines]
    per_product, per_cat, per_crates = _loads(lines, limits, cents)
    assert all(0 <= c <= line.asked_cents for line, c in zip(lines, cents, strict=True))
    assert all(per_product[p] <= limits.supply[p] for p in per_product)  # never above supply
    for (_o, cat), used in per_cat.items():
        if limits.category_max.get(cat) is not None:
            assert used <= limits.category_max[cat]
    for o, used in per_crates.items():
        if o in limits.crates:
            assert used <= limits.crates[o] + 1e-9
    # The lexicographic max-min optimum, computed independently by LPs, to the cent.
    lp = max_min_by_lps(lines, limits) * 100
    assert np.abs(np.array(cents) - lp).max() <= 1 + 1e-6
    # Every line short of its ask is held by a full constraint, and the reason names one.
    for line, c in zip(lines, cents, strict=True):
        reason = result[line.key].reason
        assert (reason == AS_ASKED) == (c == line.asked_cents)
        if reason == BY_SUPPLY:
            assert per_product[line.product] > limits.supply[line.product] - len(lines)


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_deterministic_and_without_binding_limits_the_per_product_water_filling(instance, rnd):
    lines, limits = instance
    first = allocate_constrained(lines, limits)
    assert allocate_constrained(list(lines), limits) == first
    loose = Limits(limits.supply, limits.weight, limits.category, {}, {}, {})
    products = sorted({line.product for line in lines})
    exact = allocate_cents(
        np.array([products.index(line.product) for line in lines]),
        np.array([line.asked_cents for line in lines]),
        np.array([limits.weight[line.organisation] for line in lines]),
        np.array([limits.supply[p] for p in products]),
    )
    free = allocate_constrained(lines, loose)
    assert [free[line.key].cents for line in lines] == list(exact)
