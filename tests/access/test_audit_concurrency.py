"""Concurrent appends never fork the chain: the head row is locked (PostgreSQL row lock).
Runs against a database of its own, with real concurrent connections."""

import textwrap

import pytest

from tests.conftest import postgres_only, run_on_fresh_postgres

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
    out = run_on_fresh_postgres(tmp_path, "lock", SCRIPT)
    assert out.split()[:2] == ["320", "0"], out
