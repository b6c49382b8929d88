import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve Samen for development, with a background worker beside it "
        "(production: gunicorn and `samen db_worker`, see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, addrport: str, no_worker: bool, **options):
        worker = None
        if not no_worker and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]:
            # The queue of background work (route planning), in its own process.
            worker = subprocess.Popen(
                [sys.executable, "-m", "samen.cli", "db_worker", "--no-reload", "--interval", "0.5",
                 "--no-startup-delay", "-v", "0"]
            )  # fmt: skip
        try:
            # Static files straight from the apps, also with DEBUG off (a local production-like
            # run); in production a web server or CDN serves them (docs/operations.md).
            call_command("runserver", addrport, use_reloader=False, insecure_serving=True)
        finally:
            if worker:
                worker.terminate()
                worker.wait(10)
