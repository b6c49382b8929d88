"""The fair default allocation, against hand-computed cases and its properties."""

import random
from decimal import Decimal as D

from samen.food.allocation import fair_shares


def granted(supply, demands):
    return {
        k: s.granted
        for k, s in fair_shares(
            D(supply), {k: (D(a), D(w)) for k, (a, w) in demands.items()}
        ).items()
    }


def test_enough_supply_gives_everyone_what_they_asked():
    assert granted("100", {"a": ("30", "1"), "b": ("50", "3")}) == {"a": D("30"), "b": D("50")}


def test_hand_computed_weighted_water_filling():
    # 60 kg; A asks 10 (weight 1), B asks 40 (weight 1), C asks 40 (weight 2).
    # A is served fully (10); 50 kg left for B and C at level L: L*1 + L*2 = 50 → L = 16.67;
    # B gets 16.67, C 33.33, which are below their asks.
    result = granted("60", {"A": ("10", "1"), "B": ("40", "1"), "C": ("40", "2")})
    assert result == {"A": D("10"), "B": D("16.67"), "C": D("33.33")}
    assert sum(result.values()) == D("60")


def test_no_supply_gives_nothing_to_anyone():
    assert granted("0", {"a": ("5", "1"), "b": ("3", "2")}) == {"a": D("0"), "b": D("0")}


def test_equal_weights_split_evenly_and_the_cent_goes_by_key():
    result = granted("10", {"x": ("9", "1"), "y": ("9", "1"), "z": ("9", "1")})
    assert sorted(result.values()) == [D("3.33"), D("3.33"), D("3.34")]
    assert sum(result.values()) == D("10")


def test_properties_on_random_instances():
    rng = random.Random(42)
    for _ in range(300):
        n = rng.randint(1, 12)
        demands = {
            f"o{i}": (D(rng.randint(1, 5000)) / 100, D(rng.randint(1, 400))) for i in range(n)
        }
        supply = D(rng.randint(0, 20000)) / 100
        shares = fair_shares(supply, demands)
        total_asked = sum(a for a, _w in demands.values())
        total = sum(s.granted for s in shares.values())
        assert total == min(supply, total_asked)  # all supply used, never more
        for s in shares.values():
            assert D("0") <= s.granted <= s.asked  # never more than asked
        # Max-min fair: one who got less than asked has a weighted share at least as large
        # as anyone else's — up to the one cent each may have gained or lost in rounding.
        cent = D("0.01")
        for s in shares.values():
            if s.granted < s.asked:
                for other in shares.values():
                    assert (other.granted - cent) / other.weight <= (s.granted + cent) / s.weight
        assert shares == fair_shares(supply, dict(reversed(list(demands.items()))))
