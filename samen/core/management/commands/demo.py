from django.core.management.base import BaseCommand

from samen.core import demo_steps
from samen.registry import demo


class Command(BaseCommand):
    help = "Load the demo region (deterministic for --seed; running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            default=[],
            choices=sorted(demo_steps.YEAR_STEPS),
            help="also add this past year as records (2018: the annual report's year)",
        )
        parser.add_argument(
            "--code", action="store_true", help="print the demo authenticator's current code"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="only when the database holds no persons yet"
        )

    def handle(self, *args, seed: int, quiet: bool, if_empty: bool, year: list, code: bool,
               **options):  # fmt: skip
        from samen.registry.models import Person

        if code:
            self.stdout.write(demo.demo_totp_code())
            return
        if if_empty and Person.objects.exists():
            logins = demo.logins()
            self.stdout.write("The database already holds data; no demo loaded.")
        else:
            demo_steps.run(seed=seed, progress=not quiet, years=tuple(year))
            logins = demo.logins()
            self.stdout.write(self.style.SUCCESS("Demo region ready."))
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
        for username, role in logins:
            self.stdout.write(f"  {username:<20} {role}")
        self.stdout.write(
            "Second step for users with a role: the code of an authenticator app holding the "
            f"demo key {demo.demo_totp_key()}, or the code `samen demo --code` prints."
        )
