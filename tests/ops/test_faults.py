"""Faults on a whole demo region, in real processes: killed with SIGKILL in the middle of
an import and of order placement, a worker killed while planning routes, the database
connection cut during a request. Nothing is lost and nothing is half written."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from tests.ops.conftest import ON_POSTGRES, SAMEN, _admin, kill_server, serve, signed_in

pytestmark = pytest.mark.xdist_group("ops")


def writing(region) -> bool:
    """Is a transaction writing to this database right now?"""
    if ON_POSTGRES:
        import psycopg

        with psycopg.connect(region.env["DATABASE_URL"], autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            ).fetchone()
        return row[0] > 0
    try:  # SQLite: a writer holds the write lock until it commits
        conn = sqlite3.connect(region.folder / "samen.sqlite3", timeout=0)
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        conn.close()
        return False
    except sqlite3.OperationalError:
        return True


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"waited {seconds} s for {what}")


def upload(lead, base: str, rows: int, tag: str) -> tuple[str, str]:
    """Upload a Woonclub register of `rows` persons named Tag0…; the checked page's
    confirmation token and that page (for its CSRF token)."""
    register = (
        "voornaam;achternaam;geboortedatum;programma\n"
        + "".join(f"{tag}{i};{tag}naam{i};01/01/{1950 + i % 50};woonclub\n" for i in range(rows))
    ).encode()
    page = lead.get(f"{base}/imports/").text
    checked = lead.post(f"{base}/imports/", data={
        "kind": "persons", "source": f"woonclub-{tag.lower()}",
        "csrfmiddlewaretoken": lead.csrf(page),
    }, files={"file": ("woonclub.csv", register, "text/csv")})  # fmt: skip
    return re.search(r'name="token" value="([^"]+)"', checked.text).group(1), checked.text


def counts(region, tag: str) -> list[str]:
    return region.python(
        "from samen.registry.models import Person\nfrom samen.imports.models import "
        f"ImportBatch\nprint(Person.objects.filter(last_name__startswith='{tag}naam').count(),"
        " ImportBatch.objects.count())"
    ).split()


def confirm_in_background(lead, base: str, token: str, page: str) -> tuple:
    answer: dict = {}

    def post():
        try:
            fields = {"token": token, "csrfmiddlewaretoken": lead.csrf(page)}
            answer["response"] = lead.post(
                f"{base}/imports/bevestigen/", data=fields, allow_redirects=False
            )
        except Exception as exc:  # the connection dies with the server
            answer["error"] = exc

    thread = threading.Thread(target=post)
    thread.start()
    return thread, answer


def test_the_server_killed_during_an_import_leaves_nothing_and_it_runs_again(region):
    base = serve(region)
    lead = signed_in(base, "pieter.woonclub")
    rows = 4000
    token, page = upload(lead, base, rows, "Kill")
    _zero, batches = counts(region, "Kill")
    thread, answer = confirm_in_background(lead, base, token, page)
    wait_until(lambda: writing(region) or not thread.is_alive(), 120, "the import to write")
    assert thread.is_alive(), "the import ended before the server could be killed"
    time.sleep(0.5)
    assert writing(region)  # well inside the import's transaction
    kill_server(region)
    thread.join(30)
    assert "error" in answer  # the browser lost its connection
    assert counts(region, "Kill") == ["0", batches]  # not one person, no batch
    assert region.samen("audit", "verify").returncode == 0
    # The server comes back; the same confirmation imports the whole file.
    base = serve(region, port=int(base.rsplit(":", 1)[1]))
    thread, answer = confirm_in_background(lead, base, token, page)
    thread.join(180)
    assert answer["response"].status_code == 302
    assert counts(region, "Kill") == [str(rows), str(int(batches) + 1)]


SHOP = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from samen.food.models import Product, ShopDay, ShopOffer
coordinator = get_user_model().objects.get(username="hub.coordinator")
day, _ = ShopDay.objects.update_or_create(date=timezone.localdate(), defaults={
    "cut_off": timezone.now() + dt.timedelta(hours=6), "kg_per_person": 900,
    "closed_at": None, "published_by": coordinator})
products = list(Product.objects.filter(category__max_kg_per_order__isnull=True)
                .order_by("pk").values_list("pk", flat=True)[:6])
day.offers.all().delete()
for pk in products:
    ShopOffer.objects.create(day=day, product_id=pk, kg=100)
print(json.dumps(products))
"""

ORDER_STATE = """
import json
from django.utils import timezone
from samen.food.models import Order
order = Order.objects.filter(day__date=timezone.localdate(),
                             organisation__memberships__user__username="zonnebloem").first()
lines = sorted([line.product_id, str(line.kg)] for line in order.lines.all()) if order else None
print(json.dumps(lines))
"""


def place_orders(food, base: str, products: list, sets: list, events: list) -> None:
    """Replace the organisation's order again and again, alternating two line sets, until
    the connection dies; `events` says what was sent and what came back."""
    for i in range(10**6):
        lines = dict(sets[i % 2])
        data = {f"kg_{pk}": lines.get(pk, "").replace(".00", "") for pk in products}
        data["csrfmiddlewaretoken"] = food.cookies["csrftoken"]
        events.append("sent")
        try:
            response = food.post(f"{base}/voeding/shop/", data=data, allow_redirects=False)
        except Exception:  # the server is gone
            return
        events.append("done" if response.status_code == 302 else f"refused {response.status_code}")


def test_the_server_killed_during_order_placement_keeps_whole_orders(region):
    """SIGKILL to the whole server at random moments while an organisation keeps replacing
    its order: the order is always the whole earlier one or the whole new one."""
    products = json.loads(region.python(SHOP))
    sets = [[[pk, "1.00"] for pk in products[:3]], [[pk, "2.00"] for pk in products[2:]]]
    base = serve(region)
    port = int(base.rsplit(":", 1)[1])
    food = signed_in(base, "zonnebloem")
    in_flight = 0
    for attempt in range(5):
        events: list[str] = []
        placer = threading.Thread(target=place_orders, args=(food, base, products, sets, events))
        placer.start()
        wait_until(lambda e=events: e.count("done") >= 4, 60, "a few orders")
        time.sleep(0.05 + 0.11 * attempt)
        kill_server(region)
        placer.join(30)
        assert not [e for e in events if e.startswith("refused")], events[-3:]
        in_flight += events[-1] == "sent"
        assert json.loads(region.python(ORDER_STATE)) in sets
        base = serve(region, port=port)
    assert in_flight >= 1, "the server was never killed in the middle of a placement"


PLAN = """
from django.contrib.auth import get_user_model
from samen.food import services
from samen.food.models import RoutePlan
plan = RoutePlan.objects.filter(status="done").order_by("-requested_at").first()
user = get_user_model().objects.get(username="hub.coordinator")
print(services.route_plan_request(actor=user, day=plan.day).pk)
"""


def plan_state(region, pk: str) -> list[str]:
    return region.python(
        "from samen.food.models import RoutePlan\nfrom django_tasks_db.models import "
        f"DBTaskResult\np = RoutePlan.objects.get(pk={pk})\nt = DBTaskResult.objects.filter("
        f"args_kwargs__args=[{pk}]).get()\n"
        "print(p.status, t.status, p.error[:30].replace(' ', '_'))"
    ).split()


def test_a_worker_killed_while_planning_leaves_a_failed_plan_that_can_be_retried(region):
    first = region.python(PLAN).strip()
    region.env["SAMEN_ROUTE_SECONDS"] = "120"
    worker = region.popen([*SAMEN, "worker"], stdout=subprocess.DEVNULL)
    wait_until(lambda: plan_state(region, first)[0] == "running", 60, "the planning to start")
    time.sleep(1)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert plan_state(region, first)[:2] == ["running", "RUNNING"]  # as it was left
    region.env["SAMEN_ROUTE_SECONDS"] = "1"
    out = region.samen("worker", "--batch").stdout
    assert "1 interrupted task(s) marked as failed." in out
    status, task, error = plan_state(region, first)
    assert (status, task) == ("failed", "FAILED") and error.startswith(
        "De_planning_werd_onderbroken"
    )
    again = region.python(PLAN).strip()  # the coordinator plans the day again
    region.samen("worker", "--batch")
    assert plan_state(region, again)[:2] == ["done", "SUCCESSFUL"]


@pytest.mark.skipif(not ON_POSTGRES, reason="needs a PostgreSQL server whose connections "
                    "can be cut; runs in the PostgreSQL pass of CI")  # fmt: skip
def test_a_connection_cut_during_a_request_gives_a_clear_page_and_no_partial_write(
    region, tmp_path
):
    base = serve(region)
    lead = signed_in(base, "pieter.woonclub")
    token, page = upload(lead, base, 4000, "Cut")
    before = counts(region, "Cut")
    confirm, answer = confirm_in_background(lead, base, token, page)
    wait_until(lambda: writing(region), 60, "the import to write")
    time.sleep(0.3)
    database = region.database
    _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
    _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
    confirm.join(60)
    response = answer["response"]
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Even niet bereikbaar" in response.text and "niet (half) bewaard" in response.text
    assert "Traceback" not in response.text and "psycopg" not in response.text
    _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    assert counts(region, "Cut") == ["0", before[1]]
    # The server recovers by itself: the same session goes on.
    assert lead.get(f"{base}/imports/").status_code == 200
