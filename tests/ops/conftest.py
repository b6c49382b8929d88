"""Operations tests run the real commands in their own processes against a copy of one
demo region with 2018 as records, built once per test session: a SQLite file, or — in
the PostgreSQL pass — a template database copied with CREATE DATABASE … TEMPLATE."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import LOOPBACK_PRODUCTION, free_port, wait_until_serving

SAMEN = [sys.executable, "-m", "samen.cli"]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def _admin(sql: str) -> None:
    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@dataclass
class Region:
    """One database of the demo region and the environment that points at it."""

    env: dict
    folder: Path
    database: str = ""  # the PostgreSQL database's name
    children: list = field(default_factory=list)

    def samen(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([*SAMEN, *args], env=self.env, capture_output=True, text=True,
                              check=check, **kwargs)  # fmt: skip

    def python(self, script: str) -> str:
        """Run Django code against this database in its own process; what it printed."""
        code = "import django; django.setup()\n" + script
        out = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True,
                             text=True)  # fmt: skip
        assert out.returncode == 0, out.stderr
        return out.stdout

    def popen(self, args: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(args, env=self.env, **kwargs)
        process.own_group = kwargs.get("start_new_session", False)
        self.children.append(process)
        return process


def _environment(folder: Path, keys: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMEN_")}
    return env | keys | {
        "SAMEN_VAR_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "samen.settings",
        "SAMEN_DB_CONN_MAX_AGE": "0", "PYTHONUNBUFFERED": "1",
    }  # fmt: skip


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from cryptography.fernet import Fernet

    folder = tmp_path_factory.mktemp("ops-template")
    keys = {
        "SAMEN_SECRET_KEY": secrets.token_urlsafe(50),
        "SAMEN_FIELD_KEYS": Fernet.generate_key().decode(),
        "SAMEN_HASH_KEY": secrets.token_hex(32),
        "SAMEN_AUDIT_KEY": secrets.token_hex(32),
    }
    region = Region(_environment(folder, keys), folder)
    if ON_POSTGRES:
        region.database = f"samen_ops_template_{os.getpid()}"
        _admin(f'DROP DATABASE IF EXISTS "{region.database}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{region.database}"')
        url = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{region.database}")
        region.env["DATABASE_URL"] = url.geturl()
    region.samen("migrate", "--noinput", "-v0")
    region.samen("demo", "--quiet", "--year", "2018")
    if not ON_POSTGRES:
        with sqlite3.connect(folder / "samen.sqlite3") as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield region, keys
    if ON_POSTGRES:
        _admin(f'DROP DATABASE IF EXISTS "{region.database}" WITH (FORCE)')


def empty_region(folder: Path, keys: dict, name: str, create: bool = True) -> Region:
    """A database of its own with the same keys, empty (not yet migrated)."""
    folder.mkdir(parents=True, exist_ok=True)
    region = Region(_environment(folder, keys), folder)
    if ON_POSTGRES:
        region.database = f"samen_ops_{name}_{os.getpid()}"
        _admin(f'DROP DATABASE IF EXISTS "{region.database}" WITH (FORCE)')
        if create:
            _admin(f'CREATE DATABASE "{region.database}"')
        url = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{region.database}")
        region.env["DATABASE_URL"] = url.geturl()
    return region


@pytest.fixture
def region(demo_template, tmp_path, request):
    """A fresh copy of the demo region for one test, removed afterwards."""
    template, keys = demo_template
    copy = empty_region(tmp_path / "region", keys, request.node.name[:20].lower(), create=False)
    if ON_POSTGRES:
        _admin(f'CREATE DATABASE "{copy.database}" TEMPLATE "{template.database}"')
    else:
        shutil.copy(template.folder / "samen.sqlite3", copy.folder / "samen.sqlite3")
    checkpoint = template.folder / "audit-checkpoint"
    if checkpoint.exists():
        shutil.copy(checkpoint, copy.folder / "audit-checkpoint")
    yield copy
    for child in copy.children:
        if child.poll() is None:
            os.killpg(child.pid, 9) if getattr(child, "own_group", False) else child.kill()
            child.wait()
    if ON_POSTGRES:
        _admin(f'DROP DATABASE IF EXISTS "{copy.database}" WITH (FORCE)')


def serve(region: Region, workers: int = 2, port: int | None = None) -> str:
    """`samen serve` (gunicorn, production settings over plain HTTP) on this region, in a
    process group of its own (kill_server kills it whole, as a power cut would)."""
    port = port or free_port()
    region.env |= LOOPBACK_PRODUCTION | {"SAMEN_DB_CONN_MAX_AGE": "60"}
    log = (region.folder / "server.log").open("a")
    region.server = region.popen(
        [*SAMEN, "serve", "--no-worker", "--workers", str(workers), f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(base, region.folder / "server.log")
    return base


def kill_server(region: Region) -> None:
    """SIGKILL to `samen serve`, gunicorn's master and every worker at once."""
    import signal

    os.killpg(region.server.pid, signal.SIGKILL)
    region.server.wait()


def signed_in(base: str, username: str, password: str = "samen-demo"):
    """A requests session signed in with password and the demo authenticator's code."""
    import re

    import requests

    from samen.registry.demo import demo_totp_code

    session = requests.Session()
    session.get(f"{base}/aanmelden/")
    response = session.post(f"{base}/aanmelden/", data={
        "username": username, "password": password,
        "csrfmiddlewaretoken": session.cookies["csrftoken"],
    })  # fmt: skip
    if "/aanmelden/tweede-stap/" in response.url:
        response = session.post(response.url, data={
            "token": demo_totp_code(), "csrfmiddlewaretoken": session.cookies["csrftoken"],
        })  # fmt: skip
    assert response.status_code == 200 and "/aanmelden/" not in response.url, response.url
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    session.csrf = lambda page: re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                                          page).group(1)  # fmt: skip
    return session
