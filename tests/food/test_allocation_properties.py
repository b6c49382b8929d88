"""The allocation's properties on random instances (hypothesis), and exactness against a
reference computed with fractions."""

from decimal import Decimal as D
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from samen.food.allocation import allocate_cents, assign_lots, fair_shares

lines = st.lists(st.tuples(st.integers(0, 50_000), st.integers(1, 400)), min_size=1, max_size=25)


def reference_level(supply: int, demands: list[tuple[int, int]]) -> Fraction | None:
    """The water level, by brute force over every line as the possible first capped one."""
    if sum(a for a, _w in demands) <= supply:
        return None
    for a, w in sorted(demands, key=lambda d: Fraction(d[0], d[1])):
        served = [d for d in demands if Fraction(d[0], d[1]) < Fraction(a, w)]
        rest = [d for d in demands if Fraction(d[0], d[1]) >= Fraction(a, w)]
        level = Fraction(supply - sum(x for x, _ in served), sum(v for _, v in rest))
        if level <= Fraction(a, w):
            return level
    raise AssertionError("no level")


@settings(max_examples=300, deadline=None)
@given(lines, st.integers(0, 400_000))
def test_properties_and_exactness(demands, supply):
    asked = np.array([a for a, _ in demands], dtype=np.int64)
    weight = np.array([w for _, w in demands], dtype=np.int64)
    granted = allocate_cents(
        np.zeros(len(demands), dtype=np.int64), asked, weight, np.array([supply], dtype=np.int64)
    )
    assert (granted >= 0).all() and (granted <= asked).all()  # never more than asked
    assert granted.sum() == min(supply, asked.sum())  # never more than supply, none left
    level = reference_level(supply, demands)
    for (a, w), g in zip(demands, granted, strict=True):
        exact = Fraction(a) if level is None else min(Fraction(a), level * w)
        assert abs(Fraction(int(g)) - exact) < 1  # the exact share, to the cent


@settings(max_examples=100, deadline=None)
@given(lines, st.integers(0, 400_000), st.randoms())
def test_deterministic_and_independent_of_the_order_of_organisations(demands, supply, rnd):
    keyed = {f"org{i:03d}": (D(a) / 100, D(w)) for i, (a, w) in enumerate(demands)}
    shuffled = list(keyed.items())
    rnd.shuffle(shuffled)
    assert fair_shares(D(supply) / 100, keyed) == fair_shares(D(supply) / 100, dict(shuffled))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 5_000), min_size=1, max_size=8),
    st.lists(st.integers(1, 5_000), min_size=1, max_size=8),
)
def test_oldest_expiring_lots_are_used_first(needs, lots):
    pieces = assign_lots(
        [(i, D(n)) for i, n in enumerate(needs)], [(j, D(k)) for j, k in enumerate(lots)]
    )
    used = {}
    for _need, lot, kg in pieces:
        used[lot] = used.get(lot, D(0)) + kg
    assert sum(used.values()) == min(sum(needs), sum(lots))
    touched = sorted(used)
    for lot in touched[:-1]:  # every lot before the last one touched is emptied
        assert used[lot] == lots[lot]
    assert touched == list(range(len(touched)))  # no lot skipped
    for i, n in enumerate(needs):  # nobody gets more than needed
        assert sum(kg for need, _lot, kg in pieces if need == i) <= n


def test_many_products_at_once_equal_one_at_a_time():
    rng = np.random.default_rng(7)
    product = rng.integers(0, 50, 2_000)
    asked = rng.integers(0, 3_000, 2_000)
    weight = rng.integers(1, 300, 2_000)
    supply = rng.integers(0, 40_000, 50)
    together = allocate_cents(product, asked, weight, supply)
    for p in range(50):
        mine = product == p
        alone = allocate_cents(
            np.zeros(mine.sum(), dtype=np.int64), asked[mine], weight[mine], supply[p : p + 1]
        )
        assert (together[mine] == alone).all()
