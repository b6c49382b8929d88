"""The day's van routes (pure): every delivery once, within its window, the load within
capacity at every point, reloads, optional pickups, the chilled time, re-planning, the
distance providers and the map."""

import itertools
import json
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import numpy as np
import pytest

from samen.food import routing
from samen.food.routing import DELIVERY, PICKUP, Day, Stop, Van

HUB = (50.8497, 3.2886)  # Kuurne
H = 3600
ITERATIONS = 5000  # reproducible, whatever the machine's load
RELOADS = 30_000  # finding the trips back to the hub takes the search longer


def delivery(n, lat, lon, kg, *, window=(9 * H, 16 * H), chilled=False, crates=1):
    return Stop(("delivery", n), DELIVERY, f"Org {n}", lat, lon, kg, crates, chilled, (window,))


def pickup(n, lat, lon, kg, *, window=(7 * H, 10 * H), chilled=False):
    return Stop(("pickup", n), PICKUP, f"Winkel {n}", lat, lon, kg, 2, chilled, (window,), 900)


def van(n, kg=900, crates=60, cold=True, start=7 * H, end=17 * H):
    return Van(n, f"Wagen {n}", kg, crates, cold, start, end, 35)


def ring(count, radius=0.08, seed=1):
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0, 2 * np.pi, count)
    r = rng.uniform(0.2, 1, count) * radius
    return [
        (HUB[0] + r[i] * np.sin(a), HUB[1] + r[i] * np.cos(a) * 1.5) for i, a in enumerate(angles)
    ]


def check(day: Day, plan: routing.Plan) -> None:
    """What every plan must satisfy."""
    seen = [v.stop.key for r in plan.routes for v in r.visits]
    assert len(seen) == len(set(seen))  # nobody twice
    required = {s.key for s in day.stops if s.kind == DELIVERY}
    assert required - set(seen) == {s.key for s in plan.unserved}
    for route in plan.routes:
        assert len(route.trips) <= day.max_trips
        for trip in route.trips:
            assert route.van.shift_start <= trip.start <= trip.end <= route.van.shift_end
            loaded = sum(v.stop.kg for v in trip.visits if v.stop.kind == DELIVERY)
            assert loaded <= route.van.kg  # leaving the hub
            for v in trip.visits:
                assert 0 <= v.load_kg <= route.van.kg  # and at every point after
                assert 0 <= v.load_crates <= route.van.crates
                assert any(a <= v.arrival <= b for a, b in v.stop.windows)


def test_every_delivery_once_within_its_window_and_capacity():
    points = ring(30)
    stops = tuple(
        delivery(i, *p, kg=40 + 7 * i % 60, window=(9 * H + (i % 3) * H, 13 * H + (i % 3) * H))
        for i, p in enumerate(points)
    )
    day = Day(*HUB, (van(1), van(2, kg=700)), stops)
    plan = routing.plan_day(day, iterations=ITERATIONS)
    check(day, plan)
    assert plan.feasible and not plan.unserved
    # The km reported are the model's distances (haversine × 1.3) along the visits.
    metres, _ = routing.haversine_matrix()([HUB] + [(s.lat, s.lon) for s in stops])
    index = {s.key: i + 1 for i, s in enumerate(stops)}
    for route in plan.routes:
        for trip in route.trips:
            path = [0] + [index[v.stop.key] for v in trip.visits] + [0]
            km = sum(metres[a, b] for a, b in itertools.pairwise(path)) / 1000
            assert trip.km == pytest.approx(km, abs=0.06)


def test_a_van_goes_back_to_reload_when_one_trip_cannot_carry_it_all():
    stops = tuple(delivery(i, *p, kg=90) for i, p in enumerate(ring(8, seed=2)))  # 720 kg
    day = Day(*HUB, (van(1, kg=250),), stops)
    plan = routing.plan_day(day, iterations=RELOADS)
    check(day, plan)
    assert plan.feasible
    assert len(plan.routes[0].trips) == 4  # two 90 kg deliveries fit in 250 kg: four trips


def test_more_than_the_trips_allow_is_reported_not_hidden():
    stops = tuple(delivery(i, *p, kg=90) for i, p in enumerate(ring(8, seed=2)))
    day = Day(*HUB, (van(1, kg=250),), stops, max_trips=2)  # room for 4 of the 8
    plan = routing.plan_day(day, iterations=ITERATIONS)
    check(day, plan)
    assert not plan.feasible and len(plan.unserved) == 4
    assert "4 leveringen passen niet" in plan.notes[0]


def test_pickups_and_deliveries_share_a_trip_and_the_load_follows():
    # One trip: 300 kg to deliver, 200 kg to collect on the way, a 450 kg van: it only
    # fits if a delivery comes before the pickup that would overload it.
    a, b = ring(2, seed=5)
    stops = (
        delivery(1, *a, kg=300, window=(8 * H, 16 * H)),
        pickup(2, *b, kg=200, window=(8 * H, 16 * H)),
    )
    day = Day(*HUB, (van(1, kg=450),), stops, max_trips=1)
    plan = routing.plan_day(day, iterations=ITERATIONS)
    check(day, plan)
    (trip,) = plan.routes[0].trips
    assert [v.stop.kind for v in trip.visits] == [DELIVERY, PICKUP]
    assert [v.load_kg for v in trip.visits] == [0, 200]


def test_a_small_pickup_far_away_is_skipped_a_big_one_nearby_is_not():
    near = pickup(1, HUB[0] + 0.01, HUB[1], 150)
    far_small = pickup(2, HUB[0] + 0.6, HUB[1] + 0.6, 5)  # ~100 km return for 5 kg
    day = Day(*HUB, (van(1),), (near, far_small, delivery(3, HUB[0] - 0.01, HUB[1], 50)))
    plan = routing.plan_day(day, iterations=ITERATIONS)
    check(day, plan)
    assert [s.key for s in plan.skipped] == [("pickup", 2)]
    assert plan.feasible  # skipping an optional pickup is not a failure


def test_chilled_goods_stay_in_a_van_without_cooling_no_longer_than_allowed():
    points = ring(24, radius=0.12, seed=7)
    stops = tuple(
        delivery(i, *p, kg=60, chilled=i % 2 == 0, window=(8 * H, 16 * H))
        for i, p in enumerate(points)
    )
    # The refrigerated van can take the 12 chilled deliveries (720 kg), not more: the van
    # without cooling must drive too, and any chilled stop it takes within 45 minutes.
    day = Day(*HUB, (van(1, cold=False, kg=1000), van(2, cold=True, kg=720)), stops,
              max_chilled_minutes=45, max_trips=1)  # fmt: skip
    plan = routing.plan_day(day, iterations=ITERATIONS)
    check(day, plan)
    assert plan.feasible
    warm = next(r for r in plan.routes if not r.van.refrigerated)
    for v in warm.visits:
        if v.stop.chilled:
            assert v.chilled_minutes <= 45
    assert any(v.stop.chilled for r in plan.routes if r.van.refrigerated for v in r.visits)


def test_when_a_van_drops_out_the_rest_of_the_day_is_planned_again():
    points = ring(20, seed=11)
    stops = tuple(delivery(i, *p, kg=50, window=(8 * H, 16 * H)) for i, p in enumerate(points))
    day = Day(*HUB, (van(1, kg=300), van(2, kg=300)), stops)
    plan = routing.plan_day(day, iterations=ITERATIONS)
    at = 10 * H
    done_before = {
        v.stop.key for r in plan.routes if r.van.key == 1 for v in r.visits if v.departure <= at
    }
    new = routing.replan(day, plan, 1, at, iterations=ITERATIONS)
    check(day, new)
    dropped = next(r for r in new.routes if r.van.key == 1)
    assert {v.stop.key for v in dropped.visits} == done_before  # nothing after the drop
    assert all(v.departure <= at for v in dropped.visits)
    other = next(r for r in new.routes if r.van.key == 2)
    later = [t for t in other.trips if t.start >= at]
    assert later  # van 2 takes over after its running trip
    served = {v.stop.key for r in new.routes for v in r.visits}
    assert served | {s.key for s in new.unserved} == {s.key for s in stops}
    assert new.notes[0] == "Herplanning vanaf 10:00 zonder Wagen 1."
    # Stored and read back, the same plan.
    again = routing.from_dict(day, json.loads(json.dumps(routing.as_dict(new))))
    assert routing.as_dict(again) == routing.as_dict(new)


def test_haversine_times_the_detour_factor():
    metres, seconds = routing.haversine_matrix(detour=1.3, kmh=45)([HUB, (50.8279, 3.2650)])
    # Kuurne hub → Kortrijk Grote Markt: 2.925 km great-circle (checked by hand with the
    # haversine formula, R = 6371 km).
    assert metres[0, 1] == metres[1, 0] == pytest.approx(2925 * 1.3, abs=15)
    assert seconds[0, 1] == pytest.approx(metres[0, 1] / 12.5, abs=1)
    assert metres[0, 0] == 0


RECORDED = Path(__file__).parent / "data" / "osrm-table.json"


@pytest.fixture
def osrm_server():
    """A local HTTP server that answers with a response recorded from OSRM's demo server
    (router.project-osrm.org, table service, three points in Kortrijk and Kuurne)."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = RECORDED.read_bytes() if "/table/v1/driving/" in self.path else b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            """Quiet: the test reads the requests it got instead."""

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()


def test_osrm_table_provider_reads_a_recorded_response(osrm_server):
    url, requests = osrm_server
    points = [HUB, (50.8279, 3.2650), (50.8200, 3.2700)]
    metres, seconds = routing.osrm_matrix(url)(points)
    recorded = json.loads(RECORDED.read_text())
    assert metres.tolist() == np.rint(recorded["distances"]).astype(int).tolist()
    assert seconds.tolist() == np.rint(recorded["durations"]).astype(int).tolist()
    assert requests == [
        "/table/v1/driving/3.288600,50.849700;3.265000,50.827900;3.270000,50.820000"
        "?annotations=distance,duration"
    ]


def test_the_provider_follows_the_setting(settings, osrm_server):
    url, requests = osrm_server
    settings.SAMEN_OSRM_URL = url
    day = Day(*HUB, (van(1),), (delivery(1, 50.8279, 3.2650, 20), delivery(2, 50.82, 3.27, 20)))
    plan = routing.plan_day(day, iterations=ITERATIONS, matrix=routing.default_matrix())
    assert len(requests) == 1
    recorded = json.loads(RECORDED.read_text())
    trip = plan.routes[0].trips[0]
    order = [0] + [1 + [s.key for s in day.stops].index(v.stop.key) for v in trip.visits] + [0]
    expected = sum(recorded["distances"][a][b] for a, b in itertools.pairwise(order))
    assert trip.km == pytest.approx(expected / 1000, abs=0.05)


def test_the_map_is_plain_svg_with_a_line_per_trip_and_escaped_names():
    stops = (delivery(1, HUB[0] + 0.02, HUB[1], 50), delivery(2, HUB[0] - 0.02, HUB[1], 50))
    stops = (stops[0], Stop(("delivery", 2), DELIVERY, '<script>"x"</script>', stops[1].lat,
                            stops[1].lon, 50))  # fmt: skip
    day = Day(*HUB, (van(1, kg=60),), stops)
    data = routing.as_dict(routing.plan_day(day, iterations=RELOADS))
    svg = routing.svg_map(data, *HUB)
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}polyline")) == 2  # 60 kg van: one delivery a trip
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg  # the CSP allows no inline style
