"""The load test (issue 10, §2): `samen serve` (gunicorn, production settings) on
127.0.0.1 with PostgreSQL and the demo region with 2018 as records; locust drives
simulated users with 1–3 s think time (see locustfile.py). It prints, per page, p50, p95,
p99 and errors; the queries each page runs; the server's ceiling on a trivial view; and
then the largest number of users that still holds p95 ≤ 250 ms.

    .venv/bin/python bench/load/run.py [--database-url postgres://…/samen_load]
        [--users 50] [--seconds 120] [--steps 75,100,150,200] [--step-seconds 60]

The database is built on the first run (about a minute) and reused afterwards.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = sys.executable
TARGET_MS = 250
# The pages of the mix; "aanmelden" (password hashing with argon2, once per user) is
# reported apart and is not part of the target.
MIX = ["personen zoeken", "dossier openen", "onthaal (formulier)", "onthaal registreren",
       "shop", "bestelling bewaren", "wijk-werker", "prestatie registreren", "jaarverslag",
       "dashboard"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(url: str, folder: Path) -> dict:
    keys = folder / "keys.json"
    if not keys.exists():
        from cryptography.fernet import Fernet

        keys.write_text(json.dumps({
            "SAMEN_SECRET_KEY": secrets.token_urlsafe(50),
            "SAMEN_FIELD_KEYS": Fernet.generate_key().decode(),
            "SAMEN_HASH_KEY": secrets.token_hex(32), "SAMEN_AUDIT_KEY": secrets.token_hex(32),
        }))  # fmt: skip
    return {**os.environ, **json.loads(keys.read_text()), "DATABASE_URL": url,
            "SAMEN_VAR_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "samen.settings",
            "SAMEN_DEBUG": "false", "SAMEN_SSL_REDIRECT": "false",
            "SAMEN_SECURE_COOKIES": "false", "SAMEN_HSTS_SECONDS": "0",
            # As docs/operations.md advises with several processes: one shared cache.
            "SAMEN_CACHE_URL": os.environ.get("SAMEN_CACHE_URL", "redis://localhost/3"),
            }  # fmt: skip


MIX_USERS = ["SocialWorker", "FoodOrganisation", "WijkwerkCoach", "Coordinator"]


def locust(env, base, users, seconds, out, classes=MIX_USERS) -> dict:
    subprocess.run(
        [PYTHON, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
         "-u", str(users), "-r", str(max(5, users // 5)), "-t", f"{seconds}s", "-H", base,
         "--csv", str(out), "--only-summary", "--loglevel", "ERROR", *classes],
        env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    rows = {}
    with open(f"{out}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = row
    return rows


def summary(rows: dict) -> tuple[float, int, int]:
    """p95 over the mix (weighted by requests: the worst page's p95 is shown too)."""
    mix = [rows[n] for n in MIX if n in rows]
    requests = sum(int(r["Request Count"]) for r in mix)
    failures = sum(int(r["Failure Count"]) for r in mix)
    worst = max(float(r["95%"]) for r in mix)
    return worst, requests, failures


def queries_per_page(env) -> str:
    script = (HERE / "queries.py").read_text()
    out = subprocess.run([PYTHON, "-c", script], env=env, capture_output=True, text=True)
    return out.stdout + out.stderr[-2000:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/samen_load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--steps", default="75,100,150,200")
    parser.add_argument("--step-seconds", type=int, default=60)
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: settings)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "samen-load"
    folder.mkdir(exist_ok=True)
    from urllib.parse import urlparse

    import psycopg

    url = urlparse(args.database_url)
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (url.path[1:],)).fetchone():  # fmt: skip
            conn.execute(f'CREATE DATABASE "{url.path[1:]}"')
    env = environment(args.database_url, folder)
    samen = [PYTHON, "-m", "samen.cli"]
    subprocess.run([*samen, "migrate", "-v0"], env=env, check=True)
    steps = [int(s) for s in args.steps.split(",") if s]
    plan = folder / "plan.json"
    started = time.time()
    subprocess.run([PYTHON, str(HERE / "prepare.py"), str(max([args.users, *steps])),
                    str(plan)], env=env, check=True)  # fmt: skip
    print(f"prepared in {time.time() - started:.0f} s")
    env["SAMEN_LOAD_PLAN"] = str(plan)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = [*samen, "serve", "--no-worker", f"127.0.0.1:{port}"]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    server = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/gezondheid/", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        print(queries_per_page(env))
        rows = locust(env, base, args.users, args.seconds, folder / "main")
        print(f"\n{args.users} users, {args.seconds} s, 1–3 s think time")
        print(f"{'page':<24}{'requests':>9}{'errors':>8}{'p50':>7}{'p95':>7}{'p99':>7}  (ms)")
        for name in [*MIX, "aanmelden"]:
            if name in rows:
                r = rows[name]
                print(f"{name:<24}{r['Request Count']:>9}{r['Failure Count']:>8}"
                      f"{r['50%']:>7}{r['95%']:>7}{r['99%']:>7}")  # fmt: skip
        agg = rows["Aggregated"]
        worst, requests, failures = summary(rows)
        mix_rps = requests / args.seconds
        print(
            f"mix: {requests} requests ({mix_rps:.1f}/s), {failures} errors, "
            f"worst page p95 {worst:.0f} ms; all requests p95 {agg['95%']} ms"
        )
        ceiling = locust(env, base, 50, 30, folder / "ceiling", ["Ceiling"])["gezondheid"]
        ceiling_rps = float(ceiling["Requests/s"])
        print(
            f"ceiling (trivial view, 50 users without think time): {ceiling_rps:.0f} req/s, "
            f"p95 {ceiling['95%']} ms; the mix's {mix_rps:.1f} req/s at {args.users} users "
            f"are {100 * mix_rps / ceiling_rps:.1f} % of that throughput"
        )
        best = args.users if worst <= TARGET_MS and failures == 0 else 0
        for users in steps:
            rows = locust(env, base, users, args.step_seconds, folder / f"step{users}")
            worst, requests, failures = summary(rows)
            print(
                f"{users} users: worst page p95 {worst:.0f} ms, {failures} errors, "
                f"{requests / args.step_seconds:.1f} req/s"
            )
            if worst > TARGET_MS or failures:
                break
            best = users
        print(f"largest number of users holding p95 ≤ {TARGET_MS} ms on every page: {best}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
