"""samen retention run [--today DD/MM/YYYY] [--dry-run] | show | set CODE YEARS:
anonymise the files closed longer than their programme's retention period."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samen.core.dates import parse_day
from samen.registry import services
from samen.registry.models import Programme


class Command(BaseCommand):
    help = "Retention: anonymise files closed longer than their programme keeps them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="anonymise what is due (audited)")
        run.add_argument("--today", help="the day to judge from (DD/MM/YYYY); default today")
        run.add_argument("--dry-run", action="store_true", help="count only, change nothing")
        sub.add_parser("show", help="each programme's retention period")
        change = sub.add_parser("set", help="change a programme's retention period (audited)")
        change.add_argument("code")
        change.add_argument("years", type=int)

    def handle(self, *args, action: str, **options):
        if action == "show":
            for p in Programme.objects.order_by("code"):
                self.stdout.write(f"{p.code:<28} {p.retention_years:>3} jaar  {p.name}")
        elif action == "set":
            programme = Programme.objects.filter(code=options["code"]).first()
            if programme is None:
                codes = ", ".join(Programme.objects.order_by("code").values_list("code", flat=True))
                raise CommandError(f"code: '{options['code']}' is geen programma ({codes}).")
            try:
                services.programme_retention_set(programme=programme, years=options["years"])
            except ValidationError as exc:
                raise CommandError(f"years: {' '.join(exc.messages)}") from None
            self.stdout.write(f"{programme.code}: {programme.retention_years} jaar.")
        else:
            today = None
            if options["today"]:
                try:
                    today = parse_day(options["today"])
                except ValueError:
                    raise CommandError(
                        f"--today: '{options['today']}' is geen datum; gebruik DD/MM/JJJJ."
                    ) from None
            due = services.retention_run(today=today, dry_run=options["dry_run"])
            verb = "te anonimiseren" if options["dry_run"] else "geanonimiseerd"
            self.stdout.write(f"{len(due)} personen {verb}.")
