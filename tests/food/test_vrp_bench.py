"""The routing benchmark reads each set in its own cost convention: the best-known routes
of the .sol, costed with our distances, give exactly the published cost."""

import itertools
from pathlib import Path

import pytest
import vrplib

from samen.food import vrp_bench
from tests.conftest import SHARED

VRP = SHARED / "bench" / "vrp"


def route_cost(instance: vrp_bench.Instance, routes: list[list[int]]) -> float:
    matrix = instance.data.distance_matrix(0)
    total = 0
    for route in routes:
        stops = [0, *route, 0]
        total += sum(int(matrix[a, b]) for a, b in itertools.pairwise(stops))
    return total / instance.scale


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (VRP / "cvrp" / "X-n101-k25.vrp", "cvrp"),
        (VRP / "cvrp" / "X-n157-k13.vrp", "cvrp"),
        (VRP / "vrptw" / "C101.txt", "vrptw"),
        (VRP / "vrptw" / "RC101.txt", "vrptw"),
    ],
)
def test_the_best_known_routes_cost_exactly_the_best_known_cost(path: Path, kind: str):
    instance = vrp_bench.read(path)
    assert instance.kind == kind  # decided from the contents, not the name
    solution = vrplib.read_solution(path.with_suffix(".sol"))
    cost = route_cost(instance, solution["routes"])
    assert cost == pytest.approx(vrp_bench.best_known(path), abs=0.05)


def test_a_wrong_convention_would_show_as_a_false_gap():
    path = VRP / "vrptw" / "C101.txt"
    instance = vrp_bench.read(path)
    solution = vrplib.read_solution(path.with_suffix(".sol"))
    raw = instance.raw
    exact = 0.0
    for route in solution["routes"]:
        stops = [0, *route, 0]
        for a, b in itertools.pairwise(stops):
            (xa, ya), (xb, yb) = raw["node_coord"][a], raw["node_coord"][b]
            exact += ((xa - xb) ** 2 + (ya - yb) ** 2) ** 0.5
    assert round(exact, 2) == 828.94 and route_cost(instance, solution["routes"]) == 827.3


@pytest.mark.parametrize("solver", ["pyvrp", "ortools"])
def test_solving_a_solomon_instance_briefly_gives_a_feasible_near_optimal_plan(solver):
    result = vrp_bench.run(VRP / "vrptw" / "C101.txt", solver=solver, seconds=1, seed=1)
    assert result.feasible and result.bks == 827.3
    assert 0 <= result.gap_pct < 5
    assert result.solver == solver


def test_the_command_prints_json_with_the_agreed_keys(capsys):
    import json

    from django.core.management import call_command

    call_command(
        "plan", "bench", str(VRP / "cvrp" / "X-n101-k25.vrp"), "--time-limit", "1", "--json"
    )
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0]) == ["instance", "cost", "bks", "gap_pct", "seconds", "solver"]
    assert rows[0]["instance"] == "X-n101-k25" and rows[0]["cost"] >= 27591


def test_the_ortools_baseline_covers_the_heterogeneous_fleet_and_multi_trip():
    result = vrp_bench.run(VRP / "hfvrp" / "X101-FSMFD.vrp", solver="ortools", seconds=1)
    assert result.feasible and result.cost >= result.bks
    # Multi-trip with release times: OR-Tools' routes, costed and checked by PyVRP's exact
    # rules, are a feasible plan that cannot beat the proven optimum.
    result = vrp_bench.run(VRP / "mtvrptwr" / "C201R0.25.vrp", solver="ortools", seconds=3)
    assert result.feasible and result.cost >= result.bks


def test_the_greedy_start_for_multi_trip_is_feasible_under_the_exact_rules():
    import pyvrp

    data = vrp_bench.read(VRP / "mtvrptwr" / "C201R0.25.vrp").data
    routes = []
    for trips in vrp_bench._greedy_trips(data):
        activities = []
        for trip in trips:
            if activities:
                activities.append(pyvrp.Activity(pyvrp.ActivityType.DEPOT, 0))
            activities += [pyvrp.Activity(pyvrp.ActivityType.CLIENT, c) for c in trip]
        if activities:
            routes.append(pyvrp.Route(data, activities, 0))
    solution = pyvrp.Solution(data, routes)
    assert solution.is_complete() and solution.is_feasible()
