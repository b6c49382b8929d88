"""samen export open-data YEAR FILE.csv: the published key figures per municipality, with
small-cell suppression (docs/open-data.md describes the columns)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from samen.reports import services


class Command(BaseCommand):
    help = "Export published aggregates: open-data YEAR FILE.csv"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["open-data"])
        parser.add_argument("year", type=int)
        parser.add_argument("file")

    def handle(self, *args, what, year, file, **options):
        if not 2000 <= year <= dt.date.today().year:
            raise CommandError(f"jaar: {year} is geen jaar met cijfers.")
        text = services.open_data_csv(dt.date(year, 1, 1), dt.date(year, 12, 31))
        with open(file, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        self.stdout.write(f"{file}: {text.count(chr(10)) - 1} gemeenten")
