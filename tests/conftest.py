"""Personas per role and a small hand-made world, built once per test session (per
xdist worker) and shared by every test; each test runs in a transaction rolled back
afterwards."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from samen.registry import demo, services
from samen.registry.models import (
    LegalBasis,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    Role,
    Team,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

# persona → (username, role, unit)
PERSONAS = {
    "worker_kortrijk": ("t.kortrijk", Role.SOCIAL_WORKER, "organisation:OCMW Kortrijk"),
    "worker_menen": ("t.menen", Role.SOCIAL_WORKER, "organisation:OCMW Menen"),
    "worker_caw": ("t.caw", Role.SOCIAL_WORKER, "organisation:CAW Zuid-West-Vlaanderen"),
    "meldpunt_member": ("t.meldpunt", Role.TEAM_MEMBER, "team:meldpunt"),
    "dedicated_member": ("t.dedicated", Role.TEAM_MEMBER, "team:dedicated"),
    "programme_lead": ("t.lead", Role.PROGRAMME_LEAD, "team:woonclub"),
    "volunteer": ("t.volunteer", Role.VOLUNTEER, "organisation:W13 welzijnsvereniging"),
    "food_org": ("t.food", Role.FOOD_ORGANISATION, "organisation:Welzijnsschakel Anzegem"),
    "hub_staff": ("t.hub", Role.HUB_STAFF, "team:foodhub"),
    "hub_coordinator": ("t.hubcoord", Role.HUB_COORDINATOR, "team:foodhub"),
    "trainee": ("t.trainee", Role.TRAINEE, "team:foodhub"),
    "trainee_coach": ("t.coach", Role.TRAINEE_COACH, "team:foodhub"),
    "coordinator": ("t.coordinator", Role.COORDINATOR, "organisation:W13 welzijnsvereniging"),
    "org_admin": ("t.admin.kortrijk", Role.ORG_ADMIN, "organisation:OCMW Kortrijk"),
    "dpo": ("t.dpo", Role.DPO, "organisation:W13 welzijnsvereniging"),
    "crisis_partner": ("t.crisis", Role.CRISIS_PARTNER, "organisation:CAW Zuid-West-Vlaanderen"),
    "wijkwerk_coach": ("t.wijkwerk", Role.WIJKWERK_COACH, "organisation:W13 welzijnsvereniging"),
    "wijkwerk_user": ("t.school", Role.WIJKWERK_USER, "organisation:Basisschool De Vlinder"),
    "adviser": ("t.adviser", Role.TECHNICAL_ADVISER, "organisation:Renovatiecoach Zuid-West"),
    "counsellor": ("t.biz", Role.TEAM_MEMBER, "team:biz"),
    "solentra": ("t.solentra", Role.SOCIAL_WORKER, "organisation:Solentra"),
    "konekti": ("t.konekti", Role.TEAM_MEMBER, "team:konekti"),
    "citizen": ("t.citizen", None, None),
    "budget_user": ("t.budget", None, None),  # the budget app only, no registry person
}
PASSWORD = "test-wachtwoord-123"


def pytest_configure(config):
    # Each xdist worker keeps its own audit checkpoint outside the database.
    folder = Path(tempfile.mkdtemp(prefix="samen-test-"))
    settings.AUDIT_CHECKPOINT_FILE = folder / "audit-checkpoint"
    # Tests log in hundreds of times; argon2 is asserted in its own test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_world() -> None:
    import random

    demo.build_reference(random.Random(1))
    for persona, (username, role, unit) in PERSONAS.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=persona)
        if role:
            demo._membership(user, role, demo._unit(unit))
    kortrijk = Municipality.objects.get(name="Kortrijk")
    menen = Municipality.objects.get(name="Menen")
    sa = Programme.objects.get(code="social_assistance")

    def person(worker, first, last, birth, municipality, insz=""):
        member = Membership.objects.get(user__username=PERSONAS[worker][0])
        return services.person_create(
            actor=member.user, membership=member, insz=insz, programme=sa,
            legal_basis=LegalBasis.LEGAL_TASK, basis_note="OCMW-wet art. 1",
            data={"first_name": first, "last_name": last, "birth_date": birth, "language": "nl",
                  "municipality": municipality, "street": "Budastraat", "house_number": "3",
                  "postcode": "8500", "city": "Kortrijk", "phone": "056 11 22 33"},
        )  # fmt: skip

    k = Membership.objects.get(user__username="t.kortrijk")
    p_k = person(
        "worker_kortrijk",
        "Els",
        "Declercq",
        dt.date(1984, 5, 12),
        kortrijk,
        demo.demo_insz(dt.date(1984, 5, 12), 101),
    )
    services.note_create(
        actor=k.user, membership=k, person=p_k, category="social", text="Vraagt hulp bij huur."
    )
    services.note_create(
        actor=k.user,
        membership=k,
        person=p_k,
        category="health",
        text="Diabetes, volgt behandeling.",
    )
    person("worker_menen", "Marc", "Vanneste", dt.date(1970, 1, 2), menen)
    p_c = person("worker_kortrijk", "Karim", "El Amrani", dt.date(1979, 9, 3), kortrijk)
    Person.objects.filter(pk=p_c.pk).update(user=get_user_model().objects.get(username="t.citizen"))
    p_r = person("worker_kortrijk", "Lotte", "Maes", dt.date(1990, 7, 7), kortrijk)
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    consent = services.consent_record(
        actor=k.user,
        membership=k,
        person=p_r,
        purpose=Programme.objects.get(code="caw"),
        recipient=caw,
        categories=["basic", "contact", "social"],
    )
    services.referral_create(
        actor=k.user,
        membership=k,
        person=p_r,
        receiver=caw,
        programme=Programme.objects.get(code="caw"),
        reason="Huisvesting",
        legal_basis=LegalBasis.CONSENT,
        consent=consent,
        categories=["basic", "social"],
    )
    services.note_create(
        actor=k.user,
        membership=k,
        person=p_r,
        category="social",
        text="Sociale notitie voor het CAW.",
    )
    services.note_create(
        actor=k.user,
        membership=k,
        person=p_r,
        category="financial",
        text="Schulden bij de energieleverancier.",
    )
    build_wijkwerk(p_c)
    build_budget()
    demo.give_demo_authenticators()  # everyone with a role has set up the second factor


def build_budget() -> None:
    """The budget app user shares with the counsellor; the citizen has a budget too."""
    from samen.budget.models import Budget, Share

    shared = Budget.objects.create(owner=user_of("budget_user"))
    Share.objects.create(budget=shared, counsellor=user_of("counsellor"))
    Budget.objects.create(owner=user_of("citizen"))


def build_wijkwerk(citizen) -> None:
    """W13's cheque price; the school is a user; the citizen is a private user and a
    wijk-werker at work."""
    from samen.work.models import ChequePrice, WijkwerkUser, Worker

    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    ChequePrice.objects.create(organiser=w13, effective_from=dt.date(2018, 1, 1), price="7.45")
    WijkwerkUser.objects.create(
        organiser=w13, kind="school", number="S-1", account=user_of("wijkwerk_user"),
        organisation=Organisation.objects.get(name="Basisschool De Vlinder"),
    )  # fmt: skip
    WijkwerkUser.objects.create(organiser=w13, kind="private", number="P-1", person=citizen,
                                account=user_of("citizen"))  # fmt: skip
    Worker.objects.create(organiser=w13, person=citizen, referred_by="ocmw", ex_pwa=True,
                          referred_on=dt.date(2018, 1, 2), intake_on=dt.date(2018, 1, 3),
                          started_on=dt.date(2018, 1, 4))  # fmt: skip


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_world()


@pytest.fixture
def world(db):
    """Handy handles on the hand-made world."""

    class World:
        person_kortrijk = Person.objects.get(first_name="Els", last_name="Declercq")
        person_menen = Person.objects.get(first_name="Marc", last_name="Vanneste")
        person_citizen = Person.objects.get(first_name="Karim", last_name="El Amrani")
        person_referred = Person.objects.get(first_name="Lotte", last_name="Maes")
        caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
        ocmw_kortrijk = Organisation.objects.get(name="OCMW Kortrijk")
        ocmw_menen = Organisation.objects.get(name="OCMW Menen")
        meldpunt = Team.objects.get(code="meldpunt")
        food_org = Organisation.objects.filter(kind=OrganisationKind.FOOD_ORGANISATION).first()
        donor = Organisation.objects.filter(kind=OrganisationKind.DONOR).first()

    return World


def user_of(persona: str):
    return get_user_model().objects.get(username=PERSONAS[persona][0])


def membership_of(persona: str) -> Membership:
    return Membership.objects.get(user__username=PERSONAS[persona][0])


def sign_in(client, user) -> None:
    """Signed in with both factors, as after the second step: users who hold a role get a
    confirmed authenticator (made here when the test created the user itself)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if Membership.objects.filter(user=user).exists():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def persona_client(client, db):
    """persona_client("worker_kortrijk") → a logged-in test client (or anonymous)."""

    def make(persona: str):
        if persona != "anonymous":
            sign_in(client, user_of(persona))
        return client

    return make


for _persona in PERSONAS:

    def _fixture(db, _p=_persona):
        return user_of(_p)

    globals()[_persona] = pytest.fixture(_fixture, name=_persona)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


postgres_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="needs PostgreSQL row locks; runs in the PostgreSQL pass of CI",
)


def refer_from_kortrijk(person, receiver, programme_code: str, categories: list[str], **extra):
    """A referral by the Kortrijk worker; on the OCMW's legal task unless `extra` says
    otherwise (legal_basis=..., consent=...)."""
    k = membership_of("worker_kortrijk")
    fields = {
        "legal_basis": LegalBasis.LEGAL_TASK,
        "justification": "OCMW-wet art. 57",
        "reason": "Doorverwijzing in de test",
    } | extra
    return services.referral_create(
        actor=k.user,
        membership=k,
        person=person,
        receiver=receiver,
        programme=Programme.objects.get(code=programme_code),
        categories=categories,
        **fields,
    )


# Production settings over plain HTTP on loopback: what the browser and fault tests serve.
LOOPBACK_PRODUCTION = {"SAMEN_DEBUG": "false", "SAMEN_SSL_REDIRECT": "false",
                       "SAMEN_SECURE_COOKIES": "false", "SAMEN_HSTS_SECONDS": "0"}  # fmt: skip


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base: str, log: Path, seconds: float = 30) -> None:
    """Until `samen serve` at `base` answers its health page; else fail with its log."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/gezondheid/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("samen serve did not start: " + log.read_text())


def run_on_fresh_postgres(tmp_path, name: str, script: str) -> str:
    """Migrate a PostgreSQL database of its own, run `script` there in a separate process
    (real parallel connections), drop the database, and return what the script printed."""
    import subprocess
    import sys
    from urllib.parse import urlparse

    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    database = f"samen_{name}_{os.getpid()}"
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    env = {
        **os.environ,
        "DATABASE_URL": url._replace(path=f"/{database}").geturl(),
        "SAMEN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "samen.settings",
        "SAMEN_DB_CONN_MAX_AGE": "0",
    }
    try:
        subprocess.run([sys.executable, "-m", "samen.cli", "migrate", "-v0"], env=env, check=True)
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return out.stdout + out.stderr


@pytest.fixture(autouse=True)
def fresh_cache():
    """The figures cache lives in the process: no test sees another test's figures."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def dutch_first():
    """Every test starts in Dutch: a request in another language (the test client runs in
    this thread) must not leak its language into the next test's services."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
