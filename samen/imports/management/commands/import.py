import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from samen.imports import framework


class Command(BaseCommand):
    help = (
        "Import a spreadsheet: samen import KIND FILE --user NAME [--source NAME] "
        "[--dry-run]; --list; --template KIND FILE.xlsx; --undo BATCH --user NAME."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?")
        parser.add_argument("file", nargs="?")
        parser.add_argument("--list", action="store_true", help="the import kinds")
        parser.add_argument("--template", action="store_true", help="write an .xlsx template")
        parser.add_argument("--undo", type=int, metavar="BATCH", help="undo an import")
        parser.add_argument("--source", default="", help="the register the file comes from")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--user", help="who imports (a programme lead or administrator)")

    def handle(self, *args, **o):
        if o["list"]:
            for name, kind in sorted(framework.REGISTRY.items()):
                self.stdout.write(f"{name:<16} {kind.description}")
            return
        if o["template"]:
            if not (o["kind"] and o["file"]):
                raise CommandError("Gebruik: samen import --template KIND BESTAND.xlsx")
            self._run(lambda: framework.write_template(o["kind"], Path(o["file"])))
            self.stdout.write(f"Sjabloon geschreven: {o['file']}")
            return
        actor = self._actor(o["user"])
        if o["undo"]:
            self._run(lambda: framework.undo(o["undo"], actor=actor))
            self.stdout.write(f"Import {o['undo']} ongedaan gemaakt.")
            return
        if not (o["kind"] and o["file"]):
            raise CommandError("Gebruik: samen import KIND BESTAND --user NAAM [--source NAAM]")
        path = Path(o["file"])
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        result = self._run(
            lambda: framework.run(
                o["kind"], path, actor=actor, source=o["source"], dry_run=o["dry_run"]
            )
        )
        if not result.ok:
            self.stderr.write(f"{len(result.errors)} fout(en); er werd niets geïmporteerd:")
            for error in result.errors:
                self.stderr.write(f"  {error}")
            sys.exit(1)
        for model, counts in result.summary.items():
            self.stdout.write(
                f"  {model}: {counts['aangemaakt']} aangemaakt, {counts['bijgewerkt']} bijgewerkt"
            )
        if result.dry_run:
            self.stdout.write(f"Proef: {result.rows} rijen in orde; niets geschreven.")
        else:
            self.stdout.write(
                f"Import {result.batch.pk}: {result.rows} rijen geïmporteerd "
                f"(ongedaan maken: samen import --undo {result.batch.pk})."
            )

    def _actor(self, username):
        import os

        username = username or os.environ.get("SAMEN_USER")
        if not username:
            raise CommandError("Geef aan wie importeert: --user NAAM (of SAMEN_USER).")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker '{username}' bestaat niet.")
        return user

    def _run(self, action):
        try:
            return action()
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(" ".join(messages)) from exc
