"""What the audit trail costs a page.

Serves the person file (the most audited page) through Django's test client on a fresh
demo database, N times with the trail and N times with `audit.record` replaced by a
no-op, and prints the median and 95th percentile per page, the queries per page, and
how fast `samen audit verify` walks the chain.

    .venv/bin/python bench/audit_cost.py [--requests 300] [--database-url URL]
"""

import argparse
import statistics
import sys
import time

from demo_database import demo_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    demo_database(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from samen.access import audit
    from samen.registry.models import Person

    settings.ALLOWED_HOSTS = ["*"]
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="sofie.kortrijk"))
    person = Person.objects.get(first_name="Els", last_name="Declercq")
    url = f"/personen/{person.pk}/"

    def measure() -> list[float]:
        client.get(url)  # warm
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        return times

    def queries() -> int:
        counted = []
        with connection.execute_wrapper(lambda run, sql, *a: counted.append(sql) or run(sql, *a)):
            client.get(url)
        return len(counted)

    with_trail = queries()
    audited = measure()
    real_record = audit.record
    audit.record = lambda *a, **k: None
    from samen.registry import selectors

    selectors.audit.record = audit.record
    without_trail = queries()
    plain = measure()
    audit.record = selectors.audit.record = real_record

    def line(name, times):
        p95 = statistics.quantiles(times, n=20)[-1]
        return f"{name:<22} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms"

    print(f"database: {connection.vendor}; {args.requests} requests of {url}")
    print(line("with audit trail", audited))
    print(line("without audit trail", plain))
    cost = statistics.median(audited) - statistics.median(plain)
    print(
        f"cost of the trail: {cost:.2f} ms per page (median), "
        f"{with_trail} vs {without_trail} queries per page"
    )
    start = time.perf_counter()
    problems = audit.verify()
    from samen.access.models import AuditEntry

    count = AuditEntry.objects.count()
    elapsed = time.perf_counter() - start
    print(
        f"audit verify: {count} entries in {elapsed:.2f} s "
        f"({count / elapsed:,.0f} entries/s), problems: {len(problems)}"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
