from pathlib import Path

from django.core.management.base import BaseCommand

from samen.core import backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database to FILE (.json or .json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        count = backup.backup(Path(file))
        self.stdout.write(f"Back-up geschreven: {file} ({count} records).")
