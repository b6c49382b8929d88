"""The day's van routes (pure: no database). The hub is the depot; every van is its own
vehicle type (capacity in kg and crates, refrigerated or not, shift, cost per km); store
pickups are optional stops with a prize (the food's worth), so a small pickup far away can
be skipped; deliveries to organisations are required, with their window and service time.
Pickups and deliveries share routes (PyVRP keeps the load within capacity at every point),
and a van returns to the hub to reload when it must (multiple trips).

Chilled goods in a van that is not refrigerated may spend at most `max_chilled_minutes`
on board, which PyVRP cannot state per trip. So two plans are made, each with half the
time: a safe one where chilled goods ride only in refrigerated vans (a third load
dimension only those can carry) and a free one; the free plan is taken only when it keeps
every chilled stop within the limit and costs less. The plan says how long each stop's
chilled goods were on board.

Units inside: seconds since midnight, metres, and cost in thousandths of a cent.
"""

from __future__ import annotations

import json
import time
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

PICKUP, DELIVERY = "pickup", "delivery"
# When not every delivery fits: a delivery's prize (€ 10,000 in the model's thousandths of
# a cent) and the cap of the penalty a unit of excess load or lateness may reach, above the
# prize, so leaving a delivery out always beats planning it infeasibly.
MUST = 10**9
MAX_PENALTY = 1e10


@dataclass(frozen=True)
class Van:
    key: object
    name: str
    kg: int
    crates: int
    refrigerated: bool
    shift_start: int  # seconds since midnight
    shift_end: int
    cost_per_km: int  # cents


@dataclass(frozen=True)
class Stop:
    key: object
    kind: str  # PICKUP or DELIVERY
    name: str
    lat: float
    lon: float
    kg: int
    crates: int = 0
    chilled: bool = False  # carries chilled or frozen goods
    windows: tuple[tuple[int, int], ...] = ((0, 24 * 3600),)
    service: int = 600  # seconds on site
    address: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Day:
    hub_lat: float
    hub_lon: float
    vans: tuple[Van, ...]
    stops: tuple[Stop, ...]
    max_chilled_minutes: int = 90
    prize_per_kg: int = 150  # cents a kg of food is worth picking up
    reload_minutes: int = 15
    max_trips: int = 4
    hub_name: str = "Hub"


@dataclass
class Visit:
    stop: Stop
    trip: int
    arrival: int
    departure: int
    load_kg: int  # on board when leaving
    load_crates: int
    chilled_minutes: int | None = None  # how long this stop's chilled goods were on board


@dataclass
class Trip:
    start: int
    end: int
    visits: list[Visit]
    km: float


@dataclass
class VanRoute:
    van: Van
    trips: list[Trip]
    km: float
    cost_cents: int

    @property
    def visits(self) -> list[Visit]:
        return [v for trip in self.trips for v in trip.visits]


@dataclass
class Plan:
    routes: list[VanRoute]
    skipped: list[Stop]  # optional pickups left out
    unserved: list[Stop]  # required stops no van could take (the plan says so)
    feasible: bool
    seconds: float
    rounds: int = 1
    notes: list[str] = field(default_factory=list)
    # The solver's objective: km cost plus the worth of the pickups left (cents).
    objective_cents: float = 0.0

    @property
    def km(self) -> float:
        return sum(r.km for r in self.routes)

    @property
    def cost_cents(self) -> int:
        return sum(r.cost_cents for r in self.routes)


# --- Distances ------------------------------------------------------------------------

Matrix = Callable[[list[tuple[float, float]]], tuple[np.ndarray, np.ndarray]]


def haversine_matrix(detour: float = 1.3, kmh: float = 45.0) -> Matrix:
    """Great-circle distance × a detour factor (roads are not straight); duration at an
    average speed. Metres and seconds."""

    def matrix(points):
        lat, lon = (np.radians(np.array([p[i] for p in points])) for i in (0, 1))
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        a = (
            np.sin(dlat / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
        )
        metres = 2 * 6_371_000 * np.arcsin(np.sqrt(np.clip(a, 0, 1))) * detour
        return np.rint(metres).astype(np.int64), np.rint(metres / (kmh / 3.6)).astype(np.int64)

    return matrix


def osrm_matrix(base_url: str, timeout: float = 30.0) -> Matrix:
    """Road distances and durations from an OSRM server's `table` service."""

    def matrix(points):
        coords = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        url = f"{base_url.rstrip('/')}/table/v1/driving/{coords}?annotations=distance,duration"
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = json.load(response)
        if body.get("code") != "Ok":
            raise RuntimeError(f"OSRM: {body.get('code')}: {body.get('message', '')}")
        metres = np.array(body["distances"], dtype=float)
        seconds = np.array(body["durations"], dtype=float)
        if np.isnan(metres).any() or np.isnan(seconds).any():
            raise RuntimeError("OSRM: een adres is niet over de weg bereikbaar")
        return np.rint(metres).astype(np.int64), np.rint(seconds).astype(np.int64)

    return matrix


def default_matrix() -> Matrix:
    from django.conf import settings

    url = getattr(settings, "SAMEN_OSRM_URL", "")
    return osrm_matrix(url) if url else haversine_matrix()


# --- Model and solve ----------------------------------------------------------------------


def plan_day(
    day: Day,
    *,
    seconds: float = 2.0,
    iterations: int | None = None,
    seed: int = 1,
    matrix: Matrix | None = None,
    progress: Callable[[str], None] | None = None,
) -> Plan:
    """The day's routes: PyVRP's iterated local search for `seconds` in all, or for a number
    of `iterations` a round (reproducible: tests)."""
    started = time.perf_counter()
    say = progress or (lambda _text: None)
    say("afstanden")
    points = [(day.hub_lat, day.hub_lon)] + [(s.lat, s.lon) for s in day.stops]
    metres, durations = (matrix or haversine_matrix())(points)
    chilled = {i for i, stop in enumerate(day.stops) if stop.chilled}
    warm = [v for v in day.vans if not v.refrigerated]
    if chilled and warm and len(warm) < len(day.vans):
        # Two candidates, half the budget each: the safe plan, where chilled goods ride
        # only in refrigerated vans, and the free one; the free plan wins only if it keeps
        # every chilled stop within the limit and costs less.
        say("routes berekenen (gekoelde waren enkel in gekoelde wagens)")
        safe = _solve(day, metres, durations, chilled, seconds / 2, iterations, seed)
        say("routes berekenen (gekoelde waren ook kort in andere wagens)")
        free = _solve(day, metres, durations, set(), seconds / 2, iterations, seed)
        plan = (
            free
            if not _too_long(day, free) and free.objective_cents < safe.objective_cents
            else safe
        )
        rounds = 2
    else:
        say("routes berekenen")
        plan, rounds = _solve(day, metres, durations, set(), seconds, iterations, seed), 1
    plan.rounds = rounds
    plan.seconds = time.perf_counter() - started
    over = _too_long(day, plan)
    if over:
        plan.feasible = False
        plan.notes.append(
            f"{len(over)} stops met gekoelde waren langer dan {day.max_chilled_minutes} minuten "
            f"in een niet-gekoelde bestelwagen."
        )
    return plan


def _too_long(day: Day, plan: Plan) -> list[Visit]:
    """Stops whose chilled goods spend longer than allowed in a van without cooling."""
    return [
        v for r in plan.routes for v in r.visits
        if not r.van.refrigerated and (v.chilled_minutes or 0) > day.max_chilled_minutes
    ]  # fmt: skip


def _solve(day: Day, metres, durations, cold_only: set[int], seconds, iterations, seed,
           must_serve=True) -> Plan:  # fmt: skip
    """One solve; the stops in `cold_only` ride only in refrigerated vans. Deliveries are required
    (the search is at its best so); when no plan serves them all, the round is solved
    again with deliveries that are optional in name only (their prize outweighs any route)
    so the plan serves what fits and names the rest."""
    from pyvrp import Model, PenaltyParams, SolveParams
    from pyvrp.PenaltyManager import PenaltyBoundWarning
    from pyvrp.stop import MaxIterations, MaxRuntime

    model = Model()
    hub_location = model.add_location(x=0, y=0, name=day.hub_name)
    start = min((v.shift_start for v in day.vans), default=0)
    end = max((v.shift_end for v in day.vans), default=24 * 3600)
    hub = model.add_depot(hub_location, tw_early=start, tw_late=end,
                          service_duration=day.reload_minutes * 60, name=day.hub_name)  # fmt: skip
    for van in day.vans:
        model.add_vehicle_type(
            1,
            capacity=[van.kg, van.crates, van.kg if van.refrigerated else 0],
            start_depot=hub,
            end_depot=hub,
            tw_early=van.shift_start,
            tw_late=van.shift_end,
            unit_distance_cost=van.cost_per_km,  # metres × cents/km = thousandths of a cent
            reload_depots=[hub],
            max_reloads=max(day.max_trips - 1, 0),
            name=van.name,
        )
    locations = [hub_location]
    client_stop: list[int] = []  # PyVRP client index → index in day.stops
    for index, stop in enumerate(day.stops):
        location = model.add_location(x=index + 1, y=0, name=stop.name)
        locations.append(location)
        load = [stop.kg, stop.crates, stop.kg if index in cold_only else 0]
        group = None
        if stop.kind == PICKUP and len(stop.windows) > 1:
            group = model.add_client_group(required=False)
        for early, late in stop.windows:
            pickup = stop.kind == PICKUP
            model.add_client(
                location,
                delivery=[0, 0, 0] if pickup else load,
                pickup=load if pickup else [0, 0, 0],
                service_duration=stop.service,
                tw_early=early,
                tw_late=late,
                required=not pickup and must_serve,
                prize=stop.kg * day.prize_per_kg * 1000 if pickup else MUST,
                group=group,
                name=stop.name,
            )
            client_stop.append(index)
    n = len(locations)
    for i in range(n):
        for j in range(n):
            model.add_edge(locations[i], locations[j], distance=int(metres[i, j]),
                           duration=int(durations[i, j]))  # fmt: skip
    # PyVRP's own penalty cap searches best; the fallback needs one above a delivery's prize.
    params = (
        SolveParams() if must_serve else SolveParams(penalty=PenaltyParams(max_penalty=MAX_PENALTY))
    )
    stop = MaxIterations(iterations) if iterations else MaxRuntime(seconds)
    with warnings.catch_warnings():  # an infeasible result is handled here, not warned about
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = model.solve(stop, seed=seed, display=False, params=params)
    if must_serve and not result.best.is_feasible():
        return _solve(day, metres, durations, cold_only, seconds, iterations, seed, False)
    plan = _read(day, result.best, client_stop, metres)
    plan.objective_cents = (result.best.distance_cost() + result.best.uncollected_prizes()) / 1000
    return plan


def _read(day: Day, solution, client_stop: list[int], metres) -> Plan:
    routes, visited = [], set()
    for route in solution.routes():
        van = day.vans[route.vehicle_type()]
        trips: list[Trip] = []
        current: list[tuple] = []
        trip_start = route.start_time()
        for activity in route.schedule():
            if activity.is_depot():
                if current:
                    trips.append(_trip(day, trip_start, activity.start_time, current, metres))
                    current = []
                trip_start = activity.end_time
                continue
            index = client_stop[activity.idx]
            visited.add(index)
            current.append((index, activity.start_time, activity.end_time))
        if current:
            trips.append(_trip(day, trip_start, route.end_time(), current, metres))
        km = sum(t.km for t in trips)
        routes.append(VanRoute(van, trips, km, round(route.distance_cost() / 1000)))
    routes.sort(key=lambda r: day.vans.index(r.van))
    missing = [s for i, s in enumerate(day.stops) if i not in visited]
    skipped = [s for s in missing if s.kind == PICKUP]
    unserved = [s for s in missing if s.kind != PICKUP]
    notes = []
    if unserved:
        notes.append(f"{len(unserved)} leveringen passen niet in de ploegen en capaciteit.")
    return Plan(routes, skipped, unserved, solution.is_feasible() and not unserved, 0.0,
                notes=notes)  # fmt: skip


def _trip(day: Day, start: int, end: int, stops: list[tuple], metres) -> Trip:
    """One trip's visits with the load on board after each and the chilled time."""
    kg = sum(day.stops[i].kg for i, _a, _d in stops if day.stops[i].kind == DELIVERY)
    crates = sum(day.stops[i].crates for i, _a, _d in stops if day.stops[i].kind == DELIVERY)
    visits, previous, km = [], 0, 0.0
    for index, arrival, departure in stops:
        stop = day.stops[index]
        sign = -1 if stop.kind == DELIVERY else 1
        kg += sign * stop.kg
        crates += sign * stop.crates
        chilled = None
        if stop.chilled:
            chilled = (arrival - start if stop.kind == DELIVERY else end - departure) // 60
        visits.append(Visit(stop, 0, arrival, departure, kg, crates, chilled))
        km += metres[previous, index + 1] / 1000
        previous = index + 1
    km += metres[previous, 0] / 1000
    return Trip(start, end, visits, round(km, 1))


# --- When a van drops out -------------------------------------------------------------


def replan(day: Day, plan: Plan, dropped: object, at: int, **solve) -> Plan:
    """The rest of the day without van `dropped` from time `at` (seconds since midnight).
    What was visited before `at` stays done; every other van finishes the trip it is on
    and is free again when back at the hub; the dropped van's goods go back to the hub.
    Everything not yet done and not on a running trip is planned again."""
    kept: dict[object, list[Trip]] = {}
    free_from: dict[object, int] = {}
    done: set = set()
    for route in plan.routes:
        key = route.van.key
        kept[key] = []
        free_from[key] = max(at, route.van.shift_start)
        for trip in route.trips:
            if key == dropped:
                finished = [v for v in trip.visits if v.departure <= at]
                done |= {v.stop.key for v in finished}
                if finished:
                    kept[key].append(replace(trip, visits=finished, end=finished[-1].departure))
            elif trip.start < at:  # running or finished: it goes on as planned
                kept[key].append(trip)
                done |= {v.stop.key for v in trip.visits}
                free_from[key] = max(free_from[key], trip.end)
    vans = tuple(
        replace(van, shift_start=max(free_from.get(van.key, at), van.shift_start))
        for van in day.vans
        if van.key != dropped and max(free_from.get(van.key, at), van.shift_start) < van.shift_end
    )
    rest = tuple(s for s in day.stops if s.key not in done)
    new = plan_day(replace(day, vans=vans, stops=rest), **solve)
    by_van = {r.van.key: r for r in new.routes}
    routes = []
    for van in day.vans:  # also a van that had nothing to do before
        trips = kept.get(van.key, []) + (by_van[van.key].trips if van.key in by_van else [])
        if trips:
            km = round(sum(t.km for t in trips), 1)
            routes.append(VanRoute(van, trips, km, round(km * van.cost_per_km)))
    name = next(r.van.name for r in plan.routes if r.van.key == dropped)
    new.notes.insert(0, f"Herplanning vanaf {clock(at)} zonder {name}.")
    return Plan(routes, new.skipped, new.unserved, new.feasible, new.seconds, new.rounds,
                new.notes)  # fmt: skip


def clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


# --- Stored as JSON ---------------------------------------------------------------------


def as_dict(plan: Plan) -> dict:
    """The plan as stored with the route plan (stop keys are [kind, id] pairs)."""

    def visit(v: Visit) -> dict:
        s = v.stop
        return {
            "key": list(s.key), "kind": s.kind, "name": s.name, "address": s.address,
            "contact": s.contact, "lat": s.lat, "lon": s.lon, "kg": s.kg, "crates": s.crates,
            "chilled": s.chilled, "arrival": v.arrival, "departure": v.departure,
            "load_kg": v.load_kg, "load_crates": v.load_crates,
            "chilled_minutes": v.chilled_minutes,
        }  # fmt: skip

    return {
        "routes": [
            {
                "van": r.van.key,
                "name": r.van.name,
                "refrigerated": r.van.refrigerated,
                "km": r.km,
                "cost_cents": r.cost_cents,
                "trips": [
                    {
                        "start": t.start,
                        "end": t.end,
                        "km": t.km,
                        "loaded_kg": sum(v.stop.kg for v in t.visits if v.stop.kind == DELIVERY),
                        "visits": [visit(v) for v in t.visits],
                    }
                    for t in r.trips
                ],
            }
            for r in plan.routes
        ],
        "skipped": [{"key": list(s.key), "name": s.name, "kg": s.kg} for s in plan.skipped],
        "unserved": [{"key": list(s.key), "name": s.name, "kg": s.kg} for s in plan.unserved],
        "feasible": plan.feasible,
        "seconds": round(plan.seconds, 2),
        "rounds": plan.rounds,
        "notes": plan.notes,
        "km": round(plan.km, 1),
        "cost_cents": plan.cost_cents,
    }


def from_dict(day: Day, data: dict) -> Plan:
    """A stored plan again, on the stops of `day` (for re-planning)."""
    stops = {s.key: s for s in day.stops}
    vans = {v.key: v for v in day.vans}
    routes = []
    for r in data["routes"]:
        trips = []
        for t in r["trips"]:
            visits = [
                Visit(
                    stops[tuple(v["key"])],
                    0,
                    v["arrival"],
                    v["departure"],
                    v["load_kg"],
                    v["load_crates"],
                    v["chilled_minutes"],
                )
                for v in t["visits"]
                if tuple(v["key"]) in stops
            ]
            trips.append(Trip(t["start"], t["end"], visits, t["km"]))
        routes.append(VanRoute(vans[r["van"]], trips, r["km"], r["cost_cents"]))
    missing = lambda items: [stops[tuple(s["key"])] for s in items if tuple(s["key"]) in stops]  # noqa: E731
    return Plan(routes, missing(data["skipped"]), missing(data["unserved"]), data["feasible"],
                data["seconds"], data["rounds"], list(data["notes"]))  # fmt: skip


# --- The route map as SVG (no map tiles: the coordinates themselves) -----------------------

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def svg_map(data: dict, hub_lat: float, hub_lon: float, *, only_van=None, width: int = 760,
            height: int = 520) -> str:  # fmt: skip
    """Every van's trips as numbered lines from the hub, in the colour of its legend;
    skipped pickups as open circles. Plain SVG attributes (the CSP allows no style)."""
    from html import escape

    routes = [r for r in data["routes"] if only_van is None or r["van"] == only_van]
    points = [(hub_lat, hub_lon)] + [
        (v["lat"], v["lon"]) for r in routes for t in r["trips"] for v in t["visits"]
    ]
    points += [(s["lat"], s["lon"]) for s in data.get("skipped", []) if "lat" in s]
    lat0 = sum(p[0] for p in points) / len(points)
    kx = np.cos(np.radians(lat0))  # equirectangular: a degree of longitude is shorter
    xs = [p[1] * kx for p in points]
    ys = [-p[0] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-3)
    pad, size = 30, min(width, height - 40) - 60
    left = pad + (width - 2 * pad - size) / 2

    def xy(lat, lon):
        return (left + (lon * kx - min(xs)) / span * size, pad + (-lat - min(ys)) / span * size)

    hx, hy = xy(hub_lat, hub_lon)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="map-title" class="route-map"><title id="map-title">Routekaart</title>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff" stroke="#cccccc"/>',
    ]
    for n, route in enumerate(routes):
        colour = COLOURS[n % len(COLOURS)]
        for trip_no, trip in enumerate(route["trips"]):
            line = [(hx, hy)] + [xy(v["lat"], v["lon"]) for v in trip["visits"]] + [(hx, hy)]
            dash = ' stroke-dasharray="6 4"' if trip_no else ""
            out.append(
                f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in line)}" '
                f'fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
            )
        number = 0
        for trip in route["trips"]:
            for v in trip["visits"]:
                number += 1
                x, y = xy(v["lat"], v["lon"])
                shape = (
                    f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14"'
                    if v["kind"] == PICKUP
                    else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8"'
                )
                out.append(
                    f'{shape} fill="{colour}"><title>{number}. {escape(v["name"])}</title>'
                    f"{'</rect>' if v['kind'] == PICKUP else '</circle>'}"
                    f'<text x="{x:.1f}" y="{y + 3.5:.1f}" font-size="9" text-anchor="middle" '
                    f'fill="#ffffff">{number}</text>'
                )
    out.append(
        f'<rect x="{hx - 9:.1f}" y="{hy - 9:.1f}" width="18" height="18" fill="#222222">'
        f"<title>Hub</title></rect>"
        f'<text x="{hx:.1f}" y="{hy - 13:.1f}" font-size="11" text-anchor="middle">Hub</text>'
    )
    for n, route in enumerate(routes):
        y = height - 14
        x = 20 + n * (width - 40) / max(len(routes), 1)
        out.append(
            f'<rect x="{x:.1f}" y="{y - 9}" width="12" height="12" fill="{COLOURS[n % 7]}"/>'
            f'<text x="{x + 17:.1f}" y="{y + 1}" font-size="12">{escape(route["name"])} '
            f"({route['km']:.1f} km)</text>"
        )
    out.append("</svg>")
    return "".join(out)
