from django.core.management.base import BaseCommand

from samen.registry import demo


class Command(BaseCommand):
    help = "Load the demo region (deterministic for --seed; running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, seed: int, quiet: bool, **options):
        logins = demo.build(seed=seed, progress=not quiet)
        self.stdout.write(self.style.SUCCESS("Demo region ready. Demo logins "
                                             f"(password: {demo.DEMO_PASSWORD}):"))
        for username, role in logins:
            self.stdout.write(f"  {username:<20} {role}")
