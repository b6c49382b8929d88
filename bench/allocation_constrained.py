"""The fair allocation with the cross-product constraints at the hub's real size (issue 4,
§1b): 45 organisations × 300 lots (120 products in 8 categories, three chilled or frozen),
every organisation ordering ~40 products; each organisation's cold-storage crates and two
category maxima bind for many of them.

    .venv/bin/python bench/allocation_constrained.py [--seed 1] [--repeat 5]

Prints the time of `allocate_constrained` (progressive filling, exact) and of the same
optimum as a sequence of LPs with HiGHS (`max_min_by_lps`), and the largest difference
between the two in cents; checks every constraint on the result."""

import argparse
import statistics
import time

import numpy as np


def instance(seed: int):
    from samen.food.allocation import Limits, Line

    rng = np.random.default_rng(seed)
    products = range(120)
    lot_product = rng.integers(0, 120, 300)  # 300 lots over 120 products
    lot_kg = rng.integers(200, 4000, 300)  # 2 to 40 kg a lot, in cents
    supply = {p: int(lot_kg[lot_product == p].sum()) for p in products}
    category = {p: p % 8 for p in products}
    lines = []
    for o in range(45):
        for p in rng.choice(120, size=int(rng.integers(25, 55)), replace=False):
            lines.append(Line((o, int(p)), o, int(p), int(rng.integers(100, 2500))))
    limits = Limits(
        supply=supply,
        weight={o: int(rng.integers(10, 400)) for o in range(45)},
        category=category,
        category_max={1: 2500, 5: 4000},  # 25 kg and 40 kg per order
        crates_per_kg={p: 1 / float(rng.choice([5, 8, 10, 12])) for p in products if p % 8 < 3},
        crates={o: int(rng.choice([4, 6, 8, 10, 15])) for o in range(45)},
    )
    return lines, limits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from samen.food.allocation import allocate_constrained, max_min_by_lps

    lines, limits = instance(args.seed)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = allocate_constrained(lines, limits)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    lp = max_min_by_lps(lines, limits) * 100
    lp_time = time.perf_counter() - start
    cents = np.array([result[line.key].cents for line in lines])
    used_product, used_cat, used_crates = {}, {}, {}
    for line, c in zip(lines, cents, strict=True):
        used_product[line.product] = used_product.get(line.product, 0) + c
        key = (line.organisation, limits.category[line.product])
        used_cat[key] = used_cat.get(key, 0) + c
        k = limits.crates_per_kg.get(line.product, 0)
        used_crates[line.organisation] = used_crates.get(line.organisation, 0) + c / 100 * k
    assert all(used_product[p] <= limits.supply[p] for p in used_product)
    assert all(
        used <= limits.category_max[cat] for (_o, cat), used in used_cat.items()
        if cat in limits.category_max
    )  # fmt: skip
    assert all(used_crates[o] <= limits.crates[o] + 1e-9 for o in used_crates)
    reasons = {}
    for granted in result.values():
        reasons[granted.reason] = reasons.get(granted.reason, 0) + 1
    print(f"{len(lines)} lines, 45 organisations, 300 lots / 120 products; held by: {reasons}")
    print(f"progressive filling: median {statistics.median(times) * 1000:.0f} ms "
          f"(of {args.repeat}); sequence of LPs (HiGHS): {lp_time * 1000:.0f} ms")  # fmt: skip
    print(f"largest difference between the two: {np.abs(cents - lp).max():.3f} cent; checks passed")


if __name__ == "__main__":
    main()
