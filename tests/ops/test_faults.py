"""Faults on a whole demo region, in real processes: killed with SIGKILL in the middle of
an import and of order placement, a worker killed while planning routes, the database
connection cut during a request. Nothing is lost and nothing is half written."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.ops.conftest import ON_POSTGRES, SAMEN, _admin, serve, signed_in

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


def test_an_import_killed_midway_leaves_nothing_and_runs_again(region, tmp_path):
    rows = 4000
    register = tmp_path / "woonclub.csv"
    register.write_text(
        "voornaam;achternaam;geboortedatum;programma\n"
        + "".join(f"Kill{i};Proef{i};01/01/{1950 + i % 50};woonclub\n" for i in range(rows)),
        encoding="utf-8",
    )
    count = "from samen.registry.models import Person\nfrom samen.imports.models import " \
            "ImportBatch\nprint(Person.objects.filter(last_name__startswith='Proef').count(), " \
            "ImportBatch.objects.count())"  # fmt: skip
    _persons, batches = region.python(count).split()
    importer = region.popen(
        [*SAMEN, "import", "persons", str(register), "--user", "pieter.woonclub",
         "--source", "woonclub-kill"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_until(lambda: writing(region) or importer.poll() is not None, 120, "the import to write")
    assert importer.poll() is None, "the import ended before it could be killed"
    time.sleep(0.5)  # well into its transaction
    assert writing(region)
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert region.python(count).split() == ["0", batches]  # not one row, no batch
    assert region.samen("audit", "verify").returncode == 0
    done = region.samen("import", "persons", str(register), "--user", "pieter.woonclub",
                        "--source", "woonclub-kill")  # fmt: skip
    assert done.returncode == 0
    assert region.python(count).split() == [str(rows), str(int(batches) + 1)]


ORDERS = """
import datetime as dt, sys
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from samen.food import services
from samen.food.models import Order, Product, ShopDay, ShopOffer

user = get_user_model().objects.get(username="zonnebloem")
organisation = services.recipient_organisation(user)
day, _ = ShopDay.objects.get_or_create(date=dt.date(2099, 1, 1), defaults={
    "cut_off": timezone.now() + dt.timedelta(days=365 * 70), "kg_per_person": 900,
    "published_by": user})
products = list(Product.objects.filter(category__max_kg_per_order__isnull=True)
                .order_by("pk")[:6])
for p in products:
    ShopOffer.objects.get_or_create(day=day, product=p, defaults={"kg": 100})
A = {p.pk: Decimal("1.00") for p in products[:3]}
B = {p.pk: Decimal("2.00") for p in products[1:]}
import json
print(json.dumps([[[pk, str(kg)] for pk, kg in sorted(x.items())] for x in (A, B)]), flush=True)
for i in range(10**6):
    print("begin", i, flush=True)
    services.order_save(actor=user, day=day, lines=A if i % 2 else B)
    print("done", i, flush=True)
"""

ORDER_STATE = """
import datetime as dt, json
from samen.food.models import Order
order = Order.objects.get(day__date=dt.date(2099, 1, 1))
print(json.dumps(sorted([line.product_id, str(line.kg)] for line in order.lines.all())))
"""


def test_order_placement_killed_midway_keeps_a_whole_order(region):
    """SIGKILL at random moments while an organisation keeps replacing its order: each
    time the order is the whole earlier one or the whole new one, never a mix or none."""
    killed_in_flight = 0
    for attempt in range(6):
        script = "import django; django.setup()\n" + ORDERS
        placer = region.popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        sets = json.loads(placer.stdout.readline())
        seen = 0
        while seen < 5 + attempt * 3:  # let it place a few orders first
            line = placer.stdout.readline()
            assert line, "the order script stopped by itself"
            seen += line.startswith("done")
        time.sleep(0.013 * (attempt + 1))
        placer.send_signal(signal.SIGKILL)
        rest = placer.stdout.read().split("\n")
        placer.wait()
        last = [line for line in rest if line][-1:] or ["done"]
        killed_in_flight += last[0].startswith("begin")
        assert json.loads(region.python(ORDER_STATE)) in sets
    assert killed_in_flight >= 1, "never killed in the middle of a placement"


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
    rows = 4000
    register = (
        "voornaam;achternaam;geboortedatum;programma\n"
        + "".join(f"Cut{i};Snede{i};01/01/{1950 + i % 50};woonclub\n" for i in range(rows))
    ).encode()
    page = lead.get(f"{base}/imports/").text
    checked = lead.post(f"{base}/imports/", data={
        "kind": "persons", "source": "woonclub-cut", "csrfmiddlewaretoken": lead.csrf(page),
    }, files={"file": ("woonclub.csv", register, "text/csv")})  # fmt: skip
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    count = ("from samen.registry.models import Person\nfrom samen.imports.models import "
             "ImportBatch\nprint(Person.objects.filter(last_name__startswith='Snede').count(), "
             "ImportBatch.objects.count())")  # fmt: skip
    before = region.python(count).split()
    import threading

    answer = {}
    fields = {"token": token, "csrfmiddlewaretoken": lead.csrf(checked.text)}
    confirm = threading.Thread(target=lambda: answer.setdefault("r", lead.post(
        f"{base}/imports/bevestigen/", data=fields, allow_redirects=False)))  # fmt: skip
    confirm.start()
    wait_until(lambda: writing(region), 60, "the import to write")
    time.sleep(0.3)
    database = region.database
    _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
    _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
    confirm.join(60)
    response = answer["r"]
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Even niet bereikbaar" in response.text and "niet (half) bewaard" in response.text
    assert "Traceback" not in response.text and "psycopg" not in response.text
    _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    assert region.python(count).split() == ["0", before[1]]
    # The server recovers by itself: the same session goes on.
    assert lead.get(f"{base}/imports/").status_code == 200
