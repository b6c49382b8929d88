"""The load test's users, each with 1–3 s between steps, signed in with password and the
demo authenticator's code (each simulated user is its own account):

- social workers (weight 6): search persons, open a file, now and then register an intake;
- food organisations (weight 2): open the shop and save their order;
- wijk-werk coaches (weight 2): open a wijk-werker and register a performance;
- coordinators (weight 1): the annual report and a programme dashboard.

The plan (accounts, ids) comes from prepare.py through SAMEN_LOAD_PLAN. A request is an
error when its status is not the expected one or the page is a log-in page.
"""

import datetime as dt
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, constant, task

PLAN = json.loads(Path(os.environ.get("SAMEN_LOAD_PLAN", "load-plan.json")).read_text())
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_accounts = {kind: itertools.cycle(PLAN[kind]) for kind in ("workers", "food", "coaches",
                                                             "coordinators")}  # fmt: skip


def totp() -> str:
    import time

    from django_otp.oath import hotp

    key = bytes.fromhex(b"samen-demo-w13-totp!".hex())
    return f"{hotp(key, int(time.time()) // 30):06d}"


class Staff(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = ""

    def on_start(self):
        self.me = next(_accounts[self.kind])
        page = self.client.get("/aanmelden/", name="aanmelden").text
        with self.client.post("/aanmelden/", name="aanmelden", catch_response=True, data={
            "username": self.me["username"], "password": PLAN["password"],
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
        }) as response:  # fmt: skip
            page = response.text
            if "tweede-stap" not in response.url:
                response.failure("no second step after the password")
        with self.client.post("/aanmelden/tweede-stap/", name="aanmelden", catch_response=True,
                              data={"token": totp(), "csrfmiddlewaretoken": TOKEN.search(page)
                                    .group(1)}) as response:  # fmt: skip
            if "/aanmelden/" in response.url:
                response.failure("second step refused")

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/aanmelden/" in (response.url or ""):
                response.failure(f"{response.status_code} {response.url}")
            return response.text or ""

    def submit(self, url: str, name: str, page: str, data: dict, ok=(200, 302)):
        data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1), **data}
        with self.client.post(url, name=name, data=data, catch_response=True,
                              allow_redirects=False) as response:  # fmt: skip
            if response.status_code not in ok:
                response.failure(f"{response.status_code}")


class SocialWorker(Staff):
    weight = 6
    kind = "workers"

    @task(4)
    def search(self):
        name = random.choice(self.me["names"])
        self.page(f"/personen/?name={name}&purpose=social_assistance", "personen zoeken")

    @task(4)
    def open_file(self):
        self.page(f"/personen/{random.choice(self.me['persons'])}/", "dossier openen")

    @task(1)
    def intake(self):
        person = random.choice(self.me["persons"])
        url = f"/zorg/onthaal/nieuw/{person}/"
        page = self.page(url, "onthaal (formulier)")
        if "csrfmiddlewaretoken" in page:
            self.submit(url, "onthaal registreren", page, {
                "membership": self.me["membership"], "on": f"{dt.date.today():%d/%m/%Y}",
                "question": "Vraagt hulp bij de energiefactuur.", "context": "Belastingtest",
            }, ok=(302,))  # fmt: skip


class FoodOrganisation(Staff):
    weight = 2
    kind = "food"

    @task
    def order(self):
        page = self.page("/voeding/shop/", "shop")
        if "csrfmiddlewaretoken" in page and PLAN["offers"]:
            lines = {f"kg_{p}": str(random.randint(0, 3)) for p in
                     random.sample(PLAN["offers"], min(4, len(PLAN["offers"])))}  # fmt: skip
            self.submit("/voeding/shop/", "bestelling bewaren", page, lines)


class WijkwerkCoach(Staff):
    weight = 2
    kind = "coaches"

    @task
    def performance(self):
        url = f"/werk/wijk-werken/wijk-werkers/{random.choice(self.me['workers'])}/"
        page = self.page(url, "wijk-werker")
        if "csrfmiddlewaretoken" in page and self.me["users"]:
            self.submit(url, "prestatie registreren", page, {
                "user": random.choice(self.me["users"]), "activity": "Tuinonderhoud",
                "on": f"{dt.date.today():%d/%m/%Y}", "hours": "1", "round_trip_km": "0",
            })  # fmt: skip


class Coordinator(Staff):
    weight = 1
    kind = "coordinators"

    @task(2)
    def report(self):
        self.page("/cijfers/jaarverslag/?jaar=2018", "jaarverslag")

    @task(1)
    def dashboard(self):
        self.page("/cijfers/dashboards/food-act-13/", "dashboard")


class Ceiling(FastHttpUser):
    """The same server's throughput on a trivial view (no think time): the ceiling."""

    wait_time = constant(0)

    @task
    def health(self):
        self.client.get("/gezondheid/", name="gezondheid")
