from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samen.access import audit
from samen.core import backup


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a back-up. The restore itself is written "
        "to the audit trail, with the checkpoint it replaces."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        before = audit.read_checkpoint()
        try:
            count = backup.restore(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        audit.record_restore(file=path.name, checkpoint_before=before)
        self.stdout.write(f"Teruggezet: {count} records uit {file}.")
