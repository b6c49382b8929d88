"""A synthetic 1,000-stop day (issue 4, §4): 850 deliveries and 150 optional store pickups
around the hub (South-West Flanders, ~25 km), 40 vans (30 refrigerated) with reloads,
delivery windows, chilled goods — planned with the production model in ≤ 120 s, and
compared with a 10-minute run of the same model (run beside it on the other core).

    .venv/bin/python bench/routes_scale.py [--seconds 110] [--reference 600] [--seed 1]

Prints both objectives (km cost + worth of the pickups left) and the gap."""

import argparse
import multiprocessing
import time

import numpy as np

HUB = (50.8497, 3.2886)
H = 3600


def synthetic_day(seed: int):
    from samen.food.routing import DELIVERY, PICKUP, Day, Stop, Van

    rng = np.random.default_rng(seed)
    stops = []
    for i in range(1000):
        lat = HUB[0] + rng.normal(0, 0.08)
        lon = HUB[1] + rng.normal(0, 0.12)
        if i < 150:
            stops.append(Stop(("pickup", i), PICKUP, f"Winkel {i}", lat, lon,
                              int(rng.choice([20, 40, 60, 100])), 3, bool(rng.random() < 0.7),
                              ((int(7 * H), int(11 * H)),), 600))  # fmt: skip
        else:
            start = int(rng.integers(8, 12)) * H
            stops.append(Stop(("delivery", i), DELIVERY, f"Organisatie {i}", lat, lon,
                              int(rng.integers(5, 60)), 2, bool(rng.random() < 0.6),
                              ((start, start + 4 * H),), 420))  # fmt: skip
    vans = tuple(
        Van(n, f"Wagen {n}", 1000, 70, n < 30, int(7 * H), int(17 * H), 35) for n in range(40)
    )
    return Day(HUB[0], HUB[1], vans, tuple(stops))


def solve(args) -> tuple[float, float, float, int]:
    seconds, seed = args
    from samen.food import routing

    start = time.perf_counter()
    plan = routing.plan_day(synthetic_day(seed), seconds=seconds)
    return plan.objective_cents, time.perf_counter() - start, plan.km, len(plan.unserved)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=110)
    parser.add_argument("--reference", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with multiprocessing.Pool(2) as pool:
        short, long = pool.map(solve, [(args.seconds, args.seed), (args.reference, args.seed)])
    for name, (objective, seconds, km, unserved) in (("planned", short), ("reference", long)):
        print(f"{name:<10} {seconds:7.1f} s  objective {objective / 100:10.2f} €  "
              f"{km:8.1f} km  unserved {unserved}")  # fmt: skip
    gap = (short[0] - long[0]) / long[0] * 100
    print(f"gap to the {args.reference:g} s run: {gap:+.2f} % (target ≤ 2 %, ≤ 120 s end to end)")


if __name__ == "__main__":
    main()
