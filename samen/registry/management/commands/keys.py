"""samen keys rotate: encrypt every INSZ again under the newest field key (the first of
SAMEN_FIELD_KEYS), so that the older keys can be removed. See docs/operations.md."""

from django.core.management.base import BaseCommand

from samen.registry import services


class Command(BaseCommand):
    help = "Key rotation for the field encryption: samen keys rotate."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate"])

    def handle(self, *args, action: str, **options):
        done = services.field_keys_rotate()
        self.stdout.write(
            f"{done} rijksregisternummers opnieuw versleuteld met de nieuwste sleutel."
        )
