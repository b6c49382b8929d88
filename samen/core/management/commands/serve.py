import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve Samen with gunicorn (workers and threads from SAMEN_WEB_WORKERS and "
        "SAMEN_WEB_THREADS) and, unless --no-worker, one background worker beside it. "
        "Static files are collected first and served by WhiteNoise."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="run `samen worker` apart")
        parser.add_argument("--workers", type=int, default=settings.SAMEN_WEB_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.SAMEN_WEB_THREADS)

    def handle(self, *args, addrport: str, no_worker: bool, workers: int, threads: int, **options):
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        python = sys.executable
        processes = []
        # SIGTERM (systemd, a supervisor, a test) stops the children too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            if not no_worker and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]:
                processes.append(subprocess.Popen([python, "-m", "samen.cli", "worker", "-v", "0"]))
            web = subprocess.Popen(
                [python, "-m", "gunicorn", "samen.wsgi:application", "--bind", addrport,
                 "--workers", str(workers), "--threads", str(threads),
                 "--worker-tmp-dir", "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
                 "--graceful-timeout", "20", "--timeout", "120",
                 *(["--reload"] if settings.DEBUG else [])],
            )  # fmt: skip
            processes.append(web)
            self.stdout.write(f"Samen at http://{addrport}/ ({workers} × {threads} threads)")
            web.wait()
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
