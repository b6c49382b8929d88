"""Concurrent appends never fork the chain: the head row is locked (PostgreSQL row lock).
Runs against a database of its own, with real concurrent connections."""

import os
import subprocess
import sys
import textwrap
from urllib.parse import urlparse

import pytest

from tests.conftest import postgres_only

SCRIPT = textwrap.dedent("""
    import threading
    import django
    django.setup()
    from django.db import connection
    from samen.access import audit

    def work():
        for _ in range(40):
            audit.record(None, "concurrency-test")
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    problems = audit.verify()
    from samen.access.models import AuditEntry
    print(AuditEntry.objects.count(), len(problems), problems[:3])
""")


@postgres_only
@pytest.mark.xdist_group("postgres-subprocess")
def test_eight_writers_at_once_leave_one_unbroken_chain(tmp_path):
    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    name = f"samen_lock_{os.getpid()}"
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url._replace(path=f"/{name}").geturl(),
        "SAMEN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "samen.settings",
        "SAMEN_DB_CONN_MAX_AGE": "0",
    }
    try:
        subprocess.run([sys.executable, "-m", "samen.cli", "migrate", "-v0"], env=env, check=True)
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.split()[:2] == ["320", "0"], out.stdout + out.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
