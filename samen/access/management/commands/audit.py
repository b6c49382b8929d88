import sys

from django.core.management.base import BaseCommand

from samen.access import audit


class Command(BaseCommand):
    help = "audit verify: check the hash chain and the checkpoint outside the database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        problems = audit.verify()
        if problems:
            self.stderr.write(f"Audit trail BROKEN: first problem at {problems[0]}")
            for problem in problems[1:20]:
                self.stderr.write(f"  also: {problem}")
            sys.exit(1)
        last = audit._last()
        self.stdout.write(f"Audit trail intact: {last[0]} entries, checkpoint agrees.")
