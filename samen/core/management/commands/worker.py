from django.core.management import call_command
from django.core.management.base import BaseCommand

from samen.core import tasks


class Command(BaseCommand):
    help = (
        "Run the background worker (route planning). At start it marks the tasks of a worker "
        "on this machine that died mid-task as failed, so they can be started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--interval", type=float, default=0.5)

    def handle(self, *args, batch: bool, interval: float, **options):
        failed = tasks.fail_interrupted()
        if failed and options["verbosity"]:
            self.stdout.write(f"{failed} interrupted task(s) marked as failed.")
        call_command(
            "db_worker", worker_id=tasks.worker_id(), interval=interval, batch=batch,
            reload=False, startup_delay=False, verbosity=options["verbosity"],
        )  # fmt: skip
