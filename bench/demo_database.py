"""For the benchmarks that need the demo region: a fresh database (a temporary SQLite file,
or the PostgreSQL database given) with Django set up, migrated and the demo loaded."""

import os
import tempfile


def demo_database(database_url: str = "", years: tuple[int, ...] = ()) -> None:
    os.environ["SAMEN_VAR_DIR"] = tempfile.mkdtemp(prefix="samen-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "samen.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", "--quiet", *[f"--year={y}" for y in years], stdout=quiet)
