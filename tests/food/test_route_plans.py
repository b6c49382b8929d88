"""Route planning from the database: the day's model, the background task on the real
database queue, the plan page, the driver sheets (PDF), re-planning and the command."""

import datetime as dt
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from samen.food import selectors, services
from samen.food.models import DeliveryMode, PickupPoint, Recipient, RoutePlan, Van
from samen.registry.models import Membership, Organisation, OrganisationKind, Role
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_day(hub, django_user_model):
    """Three organisations (two delivered, one fetching at the hub) ordered yoghurt and
    biscuits; a store with a window today; two vans; the day is closed."""
    hub.receive(kg="30")
    hub.receive(product=hub.biscuits, kg="40", location=hub.dry, date_kind="best_before",
                arrival_celsius=None)  # fmt: skip
    PickupPoint.objects.filter(pk=hub.store.pk).update(
        latitude=D("50.82790"), longitude=D("3.26500"), typical_kg=80,
        windows={str(hub.today.weekday()): [["07:30", "09:30"]]},
    )  # fmt: skip
    hub.vans = [
        Van.objects.create(name="Koelwagen A", capacity_kg=600, capacity_crates=40),
        Van.objects.create(name="Bestelwagen B", capacity_kg=800, capacity_crates=50,
                           refrigerated=False),
    ]  # fmt: skip
    hub.day = services.shop_day_publish(
        actor=user_of("hub_coordinator"), date=hub.today,
        cut_off=timezone.now() + dt.timedelta(hours=2),
    )  # fmt: skip
    places = [("Alfa vzw", 50.80, 3.25, "delivery"), ("Beta vzw", 50.86, 3.32, "delivery"),
              ("Gamma vzw", 50.84, 3.30, "pickup")]  # fmt: skip
    hub.orgs = []
    for name, lat, lon, mode in places:
        org = Organisation.objects.create(name=name, kind=OrganisationKind.FOOD_ORGANISATION)
        Recipient.objects.create(
            organisation=org, persons=60, households=20, delivery_mode=mode,
            latitude=D(str(lat)), longitude=D(str(lon)),
            window_start=dt.time(9), window_end=dt.time(13), contact_name="Mia",
            contact_phone="056 11 22 33",
        )  # fmt: skip
        user = django_user_model.objects.create_user(f"route.{name[:4].lower()}")
        Membership.objects.create(user=user, organisation=org, role=Role.FOOD_ORGANISATION)
        services.order_save(actor=user, day=hub.day,
                            lines={hub.yoghurt.pk: D("8"), hub.biscuits.pk: D("10")})  # fmt: skip
        hub.orgs.append(org)
    services.shop_day_close(actor=user_of("hub_coordinator"), day=hub.day)
    hub.day.refresh_from_db()
    return hub


def test_the_day_as_a_routing_problem(closed_day):
    day, notes = selectors.route_day(closed_day.day)
    assert [v.name for v in day.vans] == ["Bestelwagen B", "Koelwagen A"]
    assert [v.refrigerated for v in day.vans] == [False, True]
    deliveries = [s for s in day.stops if s.kind == "delivery"]
    assert sorted(s.name for s in deliveries) == ["Alfa vzw", "Beta vzw"]  # Gamma fetches
    assert all(s.kg == 18 and s.chilled for s in deliveries)  # 8 kg yoghurt + 10 biscuits
    assert all(s.windows == ((9 * 3600, 13 * 3600),) for s in deliveries)
    (store,) = [s for s in day.stops if s.kind == "pickup"]
    assert (store.kg, store.windows) == (80, ((7 * 3600 + 1800, 9 * 3600 + 1800),))
    assert notes == []
    Recipient.objects.filter(organisation=closed_day.orgs[1]).update(latitude=None)
    _day, notes = selectors.route_day(closed_day.day)
    assert notes == ["Beta vzw: geen coördinaten, niet ingepland."]


def test_planning_needs_a_closed_day_and_the_coordinator(closed_day, hub):
    with pytest.raises(PermissionDenied):
        services.route_plan_request(actor=user_of("hub_staff"), day=closed_day.day)
    closed_day.day.closed_at = None
    with pytest.raises(ValidationError, match="Sluit eerst de shop af"):
        services.route_plan_request(actor=user_of("hub_coordinator"), day=closed_day.day)


def _pdf_text(content: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _run_queue():
    """The real database queue: what `samen serve` runs beside the web server. In a test
    the worker must keep the test's connection open (inside its transaction), as Django's
    test client does for requests: its connection check is switched off meanwhile."""
    from django_tasks_db.management.commands import db_worker

    real, db_worker.close_old_connections = db_worker.close_old_connections, lambda: None
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "-v", "0")
    finally:
        db_worker.close_old_connections = real


def _planned(client, capture_on_commit, settings) -> RoutePlan:
    """The coordinator's planning of the day, run through the queue."""
    settings.SAMEN_ROUTE_SECONDS = 0.3
    with capture_on_commit(execute=True):
        client.post(reverse("route_plans"))
    _run_queue()
    return RoutePlan.objects.get()


def test_the_coordinator_plans_in_the_background_and_gets_driver_sheets(
    closed_day, persona_client, django_capture_on_commit_callbacks, settings
):
    settings.SAMEN_ROUTE_SECONDS = 0.3
    client = persona_client("hub_coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("route_plans"))
    plan = RoutePlan.objects.get()
    assert response["Location"] == reverse("route_plan", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert plan.status == "queued" and "Bezig met plannen" in page and "hx-trigger" in page
    _run_queue()
    plan.refresh_from_db()
    assert plan.status == "done", plan.error
    served = {v["name"] for r in plan.result["routes"] for t in r["trips"] for v in t["visits"]}
    assert {"Alfa vzw", "Beta vzw"} <= served and "Gamma vzw" not in served
    page = client.get(reverse("route_plan", args=[plan.pk])).content.decode()
    assert "hx-trigger" not in page  # no more polling
    assert "<svg" in page and "Ritblad" in page and "Leveren" in page
    pdf = client.get(reverse("route_sheets", args=[plan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    for route in plan.result["routes"]:  # a sheet per van that drives, in Dutch
        assert f"Ritblad {route['name']}" in text
    assert "Leveren" in text and "Alfa vzw" in text and "Mia 056 11 22 33" in text
    assert "Chauffeur (naam en handtekening)" in text
    first = plan.result["routes"][0]
    one = client.get(reverse("route_sheets", args=[plan.pk]) + f"?van={first['van']}")
    assert _pdf_text(one.content).count("Ritblad ") == 1
    # Hub staff (the drivers) read the plan and print the sheets; they do not plan.
    assert (
        persona_client("hub_staff").get(reverse("route_sheets", args=[plan.pk])).status_code == 200
    )


def test_a_van_drops_out_and_the_rest_of_the_day_is_replanned(
    closed_day, persona_client, django_capture_on_commit_callbacks, settings
):
    client = persona_client("hub_coordinator")
    plan = _planned(client, django_capture_on_commit_callbacks, settings)
    used = [r["van"] for r in plan.result["routes"] if r["trips"]]
    url = reverse("route_replan", args=[plan.pk])
    # Bad input: a clear message naming the field, nothing queued.
    response = client.post(url, {"van": used[0], "from_time": "25:99"}, follow=True)
    assert "Vanaf (uu:mm): Geef het uur als uu:mm" in response.content.decode()
    assert RoutePlan.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"van": used[0], "from_time": "08:00"})
    new = RoutePlan.objects.exclude(pk=plan.pk).get()
    assert response["Location"] == reverse("route_plan", args=[new.pk])
    _run_queue()
    new.refresh_from_db()
    assert new.status == "done", new.error
    assert new.result["notes"][0].startswith("Herplanning vanaf 08:00 zonder ")
    for route in new.result["routes"]:  # the dropped van did nothing after 08:00
        if route["van"] == used[0]:
            assert all(v["departure"] <= 8 * 3600 for t in route["trips"] for v in t["visits"])
    served = {v["name"] for r in new.result["routes"] for t in r["trips"] for v in t["visits"]}
    assert {"Alfa vzw", "Beta vzw"} <= served


def test_a_failing_plan_says_why(closed_day, django_capture_on_commit_callbacks, settings):
    settings.SAMEN_OSRM_URL = "http://127.0.0.1:9"  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.route_plan_request(actor=user_of("hub_coordinator"), day=closed_day.day)
    _run_queue()
    plan.refresh_from_db()
    assert plan.status == "failed" and "Connection refused" in plan.error


def test_the_command_plans_a_real_day(closed_day):
    out = StringIO()
    call_command("plan", "routes", "--date", f"{closed_day.today:%d/%m/%Y}",
                 "--time-limit", "0.3", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "leveren  Alfa vzw" in text and "leveren  Beta vzw" in text and "Totaal" in text
    iso = StringIO()
    call_command("plan", "routes", "--date", f"{closed_day.today:%Y-%m-%d}", "--json",
                 "--time-limit", "0.3", stdout=iso)  # fmt: skip
    assert '"routes"' in iso.getvalue()
    with pytest.raises(CommandError, match="geef een datum als dd/mm/jjjj"):
        call_command("plan", "routes", "--date", "31/02/2026")
    with pytest.raises(CommandError, match="geen shopdag"):
        call_command("plan", "routes", "--date", "01/01/2020")


def test_delivery_mode_pickup_is_not_driven(closed_day):
    Recipient.objects.update(delivery_mode=DeliveryMode.PICKUP)
    day, _notes = selectors.route_day(closed_day.day)
    assert [s.kind for s in day.stops] == ["pickup"]


def test_hub_staff_find_the_sheets_but_do_not_plan(closed_day, persona_client):
    staff = persona_client("hub_staff")
    page = staff.get(reverse("route_plans")).content.decode()
    assert "Routes van de bestelwagens" in page and "Routes plannen</button>" not in page
    assert staff.post(reverse("route_plans")).status_code == 403
    assert not RoutePlan.objects.exists()


def test_only_a_van_of_the_plan_can_drop_out(
    closed_day, persona_client, django_capture_on_commit_callbacks, settings
):
    client = persona_client("hub_coordinator")
    plan = _planned(client, django_capture_on_commit_callbacks, settings)
    idle = Van.objects.create(name="Reserve", capacity_kg=500, capacity_crates=30)
    response = client.post(reverse("route_replan", args=[plan.pk]),
                           {"van": idle.pk, "from_time": "10:00"}, follow=True)  # fmt: skip
    assert (
        "Bestelwagen die uitvalt: Kies een bestelwagen uit de lijst." in response.content.decode()
    )
    assert RoutePlan.objects.count() == 1


def test_the_demo_has_the_routes_of_its_last_shop_day(closed_day):
    from samen.food import demo

    demo.build_routes()
    plan = RoutePlan.objects.get()
    assert plan.day == closed_day.day and plan.status == "done"
    served = {v["name"] for r in plan.result["routes"] for t in r["trips"] for v in t["visits"]}
    assert {"Alfa vzw", "Beta vzw"} <= served
    demo.build_routes()  # idempotent
    assert RoutePlan.objects.count() == 1
