from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Samen for development (production: gunicorn, see docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        # Static files straight from the apps, also with DEBUG off (a local production-like
        # run); in production a web server or CDN serves them (docs/operations.md).
        call_command("runserver", addrport, use_reloader=False, insecure_serving=True)
