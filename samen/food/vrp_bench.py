"""Routing benchmarks: read a published instance, solve it, compare with the best-known
solution — each set in its own cost convention (../shared/bench/vrp/README.md):

- CVRP (X set, VRPLIB ``EUC_2D``): distances rounded to integers per edge;
- Solomon VRPTW and multi-trip: distances truncated to one decimal per edge (DIMACS),
  solved in tenths, reported in units (Solomon) or in tenths as the ``.sol`` states
  (multi-trip);
- heterogeneous fleet: exact distances × unit cost + fixed costs, files scaled ×100;
  solved in thousandths, reported as the ``.sol`` does (total / 100).

The convention is chosen from the file's own contents (format and fields), never from
its name, so other instances of the same sets are read the same way. Pure: no database.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import vrplib


@dataclass
class BenchResult:
    instance: str
    cost: float
    bks: float | None
    gap_pct: float | None
    seconds: float
    solver: str
    feasible: bool

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Instance:
    name: str
    kind: str  # "cvrp", "vrptw", "hfvrp", "mtvrp"
    path: Path
    data: object  # pyvrp.ProblemData
    scale: float  # solver cost / scale = cost in the .sol's units
    raw: dict


def _is_solomon(path: Path) -> bool:
    return path.suffix.lower() == ".txt" or "CUST NO." in path.read_text()[:2000].upper()


def read(path: Path) -> Instance:
    import pyvrp

    path = Path(path)
    if _is_solomon(path):
        raw = vrplib.read_instance(path, instance_format="solomon")
        return Instance(raw["name"], "vrptw", path, _solomon_data(raw), 10.0, raw)
    raw = vrplib.read_instance(path)
    if "vehicles_fixed_cost" in raw or "vehicles_unit_distance_cost" in raw:
        # Exact distances (×1000 as integers) × unit costs, in the file's ×100 costs.
        return Instance(raw["name"], "hfvrp", path, pyvrp.read(path, "exact"), 1000.0 * 100, raw)
    if "time_window" in raw or "release_time" in raw:
        # DIMACS tenths; the .sol states the cost in tenths too.
        return Instance(raw["name"], "mtvrp", path, pyvrp.read(path, "dimacs"), 1.0, raw)
    return Instance(raw["name"], "cvrp", path, pyvrp.read(path, "round"), 1.0, raw)


def _solomon_data(raw: dict):
    """Solomon in DIMACS tenths: distance = duration = floor(10 · euclid) per edge."""
    import pyvrp

    model = pyvrp.Model()
    coords, windows = raw["node_coord"], raw["time_window"]
    service, demand = raw["service_time"], raw["demand"]
    locations = [model.add_location(float(x), float(y)) for x, y in coords]
    model.add_depot(locations[0], tw_early=int(windows[0][0] * 10), tw_late=int(windows[0][1] * 10))
    for i in range(1, len(coords)):
        model.add_client(
            locations[i],
            delivery=int(demand[i]),
            service_duration=int(service[i] * 10),
            tw_early=int(windows[i][0] * 10),
            tw_late=int(windows[i][1] * 10),
        )
    model.add_vehicle_type(
        num_available=int(raw["vehicles"]),
        capacity=int(raw["capacity"]),
        tw_early=int(windows[0][0] * 10),
        tw_late=int(windows[0][1] * 10),
    )
    for i, (xi, yi) in enumerate(coords):
        for j, (xj, yj) in enumerate(coords):
            if i != j:
                tenths = math.floor(10 * math.hypot(xi - xj, yi - yj))
                model.add_edge(locations[i], locations[j], distance=tenths, duration=tenths)
    return model.data()


def best_known(path: Path) -> float | None:
    solution = Path(path).with_suffix(".sol")
    if not solution.exists():
        return None
    return float(vrplib.read_solution(solution)["cost"])


def solve_pyvrp(instance: Instance, *, seconds: float, seed: int) -> tuple[float, bool]:
    import pyvrp
    from pyvrp.stop import MaxRuntime

    result = pyvrp.solve(instance.data, stop=MaxRuntime(seconds), seed=seed, display=False)
    return result.cost() / instance.scale, result.is_feasible()


def solve_ortools(instance: Instance, *, seconds: float, seed: int) -> tuple[float, bool]:
    """OR-Tools with guided local search (the baseline column): CVRP, VRPTW, the
    heterogeneous fleet (fixed and per-distance costs as in the file; to keep the model
    small, at most ⌈total demand / capacity⌉ + 2 vans of each type are offered) and the
    multi-trip set (below)."""
    import math as m

    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    data = instance.data
    if instance.kind == "mtvrp":
        return _ortools_multi_trip(instance, seconds=seconds)
    matrix = data.distance_matrix(0)
    durations = data.duration_matrix(0)
    n = data.num_locations
    clients = [None, *data.clients()]  # index = node; node 0 is the depot
    demand = [0] + [int(c.delivery[0]) for c in clients[1:]]
    fleet = []  # one entry per van: its vehicle type
    for k in range(data.num_vehicle_types):
        vehicle = data.vehicle_type(k)
        count = vehicle.num_available
        if instance.kind == "hfvrp":
            count = min(count, m.ceil(sum(demand) / vehicle.capacity[0]) + 2)
        fleet += [vehicle] * count
    manager = pywrapcp.RoutingIndexManager(n, len(fleet), 0)
    routing = pywrapcp.RoutingModel(manager)
    evaluators = {}
    for v, vehicle in enumerate(fleet):
        unit = int(vehicle.unit_distance_cost)
        if unit not in evaluators:
            evaluators[unit] = routing.RegisterTransitCallback(
                lambda i, j, u=unit: u * int(matrix[manager.IndexToNode(i), manager.IndexToNode(j)])
            )
        routing.SetArcCostEvaluatorOfVehicle(evaluators[unit], v)
        routing.SetFixedCostOfVehicle(int(vehicle.fixed_cost), v)
    load = routing.RegisterUnaryTransitCallback(lambda i: demand[manager.IndexToNode(i)])
    routing.AddDimensionWithVehicleCapacity(
        load, 0, [int(v.capacity[0]) for v in fleet], True, "load"
    )
    if instance.kind == "vrptw":
        service = [0] + [int(c.service_duration) for c in clients[1:]]

        def travel(i, j):
            a, b = manager.IndexToNode(i), manager.IndexToNode(j)
            return int(durations[a, b]) + service[a]

        time_cb = routing.RegisterTransitCallback(travel)
        horizon = int(fleet[0].tw_late)
        routing.AddDimension(time_cb, horizon, horizon, False, "time")
        dimension = routing.GetDimensionOrDie("time")
        for node in range(1, n):
            c = clients[node]
            dimension.CumulVar(manager.NodeToIndex(node)).SetRange(int(c.tw_early), int(c.tw_late))
    params = pywrapcp.DefaultRoutingSearchParameters()
    # Insertion builds a first feasible plan under time windows or a tight fleet (under 1.5×
    # the demand in capacity); the cheapest arc is the better start otherwise.
    tight = sum(int(v.capacity[0]) for v in fleet) < 1.5 * sum(demand)
    strategy = routing_enums_pb2.FirstSolutionStrategy
    params.first_solution_strategy = (
        strategy.PARALLEL_CHEAPEST_INSERTION
        if instance.kind == "vrptw" or tight
        else strategy.PATH_CHEAPEST_ARC
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return float("nan"), False
    return solution.ObjectiveValue() / instance.scale, True


def _ortools_multi_trip(instance: Instance, *, seconds: float) -> tuple[float, bool]:
    """Multi-trip VRPTW with release times in OR-Tools, exact. The classic reload model:
    optional copies of the hub that empty the van (load slack up to the capacity). The
    release time: a "release" dimension that stays constant along a trip (no transit, no
    slack at clients) and is at least each client's release; it may only rise at the hub
    (its slack), and the van leaves the hub (time + waiting) no earlier than the value it
    rises to. The capacity is soft (a penalty above any route): OR-Tools' first-solution
    heuristics cannot insert a client and its reload at once under a hard one; a plan with
    any overload left is infeasible. The routes are costed and checked by PyVRP's rules."""
    import pyvrp
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    data = instance.data
    vehicle = data.vehicle_type(0)
    clients = data.clients()
    n_clients = len(clients)
    capacity = int(vehicle.capacity[0])
    vans = int(vehicle.num_available)
    demand_total = sum(int(c.delivery[0]) for c in clients)
    copies = vans * (2 * math.ceil(math.ceil(demand_total / capacity) / vans) + 2)
    location = [0] + list(range(1, n_clients + 1)) + [0] * copies  # node → location
    hub_copy = [False] * (n_clients + 1) + [True] * copies
    distance, duration = data.distance_matrix(0), data.duration_matrix(0)
    service = [0] + [int(c.service_duration) for c in clients] + [0] * copies
    demand = [0] + [int(c.delivery[0]) for c in clients] + [-capacity] * copies
    nodes = len(location)
    manager = pywrapcp.RoutingIndexManager(nodes, vans, 0)
    routing = pywrapcp.RoutingModel(manager)
    node = manager.IndexToNode
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(
        lambda i, j: int(distance[location[node(i)], location[node(j)]])
    ))  # fmt: skip
    load = routing.RegisterUnaryTransitCallback(lambda i: demand[node(i)])
    routing.AddDimension(load, capacity, demand_total + capacity, True, "load")
    loads = routing.GetDimensionOrDie("load")
    horizon = int(vehicle.tw_late)
    routing.AddDimension(routing.RegisterTransitCallback(
        lambda i, j: int(duration[location[node(i)], location[node(j)]]) + service[node(i)]
    ), horizon, horizon, False, "time")  # fmt: skip
    times = routing.GetDimensionOrDie("time")
    routing.AddDimension(routing.RegisterUnaryTransitCallback(lambda i: 0), horizon, horizon,
                         False, "release")  # fmt: skip
    release = routing.GetDimensionOrDie("release")
    solver = routing.solver()
    overload = 10 * int(distance.max()) * nodes
    trip_starts = [routing.Start(v) for v in range(vans)]
    for n in range(1, nodes):
        index = manager.NodeToIndex(n)
        loads.SetCumulVarSoftUpperBound(index, capacity, overload)
        if hub_copy[n]:
            routing.AddDisjunction([index], 0)
            trip_starts.append(index)
        else:
            c = clients[n - 1]
            loads.SlackVar(index).SetValue(0)
            release.SlackVar(index).SetValue(0)
            times.CumulVar(index).SetRange(int(c.tw_early), int(c.tw_late))
            release.CumulVar(index).SetMin(int(c.release_time))
    for v in range(vans):  # a node's load is counted before it: the end needs a bound too
        loads.SetCumulVarSoftUpperBound(routing.End(v), capacity, overload)
    for index in trip_starts:  # leaving the hub: not before the trip's release
        solver.Add(times.CumulVar(index) + times.SlackVar(index)
                   >= release.CumulVar(index) + release.SlackVar(index))  # fmt: skip
        # Instantiated in every solution, so the constraint is checked, not only propagated.
        for var in (times.SlackVar(index), release.SlackVar(index), release.CumulVar(index)):
            routing.AddVariableMinimizedByFinalizer(var)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    # OR-Tools' own first-solution heuristics find no plan under the release constraint,
    # so the search starts from a plain greedy one (below), reloads as hub copies.
    first, copy = [], n_clients + 1
    for trips in _greedy_trips(data):
        route = []
        for t, trip in enumerate(trips):
            if t:
                route.append(copy)
                copy += 1
            route += [c + 1 for c in trip]
        first.append(route)
    start = routing.ReadAssignmentFromRoutes(first, True)
    if start is None:
        return float("nan"), False
    solution = routing.SolveFromAssignmentWithParameters(start, params)
    if solution is None:
        return float("nan"), False
    kind = pyvrp.ActivityType
    routes = []
    for v in range(vans):
        activities = []
        index = solution.Value(routing.NextVar(routing.Start(v)))
        while not routing.IsEnd(index):
            n = node(index)
            if not hub_copy[n]:
                activities.append(pyvrp.Activity(kind.CLIENT, n - 1))
            elif activities and activities[-1].is_client():
                activities.append(pyvrp.Activity(kind.DEPOT, 0))
            index = solution.Value(routing.NextVar(index))
        while activities and activities[-1].is_depot():
            activities.pop()
        if activities:
            routes.append(pyvrp.Route(data, activities, 0))
    exact = pyvrp.Solution(data, routes)
    return exact.distance_cost() / instance.scale, exact.is_feasible() and exact.is_complete()


def _greedy_trips(data) -> list[list[list[int]]]:
    """A plain feasible start for multi-trip with release times: van by van, trip by trip,
    add the client with the earliest deadline that still fits (capacity, windows, and the
    trip leaving after every release on it); a van that can take no one more is done."""
    vehicle = data.vehicle_type(0)
    clients, duration = data.clients(), data.duration_matrix(0)
    capacity, horizon = int(vehicle.capacity[0]), int(vehicle.tw_late)
    left = sorted(range(len(clients)), key=lambda c: (clients[c].tw_late, c))

    def finish(trip: list[int], ready: int) -> int | None:
        """When the trip is back at the hub, or None when it breaks a window."""
        time = max([ready] + [int(clients[c].release_time) for c in trip])
        where = 0
        for c in trip:
            time = max(time + int(duration[where, c + 1]), int(clients[c].tw_early))
            if time > int(clients[c].tw_late):
                return None
            time += int(clients[c].service_duration)
            where = c + 1
        time += int(duration[where, 0])
        return time if time <= horizon else None

    vans = []
    for _van in range(int(vehicle.num_available)):
        trips, ready = [], 0
        while left:
            trip, load = [], 0
            for c in list(left):
                demand = int(clients[c].delivery[0])
                if load + demand <= capacity and finish([*trip, c], ready) is not None:
                    trip.append(c)
                    load += demand
                    left.remove(c)
            if not trip:
                break
            trips.append(trip)
            ready = finish(trip, ready)
        vans.append(trips)
    return vans


def run(path: Path, *, solver: str = "pyvrp", seconds: float = 30.0, seed: int = 1) -> BenchResult:
    instance = read(path)
    started = time.perf_counter()
    solve = solve_pyvrp if solver == "pyvrp" else solve_ortools
    cost, feasible = solve(instance, seconds=seconds, seed=seed)
    elapsed = time.perf_counter() - started
    bks = best_known(path)
    if instance.kind == "vrptw" and not math.isnan(cost):  # one decimal, as Solomon's BKS
        cost = math.floor(cost * 10 + 1e-6) / 10
    gap = None if bks is None or math.isnan(cost) else round(100 * (cost - bks) / bks, 3)
    return BenchResult(instance.name, round(cost, 2), bks, gap, round(elapsed, 1), solver, feasible)
