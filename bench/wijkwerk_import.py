"""A year of wijk-werk performances imported (issue 6, §4): 142,579 rows, the region's
cheque count of 2018, validated (wijk-werkers and users matched, the 12 months, the 60 hours
a month and 630 a year, the cheques left) and loaded, on a fresh demo database; the same
rows as .xlsx beside it.

    .venv/bin/python bench/wijkwerk_import.py [--rows 142579] [--database-url URL]

The register: 700 wijk-werkers (380 from the PWA system, as in 2018) and 3,000 users with
250 cheques each, imported first with their own kinds; every performance lasts 1 to 3
hours, so a wijk-werker works about 34 hours a month and 410 a year, within the limits.
"""

import argparse
import random
import tempfile
import time
from pathlib import Path

from demo_database import demo_database

SOURCE = "bench-register"
WORKERS, USERS = 700, 3000


def register_files(folder: Path) -> tuple[Path, Path]:
    workers = folder / "workers.csv"
    lines = ["extern_id;voornaam;achternaam;geboortedatum;doorverwezen_door;doorverwezen_op;"
             "intake_op;gestart_op;pwa"]  # fmt: skip
    for i in range(WORKERS):
        pwa = "ja" if i < 380 else "nee"
        lines.append(f"B{i:04d};Wim{i};Werker{i};01/01/1970;vdab;01/01/2018;01/01/2018;"
                     f"01/01/2018;{pwa}")  # fmt: skip
    workers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    users = folder / "users.csv"
    lines = ["gebruikersnummer;soort;naam;ingeschreven_op;cheques;gekocht_op"]
    for i in range(USERS):
        lines.append(f"BU{i:05d};vzw;Vereniging {i};02/01/2018;250;02/01/2018")
    users.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return workers, users


def performance_rows(count: int) -> list[list[str]]:
    rnd = random.Random(2018)
    rows = []
    per_worker = -(-count // WORKERS)
    for i in range(count):
        worker, k = i % WORKERS, i // WORKERS
        month = 1 + (k * 12) // per_worker
        day = 1 + (k * 7 + worker) % 28
        hours = rnd.choice(("1", "1,5", "2", "2,5", "3"))
        rows.append([f"{day:02d}/{month:02d}/2018", f"B{worker:04d}",
                     f"BU{rnd.randrange(USERS):05d}", "Tuinonderhoud", hours, ""])  # fmt: skip
    return rows


HEAD = ["datum", "wijkwerker", "gebruiker", "activiteit", "uren", "km"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=142_579)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--profile", action="store_true", help="where the .csv time goes")
    args = parser.parse_args()
    demo_database(args.database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from samen.imports import framework
    from samen.work.models import Performance

    coach = get_user_model().objects.get(username="wijkwerk.coach")
    folder = Path(tempfile.mkdtemp(prefix="samen-wijkwerk-"))
    workers, users = register_files(folder)

    def timed(kind: str, path: Path):
        start = time.perf_counter()
        result = framework.run(kind, path, actor=coach, source=SOURCE)
        seconds = time.perf_counter() - start
        assert result.ok, result.errors[:5]
        return result, seconds

    _, seconds = timed("wijkwerk-workers", workers)
    print(f"database: {connection.vendor}")
    print(f"wijkwerk-workers: {WORKERS} rows in {seconds:.2f} s")
    _, seconds = timed("wijkwerk-users", users)
    print(f"wijkwerk-users: {USERS} rows in {seconds:.2f} s")
    rows = performance_rows(args.rows)
    csv = folder / "performances.csv"
    csv.write_text("\n".join(";".join(r) for r in [HEAD, *rows]) + "\n", encoding="utf-8")
    before = Performance.objects.count()
    if args.profile:
        import cProfile
        import pstats

        with cProfile.Profile() as profile:
            result, seconds = timed("wijkwerk-performances", csv)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    else:
        result, seconds = timed("wijkwerk-performances", csv)
    loaded = Performance.objects.count() - before
    assert loaded == args.rows, loaded
    print(f"wijkwerk-performances (.csv): {args.rows:,} rows validated and loaded in "
          f"{seconds:.2f} s (target ≤ 15 s)")  # fmt: skip
    start = time.perf_counter()
    framework.undo(result.batch.pk, actor=coach)
    print(f"undo of that import: {time.perf_counter() - start:.2f} s")

    from openpyxl import Workbook

    xlsx = folder / "performances.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("prestaties")
    sheet.append(HEAD)
    for r in rows:
        sheet.append(r)
    book.save(xlsx)
    result, seconds = timed("wijkwerk-performances", xlsx)
    print(f"wijkwerk-performances (.xlsx): {args.rows:,} rows in {seconds:.2f} s")


if __name__ == "__main__":
    main()
